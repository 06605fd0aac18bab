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
    { id: 'trigger', kind: 'trigger.event', config: { event: 'checkout_started' }, position: { x: 300, y: 0 } },
    { id: 'wait_1h', kind: 'wait.event', config: { event: 'order_paid', timeout: 'PT1H' }, position: { x: 300, y: 130 } },
    { id: 'paid_1', kind: 'end', position: { x: 80, y: 270 } },
    { id: 'push', kind: 'action.message', config: { channel: 'app_push', template: '{{member.name}}, your cart is waiting' }, position: { x: 480, y: 270 } },
    { id: 'wait_24h', kind: 'wait.event', config: { event: 'order_paid', timeout: 'P1D' }, position: { x: 480, y: 400 } },
    { id: 'paid_2', kind: 'end', position: { x: 260, y: 540 } },
    { id: 'ab', kind: 'split.ab', config: { experiment: 'cart_coupon', variants: [{ key: 'coupon', weight: 50 }, { key: 'control', weight: 50, control: true }] }, position: { x: 640, y: 540 } },
    { id: 'coupon_msg', kind: 'action.message', config: { channel: 'sms', template: '{{member.name}}, here is 10% off to complete your order' }, position: { x: 520, y: 680 } },
    { id: 'end_coupon', kind: 'end', position: { x: 520, y: 810 } },
    { id: 'end_control', kind: 'end', position: { x: 780, y: 680 } },
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
