import type { Db } from '@/db/client';
import { claimExternal, settleExternal, type OutboxRecord } from '@/db/outbox-external';
import { webhookTargetProblem } from './outbound';

export const WEBHOOK_MAX_ATTEMPTS = 5;
const BASE_BACKOFF_MS = 30_000;
/** A receiver gets this long to answer one request; a hanging one costs a retry, never the engine's time. */
export const WEBHOOK_TIMEOUT_MS = 5_000;

export const isWebhook = (row: Pick<OutboxRecord, 'channel'>) => row.channel === 'webhook';

/**
 * Posts one webhook message. Delivery is at-least-once on the wire, so every
 * request carries the outbox key as `Idempotency-Key` for the receiver to
 * deduplicate. Returns why it failed, or null; `refused` when the address may
 * never be used (no retry).
 */
export async function postWebhook(row: OutboxRecord, fetchImpl: typeof fetch = fetch, timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<{ failure: string | null; final: boolean }> {
  // Checked again after DNS: a name that now points inside the network is refused, not posted to.
  const refused = await webhookTargetProblem(String(row.payload.url));
  if (refused) return { failure: `refused: ${refused}`.slice(0, 200), final: true };
  try {
    const res = await fetchImpl(String(row.payload.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': row.idempotencyKey },
      body: JSON.stringify({ memberId: row.memberId, journeyId: row.journeyId, nodeId: row.nodeId, text: row.payload.text, key: row.idempotencyKey }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    // The body is not needed; reading it lets the connection be reused.
    await res.body?.cancel().catch(() => {});
    return { failure: res.ok ? null : `http_${res.status}`, final: false };
  } catch (err) {
    return { failure: `error: ${(err as Error).message}`.slice(0, 200), final: false };
  }
}

/**
 * Records an attempt's outcome. Failures back off exponentially from the time
 * this attempt ended (not from when a batch started) and end as `dead`
 * (visible and retryable in the outbox) after WEBHOOK_MAX_ATTEMPTS.
 */
export function settleWebhook(db: Db, row: OutboxRecord, outcome: { failure: string | null; final: boolean }, attemptEndedAt: number): void {
  const attempts = row.attempts + 1;
  if (!outcome.failure) settleExternal(db, row, { status: 'sent', reason: 'sent', attempts, at: attemptEndedAt });
  else if (attempts >= WEBHOOK_MAX_ATTEMPTS || outcome.final) settleExternal(db, row, { status: 'dead', reason: outcome.failure, attempts, at: attemptEndedAt });
  else settleExternal(db, row, { status: 'failed', reason: outcome.failure, attempts, at: attemptEndedAt, retryAt: attemptEndedAt + BASE_BACKOFF_MS * 2 ** (attempts - 1) });
}

/**
 * Sends the due webhook messages one after another and records each outcome:
 * the simple form used by tests and the simulator. The app's engine workers
 * send through the Dispatcher instead, concurrently and without holding up
 * stepping. `now` is when this pass runs (virtual in tests).
 */
export async function deliverWebhooks(db: Db, now: number, fetchImpl: typeof fetch = fetch, limit = 50): Promise<number> {
  const due = claimExternal(db, { now, limit, partitions: null, exclude: new Set(), channels: ['webhook'] });
  for (const row of due) settleWebhook(db, row, await postWebhook(row, fetchImpl), now);
  return due.length;
}
