import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { members, outbox, pointsLedger } from '@/db/schema';

type OutboxRecord = typeof outbox.$inferSelect;
type Outcome = { status: 'sent' | 'skipped'; reason: string };

/**
 * Delivers pending effects. Each row is settled in the same transaction as its
 * side effect (a ledger row keyed by the outbox key), so a crash can repeat the
 * attempt but never apply it twice.
 */
export function deliverOutbox(db: Db, now: number, limit: number): number {
  const pending = db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), lte(outbox.deliverAfter, now)))
    .orderBy(asc(outbox.id))
    .limit(limit)
    .all();
  if (!pending.length) return 0;
  db.transaction(() => {
    for (const row of pending) {
      const outcome = row.type === 'reward' ? applyReward(db, row, now) : sendMessage(db, row);
      db.update(outbox)
        .set({ status: outcome.status, reason: outcome.reason, attempts: row.attempts + 1, deliveredAt: now })
        .where(eq(outbox.id, row.id))
        .run();
    }
  });
  return pending.length;
}

function sendMessage(db: Db, row: OutboxRecord): Outcome {
  const member = db.select({ consent: members.consent }).from(members).where(eq(members.id, row.memberId)).get();
  // Consent is opt-out per channel: an explicit `false` blocks the channel.
  if (row.channel && member?.consent?.[row.channel] === false) return { status: 'skipped', reason: 'no_consent' };
  return { status: 'sent', reason: 'sent' };
}

function applyReward(db: Db, row: OutboxRecord, now: number): Outcome {
  const reward = row.payload.reward as { type: string; amount?: number } | undefined;
  if (reward?.type === 'points' && reward.amount) {
    const added = db
      .insert(pointsLedger)
      .values({ memberId: row.memberId, delta: reward.amount, kind: 'earn', reason: `journey:${row.journeyId}:${row.nodeId}`, idempotencyKey: row.idempotencyKey, at: now })
      .onConflictDoNothing()
      .run();
    if (added.changes) db.update(members).set({ points: sql`${members.points} + ${reward.amount}` }).where(eq(members.id, row.memberId)).run();
  } else if (reward?.type === 'growth' && reward.amount) {
    db.update(members).set({ growth: sql`${members.growth} + ${reward.amount}` }).where(eq(members.id, row.memberId)).run();
  }
  return { status: 'sent', reason: 'sent' };
}
