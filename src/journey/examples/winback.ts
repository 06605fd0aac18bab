import type { JourneyDocument } from '../document';

/** REQUIREMENTS.md example 5: weekly dormant member win-back (沉睡唤醒) with an incentive test and a control group. */
export const winbackJourney: JourneyDocument = {
  format: 'journey/v1',
  id: 'dormant-winback',
  name: 'Dormant member win-back',
  description: 'Every Monday: members with no order in 90 days get points, a coupon, or nothing (control).',
  entry: { reentry: 'after_exit', minInterval: 'P30D' },
  goal: { event: 'order_paid', within: 'P14D', exitOnGoal: true },
  exitWhen: [{ event: 'unsubscribed' }],
  nodes: [
    { id: 'trigger', kind: 'trigger.segment', config: { condition: { not: { event: 'order_paid', within: 'P90D' } }, schedule: { cron: '0 10 * * 1', tz: 'Asia/Shanghai' } }, position: { x: 390, y: 0 } },
    { id: 'ab', kind: 'split.ab', config: { experiment: 'winback_incentive', variants: [{ key: 'points', weight: 40 }, { key: 'coupon', weight: 40 }, { key: 'control', weight: 20, control: true }] }, position: { x: 390, y: 188 } },
    { id: 'give_points', kind: 'action.reward', config: { reward: { type: 'points', amount: 500 } }, position: { x: 78, y: 377 } },
    { id: 'sms_points', kind: 'action.message', config: { channel: 'sms', template: '{{member.name}}, we miss you: 500 points added to your account' }, position: { x: 78, y: 551 } },
    { id: 'give_coupon', kind: 'action.reward', config: { reward: { type: 'coupon', couponId: 'WINBACK30', value: 30 } }, position: { x: 390, y: 377 } },
    { id: 'sms_coupon', kind: 'action.message', config: { channel: 'sms', template: '{{member.name}}, we miss you: 30 off your next order' }, position: { x: 390, y: 551 } },
    { id: 'wait', kind: 'wait.duration', config: { duration: 'P14D' }, position: { x: 390, y: 725 } },
    { id: 'end', kind: 'end', position: { x: 390, y: 899 } },
    { id: 'end_control', kind: 'end', position: { x: 702, y: 377 } },
  ],
  edges: [
    { source: 'trigger', target: 'ab' },
    { source: 'ab', sourceHandle: 'points', target: 'give_points' },
    { source: 'give_points', target: 'sms_points' },
    { source: 'sms_points', target: 'wait' },
    { source: 'ab', sourceHandle: 'coupon', target: 'give_coupon' },
    { source: 'give_coupon', target: 'sms_coupon' },
    { source: 'sms_coupon', target: 'wait' },
    { source: 'wait', target: 'end' },
    { source: 'ab', sourceHandle: 'control', target: 'end_control' },
  ],
};
