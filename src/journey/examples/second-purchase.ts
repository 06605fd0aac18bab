import type { JourneyDocument } from '../document';

/** REQUIREMENTS.md example 2: second purchase within 10 days of the first. */
export const secondPurchaseJourney: JourneyDocument = {
  format: 'journey/v1',
  id: 'second-purchase',
  name: 'Second purchase within 10 days',
  description: 'After a first order: points, then a personalised recommendation with a coupon, then a last reminder.',
  entry: { reentry: 'never' },
  goal: { event: 'order_paid', within: 'P10D', exitOnGoal: true },
  exitWhen: [{ event: 'unsubscribed' }],
  nodes: [
    { id: 'trigger', kind: 'trigger.event', config: { event: 'order_paid' }, position: { x: 390, y: 0 } },
    { id: 'first_order', kind: 'branch.count', config: { event: 'order_paid', within: 'P365D', count: { op: 'eq', value: 1 } }, position: { x: 390, y: 174 } },
    { id: 'not_first', kind: 'end', position: { x: 728, y: 348 } },
    { id: 'points', kind: 'action.reward', config: { reward: { type: 'points', amount: 200 } }, position: { x: 390, y: 348 } },
    { id: 'wait_3d', kind: 'wait.duration', config: { duration: 'P3D' }, position: { x: 390, y: 522 } },
    { id: 'recommend', kind: 'action.message', config: { channel: 'app_push', template: '{{member.name}}, picked for you: new arrivals + a 20 off coupon' }, position: { x: 390, y: 696 } },
    { id: 'coupon', kind: 'action.reward', config: { reward: { type: 'coupon', couponId: 'SECOND20', value: 20 } }, position: { x: 390, y: 870 } },
    { id: 'wait_order', kind: 'wait.event', config: { event: 'order_paid', timeout: 'P7D' }, position: { x: 390, y: 1044 } },
    { id: 'ordered', kind: 'end', position: { x: 156, y: 1232 } },
    { id: 'last_call', kind: 'action.message', config: { channel: 'sms', template: '{{member.name}}, your 20 off coupon ends today' }, position: { x: 624, y: 1232 } },
    { id: 'end_last', kind: 'end', position: { x: 624, y: 1406 } },
  ],
  edges: [
    { source: 'trigger', target: 'first_order' },
    { source: 'first_order', sourceHandle: 'yes', target: 'points' },
    { source: 'first_order', sourceHandle: 'no', target: 'not_first' },
    { source: 'points', target: 'wait_3d' },
    { source: 'wait_3d', target: 'recommend' },
    { source: 'recommend', target: 'coupon' },
    { source: 'coupon', target: 'wait_order' },
    { source: 'wait_order', sourceHandle: 'event', target: 'ordered' },
    { source: 'wait_order', sourceHandle: 'timeout', target: 'last_call' },
    { source: 'last_call', target: 'end_last' },
  ],
};
