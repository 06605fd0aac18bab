import { and, asc, eq, lte, ne, or, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { outbox } from '@/db/schema';
import { prepared } from '@/db/prepared';
import { logDecision } from '@/db/outbox-external';
import { loadPolicy, type Decision, type GatewayMember, type SendingPolicy } from './policy';
import { effectHandler, recordOnly, type EffectContext, type OutboxRecord, type Outcome, type SendsFor, type TierChangeListener } from './effects';

export { recordOnly, type SendsFor, type TierChangeListener } from './effects';

type NewOutboxRow = Omit<typeof outbox.$inferInsert, 'id'>;

/**
 * Delivers pending effects through the sending-policy gateway: messages (the
 * only effects normally pending here — effects that stay in our database are
 * applied in their step's transaction, see applyInStep) and any internal
 * effect left pending by an older version. Each row is settled in the same
 * transaction as its side effect and its decision log, so a crash can repeat
 * the attempt but never apply it twice. Webhooks leave the process and are
 * sent by the Dispatcher.
 */
export function deliverOutbox(
  db: Db,
  now: number,
  limit: number,
  onTierChange: TierChangeListener = () => {},
  partitions: readonly number[] | null = null,
  sends: SendsFor = recordOnly,
): number {
  // An engine worker settles its own members' effects only (member_partition is registered on the connection).
  const owned = partitions ? sql`member_partition(${outbox.memberId}) in (${sql.join(partitions.map((p) => sql`${p}`), sql`, `)})` : undefined;
  const where = and(eq(outbox.status, 'pending'), lte(outbox.deliverAfter, now), or(isNull(outbox.channel), ne(outbox.channel, 'webhook')), owned);
  // A read without the write lock first: an idle engine worker polls this often, so it is a prepared statement, not a built query.
  if (!prepared(db, `select 1 from outbox where status = 'pending' and deliver_after <= ? and (channel is null or channel <> 'webhook') limit 1`).get(now)) return 0;
  const policy = loadPolicy(db);
  const ctx: EffectContext = { onTierChange, sends };
  // Read again inside the (immediate) transaction, so two processes can never settle the same row.
  return db.transaction(() => {
    const pending = db.select().from(outbox).where(where).orderBy(asc(outbox.deliverAfter), asc(outbox.id)).limit(limit).all();
    for (const row of pending) {
      const decision = decide(db, policy, row, now);
      if (decision.decision === 'defer') {
        prepared(db, 'update outbox set deliver_after = ?, reason = ? where id = ?').run(decision.until, `deferred: ${decision.reason}`, row.id);
        logDecision(db, row, 'deferred', decision.reason, now);
        continue;
      }
      const outcome: Outcome = decision.decision === 'skip' ? { status: 'skipped', reason: decision.reason } : effectHandler(row.type).apply(db, row, now, ctx);
      if (outcome.status === 'sending') {
        // The provider send happens outside this transaction; the Dispatcher records its outcome.
        prepared(db, `update outbox set status = 'sending', reason = 'queued' where id = ?`).run(row.id);
        continue;
      }
      // Prepared, not built: a worker settles thousands of these a second.
      prepared(db, 'update outbox set status = ?, reason = ?, attempts = ?, delivered_at = ? where id = ?').run(outcome.status, outcome.reason, row.attempts + 1, now, row.id);
      logDecision(db, row, outcome.status, outcome.reason, now);
    }
    return pending.length;
  });
}

/**
 * An effect that stays in our database, applied in the transaction of the step
 * that caused it: its outbox row is written and settled at once, with the
 * gateway's decision (reward budgets) and the decision log. Only for rows
 * `appliesInStep` accepts: messages go through the delivery pass instead, and
 * a held-out member's rows are written already skipped.
 */
export function appliesInStep(row: NewOutboxRow): boolean {
  return effectHandler(row.type).inStep && (row.status ?? 'pending') === 'pending';
}

export function applyInStep(db: Db, policy: () => SendingPolicy, row: NewOutboxRow, ctx: EffectContext): void {
  const handler = effectHandler(row.type);
  const now = row.createdAt;
  // Inserted first: budgets count settled rows, and the decision log points at the row.
  const inserted = prepared(
    db,
    `insert into outbox (idempotency_key, enrolment_id, journey_id, node_id, member_id, type, channel, payload, status, created_at, deliver_after)
     values (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?) on conflict do nothing`,
  ).run(row.idempotencyKey, row.enrolmentId, row.journeyId, row.nodeId, row.memberId, row.type, row.channel ?? null, JSON.stringify(row.payload), now, row.deliverAfter);
  // Already there (the same effect key): it was applied when it was written.
  if (!inserted.changes) return;
  const stored = { ...row, id: Number(inserted.lastInsertRowid), channel: row.channel ?? null, status: 'pending', reason: null, attempts: 0, deliveredAt: null } as OutboxRecord;
  const decision = decide(db, policy(), stored, now);
  const outcome: Outcome =
    decision.decision === 'send' ? handler.apply(db, stored, now, ctx) : { status: 'skipped', reason: decision.decision === 'skip' ? decision.reason : `deferred: ${decision.reason}` };
  prepared(db, 'update outbox set status = ?, reason = ?, attempts = 1, delivered_at = ? where id = ?').run(outcome.status, outcome.reason, now, stored.id);
  logDecision(db, stored, outcome.status === 'sending' ? 'sent' : outcome.status, outcome.reason, now);
}

function decide(db: Db, policy: SendingPolicy, row: OutboxRecord, now: number): Decision {
  const member = gatewayMember(db, row.memberId);
  if (!member) return { decision: 'skip', reason: 'unknown_member' };
  const handler = effectHandler(row.type);
  return handler.decide ? handler.decide(db, policy, member, row, now) : { decision: 'send' };
}

function gatewayMember(db: Db, memberId: string): GatewayMember | null {
  const m = prepared(db, 'select id, tz, consent, unsubscribed_at as unsubscribedAt from members where id = ? and erased_at is null').get(memberId) as
    | (Omit<GatewayMember, 'consent'> & { consent: string })
    | undefined;
  return m ? { ...m, consent: JSON.parse(m.consent) } : null;
}
