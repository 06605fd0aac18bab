import type { EvalEnv } from '@/journey';
import type { EnrolmentRow, OutboxRow } from './enrolment-store';
import { HTML_CHANNELS, renderTemplate } from './template';

/** The outbox row for one effect of a step; a message's text is rendered now, with the member as they are at this step. */
export function effectRow(e: EnrolmentRow, nodeId: string, visit: number, effect: Record<string, unknown>, env: EvalEnv, now: number): OutboxRow {
  const payload: Record<string, unknown> = { ...effect };
  if (effect.type === 'message' && typeof effect.template === 'string') {
    payload.text = renderTemplate(effect.template, { member: env.member, event: env.event }, { html: HTML_CHANNELS.has(String(effect.channel)) });
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
    status: 'pending',
    createdAt: now,
    deliverAfter: now,
  };
}
