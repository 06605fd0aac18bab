import type { JourneyDocument } from '../document';

/** REQUIREMENTS.md example 1: new member welcome → first order. */
export const welcomeJourney: JourneyDocument = {
  format: 'journey/v1',
  id: 'welcome',
  name: 'New member welcome',
  description: 'Welcome new members with a coupon and nudge them to a first order within 7 days.',
  entry: { reentry: 'never' },
  goal: { event: 'order_paid', within: 'P7D', exitOnGoal: false },
  exitWhen: [{ event: 'unsubscribed' }],
  nodes: [
    { id: 'trigger', kind: 'trigger.event', config: { event: 'member_joined' }, position: { x: 390, y: 0 } },
    { id: 'welcome_msg', kind: 'action.message', config: { channel: 'sms', template: 'Welcome {{member.name}}! Your new-member coupon is waiting.' }, position: { x: 390, y: 188 } },
    { id: 'bonus', kind: 'action.reward', config: { reward: { type: 'points', amount: 100 } }, position: { x: 390, y: 377 } },
    { id: 'wait_order', kind: 'wait.event', config: { event: 'order_paid', timeout: 'P3D' }, position: { x: 390, y: 565 } },
    { id: 'done', kind: 'end', position: { x: 130, y: 783 } },
    { id: 'reminder', kind: 'action.message', config: { channel: 'sms', template: '{{member.name}}, your coupon expires soon: shop now' }, position: { x: 650, y: 783 } },
    { id: 'end_reminded', kind: 'end', position: { x: 650, y: 971 } },
  ],
  edges: [
    { source: 'trigger', target: 'welcome_msg' },
    { source: 'welcome_msg', target: 'bonus' },
    { source: 'bonus', target: 'wait_order' },
    { source: 'wait_order', sourceHandle: 'event', target: 'done' },
    { source: 'wait_order', sourceHandle: 'timeout', target: 'reminder' },
    { source: 'reminder', target: 'end_reminded' },
  ],
};
