import { and, asc, eq, lte } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { outbox } from '@/db/schema';
import { logDecision } from './delivery';
import { webhookTargetProblem } from './outbound';

export const WEBHOOK_MAX_ATTEMPTS = 5;
const BASE_BACKOFF_MS = 30_000;

/**
 * Sends pending webhook messages. Delivery is at-least-once on the wire, so
 * every request carries the outbox key as `Idempotency-Key` for the receiver
 * to deduplicate. Failures back off exponentially and end as `dead` (visible
 * in the outbox) after WEBHOOK_MAX_ATTEMPTS.
 */
export async function deliverWebhooks(db: Db, now: number, fetchImpl: typeof fetch = fetch, limit = 50): Promise<number> {
  const due = db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), eq(outbox.channel, 'webhook'), lte(outbox.deliverAfter, now)))
    .orderBy(asc(outbox.id))
    .limit(limit)
    .all();
  for (const row of due) {
    // Checked again after DNS: a name that now points inside the network is refused, not posted to.
    const refused = await webhookTargetProblem(String(row.payload.url));
    let failure: string | null = refused ? `refused: ${refused}`.slice(0, 200) : null;
    if (!refused) try {
      const res = await fetchImpl(String(row.payload.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': row.idempotencyKey },
        body: JSON.stringify({ memberId: row.memberId, journeyId: row.journeyId, nodeId: row.nodeId, text: row.payload.text, key: row.idempotencyKey }),
        signal: AbortSignal.timeout(5_000),
      });
      if (!res.ok) failure = `http_${res.status}`;
    } catch (err) {
      failure = `error: ${(err as Error).message}`.slice(0, 200);
    }
    const attempts = row.attempts + 1;
    if (!failure) {
      db.update(outbox).set({ status: 'sent', reason: 'sent', attempts, deliveredAt: now }).where(eq(outbox.id, row.id)).run();
      logDecision(db, row, 'sent', 'sent', now);
    } else if (attempts >= WEBHOOK_MAX_ATTEMPTS || refused) {
      // A refused address does not become allowed by waiting: no retries.
      db.update(outbox).set({ status: 'dead', reason: failure, attempts }).where(eq(outbox.id, row.id)).run();
      logDecision(db, row, 'dead', failure, now);
    } else {
      const deliverAfter = now + BASE_BACKOFF_MS * 2 ** (attempts - 1);
      db.update(outbox).set({ reason: failure, attempts, deliverAfter }).where(eq(outbox.id, row.id)).run();
      logDecision(db, row, 'failed', failure, now);
    }
  }
  return due.length;
}
