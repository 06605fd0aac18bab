import { eq, sql } from 'drizzle-orm';
import type { Db } from './client';
import { assetLedger, members, type outbox } from './schema';
import { prepared } from './prepared';

// The member ledgers journeys write (src/runtime/effects): one row per effect key, the balance moved only with a new row.

type OutboxRecord = typeof outbox.$inferSelect;
/** The reason a ledger records for an effect: which journey node gave it. */
const ledgerReason = (row: Pick<OutboxRecord, 'journeyId' | 'nodeId'>) => `journey:${row.journeyId}:${row.nodeId}`;

/** Points: one ledger row per effect key; the balance moves only when the row is new, so a repeat adds nothing. */
export function addPoints(db: Db, row: OutboxRecord, delta: number, now: number): void {
  const added = prepared(db, 'insert into points_ledger (member_id, delta, kind, reason, idempotency_key, at) values (?, ?, ?, ?, ?, ?) on conflict do nothing').run(
    row.memberId,
    delta,
    delta > 0 ? 'earn' : 'adjust',
    ledgerReason(row),
    row.idempotencyKey,
    now,
  );
  if (added.changes) prepared(db, 'update members set points = points + ? where id = ?').run(delta, row.memberId);
}

/** Growth value and stored value, the same way. */
export function addAsset(db: Db, row: OutboxRecord, asset: 'growth' | 'stored_value', delta: number, now: number): void {
  const added = db
    .insert(assetLedger)
    .values({ memberId: row.memberId, asset, delta, reason: ledgerReason(row), idempotencyKey: row.idempotencyKey, at: now })
    .onConflictDoNothing()
    .run();
  if (!added.changes) return;
  const column = asset === 'growth' ? members.growth : members.storedValue;
  db.update(members)
    .set(asset === 'growth' ? { growth: sql`${column} + ${delta}` } : { storedValue: sql`${column} + ${delta}` })
    .where(eq(members.id, row.memberId))
    .run();
}

/** A tier set by a journey: ledger row first (the key), then the member's tier; true when it changed. */
export function setTier(db: Db, row: OutboxRecord, tier: string, now: number): { from: string } | null {
  const added = db
    .insert(assetLedger)
    .values({ memberId: row.memberId, asset: 'tier', value: tier, reason: ledgerReason(row), idempotencyKey: row.idempotencyKey, at: now })
    .onConflictDoNothing()
    .run();
  const from = db.select({ tier: members.tier }).from(members).where(eq(members.id, row.memberId)).get()?.tier;
  if (!added.changes || from === undefined || from === tier) return null;
  db.update(members).set({ tier }).where(eq(members.id, row.memberId)).run();
  return { from };
}
