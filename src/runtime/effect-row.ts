import { isHeldOut, type EvalEnv } from '@/journey';
import type { EnrolmentRow, OutboxRow } from '@/db/enrolment-store';
import { HTML_CHANNELS, renderTemplate } from './template';
import { COUPON_CODE_MARK } from './coupons';

// `{{coupon.code}}` stays in the text: the code is known only when the reward is delivered (fillCouponCode).
const coupon = { code: COUPON_CODE_MARK };

/** The outbox row for one effect of a step; a message's text is rendered now, with the member as they are at this step. */
export function effectRow(e: EnrolmentRow, nodeId: string, visit: number, effect: Record<string, unknown>, env: EvalEnv, now: number): OutboxRow {
  const { holdoutPercent, ...payload } = effect;
  // A held-out member (global control) is enrolled and counted but gets nothing: the effect is recorded as skipped.
  const heldOut = isHeldOut(e.journeyId, e.memberId, typeof holdoutPercent === 'number' ? holdoutPercent : undefined);
  if (!heldOut && effect.type === 'message' && typeof effect.template === 'string') {
    payload.text = renderTemplate(effect.template, { member: env.member, event: env.event, coupon }, { html: HTML_CHANNELS.has(String(effect.channel)) });
    // A subject line is a plain-text template too (mail headers are not HTML).
    if (typeof effect.subject === 'string') payload.subject = renderTemplate(effect.subject, { member: env.member, event: env.event, coupon });
  }
  return {
    // One effect per (enrolment, node, visit): a retried step can never add a second one.
    idempotencyKey: `${e.id}:${nodeId}:${visit}`,
    enrolmentId: e.id,
    journeyId: e.journeyId,
    nodeId,
    memberId: e.memberId,
    type: String(effect.type),
    channel: typeof effect.channel === 'string' ? effect.channel : null,
    payload,
    status: heldOut ? 'skipped' : 'pending',
    ...(heldOut ? { reason: 'holdout' } : {}),
    createdAt: now,
    deliverAfter: now,
  };
}
