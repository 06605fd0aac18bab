import { and, asc, eq, lte, ne, or, isNull, sql } from 'drizzle-orm';
import type { Db } from './client';
import { limitSkipLocked } from './dialect';
import { outbox } from './schema';
import { prepared } from './prepared';

// The outbox rows the delivery pass and the step settle (src/runtime/delivery.ts): pending effects, their
// deferral and outcome, and the facts of a member the sending gateway checks.

export type OutboxRecord = typeof outbox.$inferSelect;
export type NewOutboxRow = Omit<typeof outbox.$inferInsert, 'id'>;

/** Whether any in-process effect is due: an idle engine worker polls this, so it is a prepared statement. */
export function anyEffectDue(db: Db, now: number): boolean {
  return prepared(db, `select 1 from outbox where status = 'pending' and deliver_after <= ? and (channel is null or channel <> 'webhook') limit 1`).get(now) !== undefined;
}

/** Due in-process effects (webhooks are the Dispatcher's), oldest first, of some member partitions (all for null). */
export function dueEffects(db: Db, now: number, limit: number, partitions: readonly number[] | null): OutboxRecord[] {
  const owned = partitions ? sql`member_partition(${outbox.memberId}) in (${sql.join(partitions.map((p) => sql`${p}`), sql`, `)})` : undefined;
  const where = and(eq(outbox.status, 'pending'), lte(outbox.deliverAfter, now), or(isNull(outbox.channel), ne(outbox.channel, 'webhook')), owned);
  return db.select().from(outbox).where(where).orderBy(asc(outbox.deliverAfter), asc(outbox.id)).limit(limitSkipLocked(db, limit)).all();
}

export function deferEffect(db: Db, id: number, until: number, reason: string): void {
  prepared(db, 'update outbox set deliver_after = ?, reason = ? where id = ?').run(until, reason, id);
}

/** Handed to a provider: the Dispatcher sends it and records the outcome. */
export function markSending(db: Db, id: number): void {
  prepared(db, `update outbox set status = 'sending', reason = 'queued' where id = ?`).run(id);
}

export function settleEffect(db: Db, id: number, o: { status: string; reason: string; attempts: number; at: number }): void {
  prepared(db, 'update outbox set status = ?, reason = ?, attempts = ?, delivered_at = ? where id = ?').run(o.status, o.reason, o.attempts, o.at, id);
}

/** Writes an effect's row as pending; null when a row with its key exists already (then it was applied when written). */
export function insertPendingEffect(db: Db, row: NewOutboxRow): number | null {
  const inserted = prepared(
    db,
    `insert into outbox (idempotency_key, enrolment_id, journey_id, node_id, member_id, type, channel, payload, status, created_at, deliver_after)
     values (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?) on conflict do nothing`,
  ).run(row.idempotencyKey, row.enrolmentId, row.journeyId, row.nodeId, row.memberId, row.type, row.channel ?? null, JSON.stringify(row.payload), row.createdAt, row.deliverAfter);
  return inserted.changes ? Number(inserted.lastInsertRowid) : null;
}

/** `{{coupon.code}}` filled in: the message as it will be sent and shown. */
export function setEffectPayload(db: Db, id: number, payload: Record<string, unknown>): void {
  prepared(db, 'update outbox set payload = ? where id = ?').run(JSON.stringify(payload), id);
}

export interface GatewayMemberRow {
  id: string;
  tz: string;
  consent: Record<string, boolean>;
  unsubscribedAt: number | null;
}

/** What the gateway checks of a member; null for an unknown or erased one. */
export function gatewayMember(db: Db, memberId: string): GatewayMemberRow | null {
  const m = prepared(db, 'select id, tz, consent, unsubscribed_at as unsubscribedAt from members where id = ? and erased_at is null').get(memberId) as
    | (Omit<GatewayMemberRow, 'consent'> & { consent: string })
    | undefined;
  return m ? { ...m, consent: JSON.parse(m.consent) } : null;
}
