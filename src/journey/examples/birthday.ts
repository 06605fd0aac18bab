import type { JourneyDocument } from '../document';

/** REQUIREMENTS.md example 3: birthday care (生日有礼), richer for gold and above. */
export const birthdayJourney: JourneyDocument = {
  format: 'journey/v1',
  id: 'birthday-care',
  name: 'Birthday care',
  description: 'Three days before each birthday: gold and platinum get a bigger coupon and a WeCom note from their associate, others an SMS.',
  entry: { reentry: 'always', minInterval: 'P300D' },
  goal: { event: 'order_paid', within: 'P30D', exitOnGoal: false },
  nodes: [
    { id: 'trigger', kind: 'trigger.date', config: { attr: 'birthday', offsetDays: -3, at: '09:00' }, position: { x: 390, y: 0 } },
    { id: 'tier', kind: 'branch.attribute', config: { condition: { attr: 'tier', op: 'in', value: ['gold', 'platinum'] } }, position: { x: 390, y: 174 } },
    { id: 'big_coupon', kind: 'action.reward', config: { reward: { type: 'coupon', couponId: 'BDAY100', value: 100 } }, position: { x: 156, y: 348 } },
    { id: 'wecom', kind: 'action.message', config: { channel: 'wecom', template: 'Happy birthday {{member.name}}! A 100 coupon is waiting for you.' }, position: { x: 156, y: 522 } },
    { id: 'end_gold', kind: 'end', position: { x: 156, y: 696 } },
    { id: 'coupon', kind: 'action.reward', config: { reward: { type: 'coupon', couponId: 'BDAY30', value: 30 } }, position: { x: 624, y: 348 } },
    { id: 'sms', kind: 'action.message', config: { channel: 'sms', template: 'Happy birthday {{member.name}}! Enjoy 30 off this month.' }, position: { x: 624, y: 522 } },
    { id: 'end_other', kind: 'end', position: { x: 624, y: 696 } },
  ],
  edges: [
    { source: 'trigger', target: 'tier' },
    { source: 'tier', sourceHandle: 'yes', target: 'big_coupon' },
    { source: 'big_coupon', target: 'wecom' },
    { source: 'wecom', target: 'end_gold' },
    { source: 'tier', sourceHandle: 'no', target: 'coupon' },
    { source: 'coupon', target: 'sms' },
    { source: 'sms', target: 'end_other' },
  ],
};
