import { and, asc, eq, inArray, lte, notInArray, sql } from 'drizzle-orm';
import type { Db } from './client';
import { deliveryLog, outbox } from './schema';

export type OutboxRecord = typeof outbox.$inferSelect;
export type DecisionKind = 'sent' | 'skipped' | 'deferred' | 'failed' | 'dead';

/** One row of the decision log: what happened to an effect, and why. */
export function logDecision(db: Db, row: Pick<OutboxRecord, 'id' | 'memberId' | 'journeyId'>, decision: DecisionKind, reason: string, at: number): void {
  db.insert(deliveryLog).values({ outboxId: row.id, memberId: row.memberId, journeyId: row.journeyId, decision, reason, at }).run();
}

/**
 * Due messages that leave the process (webhooks, provider sends) of the given
 * member partitions, oldest first, leaving out those already in flight here.
 */
export function claimExternal(
  db: Db,
  q: { now: number; limit: number; partitions: readonly number[] | null; exclude: ReadonlySet<number>; channels: readonly string[] },
): OutboxRecord[] {
  if (!q.channels.length) return [];
  const conditions = [eq(outbox.status, 'pending'), inArray(outbox.channel, [...q.channels]), lte(outbox.deliverAfter, q.now)];
  if (q.partitions) conditions.push(sql`member_partition(${outbox.memberId}) in (${sql.join(q.partitions.map((p) => sql`${p}`), sql`, `)})`);
  if (q.exclude.size) conditions.push(notInArray(outbox.id, [...q.exclude]));
  return db
    .select()
    .from(outbox)
    .where(and(...conditions))
    .orderBy(asc(outbox.deliverAfter), asc(outbox.id))
    .limit(q.limit)
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
