import { and, asc, eq, inArray, lte, notInArray, or, sql } from 'drizzle-orm';
import type { Db } from './client';
import { limitSkipLocked } from './dialect';
import { outbox } from './schema';
import { prepared } from './prepared';

export type OutboxRecord = typeof outbox.$inferSelect;
export type DecisionKind = 'sent' | 'skipped' | 'deferred' | 'failed' | 'dead';

/** One row of the decision log: what happened to an effect, and why. */
export function logDecision(db: Db, row: Pick<OutboxRecord, 'id' | 'memberId' | 'journeyId'>, decision: DecisionKind, reason: string, at: number): void {
  prepared(db, 'insert into delivery_log (outbox_id, member_id, journey_id, decision, reason, at) values (?, ?, ?, ?, ?, ?)').run(row.id, row.memberId, row.journeyId, decision, reason, at);
}

/**
 * Due messages that leave the process of the given member partitions, oldest
 * first, leaving out those already in flight here: webhooks of `channels`
 * still pending, and provider messages the gateway let through (`sending`).
 */
export function claimExternal(
  db: Db,
  q: { now: number; limit: number; partitions: readonly number[] | null; exclude: ReadonlySet<number>; channels: readonly string[]; providers?: boolean },
): OutboxRecord[] {
  // Webhooks skip the gateway (pending); provider messages have passed it (sending).
  const webhooks = and(eq(outbox.status, 'pending'), inArray(outbox.channel, [...q.channels]));
  const queued = q.providers ? or(webhooks, eq(outbox.status, 'sending')) : webhooks;
  const conditions = [queued, lte(outbox.deliverAfter, q.now)];
  if (q.partitions) conditions.push(sql`member_partition(${outbox.memberId}) in (${sql.join(q.partitions.map((p) => sql`${p}`), sql`, `)})`);
  if (q.exclude.size) conditions.push(notInArray(outbox.id, [...q.exclude]));
  return db
    .select()
    .from(outbox)
    .where(and(...conditions))
    .orderBy(asc(outbox.deliverAfter), asc(outbox.id))
    .limit(limitSkipLocked(db, q.limit))
    .all();
}

/** Records a send attempt and its decision in one transaction. `retryAt` keeps the row pending until then. */
export function settleExternal(
  db: Db,
  row: OutboxRecord,
  r: { status: 'sent' | 'dead' | 'failed'; reason: string; attempts: number; at: number; retryAt?: number },
): void {
  db.transaction(() => {
    if (r.status === 'failed') db.update(outbox).set({ reason: r.reason, attempts: r.attempts, deliverAfter: r.retryAt ?? r.at }).where(eq(outbox.id, row.id)).run();
    else db.update(outbox).set({ status: r.status, reason: r.reason, attempts: r.attempts, deliveredAt: r.status === 'sent' ? r.at : null }).where(eq(outbox.id, row.id)).run();
    logDecision(db, row, r.status, r.reason, r.at);
  });
}
