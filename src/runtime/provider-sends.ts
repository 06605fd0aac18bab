import type { Db } from '@/db/client';
import { settleExternal, type OutboxRecord } from '@/db/outbox-external';
import { recipientFor } from '@/channels/recipient';
import { resolveProvider, sendMessage } from '@/channels/send';
import { revokeConsent } from '@/channels/events';
import type { SendsFor } from './delivery';
import { renderTemplate } from './template';

export const PROVIDER_MAX_ATTEMPTS = 5;
const BASE_BACKOFF_MS = 30_000;

/**
 * Which channels have a provider (configured in Settings → Channels, SMTP from
 * the environment, or built in like the in-app inbox), re-read every few
 * seconds so a provider configured while the app runs is used without a restart.
 */
export function providerChannels(db: Db, ttlMs = 5_000): SendsFor {
  const cache = new Map<string, { sends: boolean; at: number }>();
  return (channel) => {
    const hit = cache.get(channel);
    if (hit && Date.now() - hit.at < ttlMs) return hit.sends;
    const sends = channel !== 'webhook' && resolveProvider(db, channel) !== null;
    cache.set(channel, { sends, at: Date.now() });
    return sends;
  };
}

/** One provider send of a message the gateway let through, and its outcome recorded (backoff from this attempt). */
export async function sendThroughProvider(
  db: Db,
  row: OutboxRecord,
  now: () => number,
  /** Wraps the recording of the outcome (a lease-mode worker fences it, see Dispatcher.fence). */
  record: (write: () => void) => void = (write) => write(),
): Promise<void> {
  const settle = (outcome: Parameters<typeof settleExternal>[2]) => record(() => settleExternal(db, row, outcome));
  const p = row.payload as { text?: string; subject?: string; templateId?: string; params?: Record<string, string>; trackLinks?: boolean };
  const recipient = recipientFor(db, row.memberId);
  const attempts = row.attempts + 1;
  if (!recipient) return settle({ status: 'dead', reason: 'unknown_member', attempts, at: now() });
  // Template params may use the same {{member.…}} variables as the text.
  const params = p.params ? Object.fromEntries(Object.entries(p.params).map(([k, v]) => [k, renderTemplate(String(v), { member: recipient as never })])) : undefined;
  const result = await sendMessage(db, {
    idempotencyKey: row.idempotencyKey,
    memberId: row.memberId,
    journeyId: row.journeyId,
    nodeId: row.nodeId,
    channel: row.channel ?? '',
    recipient,
    subject: p.subject,
    text: String(p.text ?? ''),
    templateId: p.templateId,
    params,
    links: p.trackLinks,
  });
  const at = now();
  if ('recordOnly' in result) return settle({ status: 'sent', reason: 'record_only', attempts, at });
  if (result.ok) return settle({ status: 'sent', reason: 'sent', attempts, at });
  if (result.consentRevoked) revokeConsent(row.memberId, row.channel ?? '', result.reason, row.idempotencyKey);
  if (!result.retry || attempts >= PROVIDER_MAX_ATTEMPTS) return settle({ status: 'dead', reason: result.reason.slice(0, 200), attempts, at });
  settle({ status: 'failed', reason: result.reason.slice(0, 200), attempts, at, retryAt: at + (result.retryAfterMs ?? BASE_BACKOFF_MS * 2 ** (attempts - 1)) });
}
