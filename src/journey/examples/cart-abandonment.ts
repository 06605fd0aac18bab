import type { JourneyDocument } from '../document';

/** REQUIREMENTS.md example 4: cart abandonment with an A/B test of a coupon. */
export const cartAbandonmentJourney: JourneyDocument = {
  format: 'journey/v1',
  id: 'cart-abandonment',
  name: 'Cart abandonment',
  description: 'Nudge members who started checkout but did not pay; A/B test a coupon against no coupon.',
  entry: { reentry: 'after_exit', minInterval: 'P1D' },
  goal: { event: 'order_paid', within: 'P3D', exitOnGoal: false },
  nodes: [
    { id: 'trigger', kind: 'trigger.event', config: { event: 'checkout_started' }, position: { x: 390, y: 0 } },
    { id: 'wait_1h', kind: 'wait.event', config: { event: 'order_paid', timeout: 'PT1H' }, position: { x: 390, y: 188 } },
    { id: 'paid_1', kind: 'end', position: { x: 104, y: 391 } },
    { id: 'push', kind: 'action.message', config: { channel: 'app_push', template: '{{member.name}}, your cart is waiting' }, position: { x: 624, y: 391 } },
    { id: 'wait_24h', kind: 'wait.event', config: { event: 'order_paid', timeout: 'P1D' }, position: { x: 624, y: 580 } },
    { id: 'paid_2', kind: 'end', position: { x: 338, y: 783 } },
    { id: 'ab', kind: 'split.ab', config: { experiment: 'cart_coupon', variants: [{ key: 'coupon', weight: 50 }, { key: 'control', weight: 50, control: true }] }, position: { x: 832, y: 783 } },
    { id: 'coupon_msg', kind: 'action.message', config: { channel: 'sms', template: '{{member.name}}, here is 10% off to complete your order' }, position: { x: 676, y: 986 } },
    { id: 'end_coupon', kind: 'end', position: { x: 676, y: 1174 } },
    { id: 'end_control', kind: 'end', position: { x: 1014, y: 986 } },
  ],
  edges: [
    { source: 'trigger', target: 'wait_1h' },
    { source: 'wait_1h', sourceHandle: 'event', target: 'paid_1' },
    { source: 'wait_1h', sourceHandle: 'timeout', target: 'push' },
    { source: 'push', target: 'wait_24h' },
    { source: 'wait_24h', sourceHandle: 'event', target: 'paid_2' },
    { source: 'wait_24h', sourceHandle: 'timeout', target: 'ab' },
    { source: 'ab', sourceHandle: 'coupon', target: 'coupon_msg' },
    { source: 'coupon_msg', target: 'end_coupon' },
    { source: 'ab', sourceHandle: 'control', target: 'end_control' },
  ],
};
