import type { Db } from '@/db/client';
import { logDecision } from '@/db/outbox-external';
import { anyEffectDue, deferEffect, dueEffects, gatewayMember, insertPendingEffect, markSending, settleEffect, type NewOutboxRow } from '@/db/outbox-effects';
import { loadPolicy, type Decision, type SendingPolicy } from './policy';
import { effectHandler, recordOnly, type EffectContext, type OutboxRecord, type Outcome, type SendsFor, type TierChangeListener } from './effects';

export { recordOnly, type SendsFor, type TierChangeListener } from './effects';

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
  /** Lease mode: checks first inside the transaction that the partitions are still this worker's (throws otherwise). */
  fence?: () => void,
): number {
  // A read without the write lock first: an idle engine worker polls this often.
  if (!anyEffectDue(db, now)) return 0;
  const policy = loadPolicy(db);
  const ctx: EffectContext = { onTierChange, sends };
  // Read again inside the (immediate) transaction, so two processes can never settle the same row.
  return db.transaction(() => {
    fence?.();
    // An engine worker settles its own members' effects only (member_partition is registered on the connection).
    const pending = dueEffects(db, now, limit, partitions);
    for (const row of pending) {
      const decision = decide(db, policy, row, now);
      if (decision.decision === 'defer') {
        deferEffect(db, row.id, decision.until, `deferred: ${decision.reason}`);
        logDecision(db, row, 'deferred', decision.reason, now);
        continue;
      }
      const outcome: Outcome = decision.decision === 'skip' ? { status: 'skipped', reason: decision.reason } : effectHandler(row.type).apply(db, row, now, ctx);
      if (outcome.status === 'sending') {
        // The provider send happens outside this transaction; the Dispatcher records its outcome.
        markSending(db, row.id);
        continue;
      }
      settleEffect(db, row.id, { status: outcome.status, reason: outcome.reason, attempts: row.attempts + 1, at: now });
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
export function applyInStep(db: Db, policy: () => SendingPolicy, row: NewOutboxRow, ctx: EffectContext): void {
  const handler = effectHandler(row.type);
  const now = row.createdAt;
  // Inserted first: budgets count settled rows, and the decision log points at the row.
  const id = insertPendingEffect(db, row);
  // Already there (the same effect key): it was applied when it was written.
  if (id === null) return;
  const stored = { ...row, id, channel: row.channel ?? null, status: 'pending', reason: null, attempts: 0, deliveredAt: null } as OutboxRecord;
  // The member is the one being stepped: only effects the gateway has a say on (reward budgets) need it read.
  const decision: Decision = handler.decide ? decide(db, policy(), stored, now) : { decision: 'send' };
  const outcome: Outcome =
    decision.decision === 'send' ? handler.apply(db, stored, now, ctx) : { status: 'skipped', reason: decision.decision === 'skip' ? decision.reason : `deferred: ${decision.reason}` };
  settleEffect(db, stored.id, { status: outcome.status, reason: outcome.reason, attempts: 1, at: now });
  logDecision(db, stored, outcome.status === 'sending' ? 'sent' : outcome.status, outcome.reason, now);
}

/** Whether the step applies this effect itself (see applyInStep). */
export function appliesInStep(row: NewOutboxRow): boolean {
  return effectHandler(row.type).inStep && (row.status ?? 'pending') === 'pending';
}

function decide(db: Db, policy: SendingPolicy, row: OutboxRecord, now: number): Decision {
  const member = gatewayMember(db, row.memberId);
  if (!member) return { decision: 'skip', reason: 'unknown_member' };
  const handler = effectHandler(row.type);
  return handler.decide ? handler.decide(db, policy, member, row, now) : { decision: 'send' };
}
