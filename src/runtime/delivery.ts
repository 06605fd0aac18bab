import { and, asc, eq, lte, ne, or, isNull, sql } from 'drizzle-orm';
import { addDuration, type MemberFacts } from '@/journey';
import type { Db } from '@/db/client';
import { assetLedger, memberGroups, members, memberTags, outbox, tasks } from '@/db/schema';
import { prepared } from '@/db/prepared';
import { decideMessage, decideReward, loadPolicy, type Decision, type GatewayMember, type SendingPolicy } from './policy';
import { renderTemplate } from './template';
import { logDecision } from '@/db/outbox-external';
import { applyPoolReward, fillCouponCode } from './coupons';

type OutboxRecord = typeof outbox.$inferSelect;
type Outcome = { status: 'sent' | 'skipped' | 'sending'; reason: string };
/** Told of each tier an `action.asset` changed, inside the delivery's transaction, so `tier_changed` journeys run from it. */
export type TierChangeListener = (memberId: string, from: string, to: string) => void;

/**
 * Delivers pending in-process effects through the sending-policy gateway.
 * Each row is settled in the same transaction as its side effect (ledger,
 * tag, group, task rows keyed by the outbox key) and its decision log, so a
 * crash can repeat the attempt but never apply it twice. Webhooks leave the
 * process and are sent by the Dispatcher (or `deliverWebhooks`).
 */
/**
 * Whether a message that passed the gateway goes to a channel provider (sent by an engine worker's Dispatcher) or is
 * only recorded. Runtimes that must never send (tests, the simulator, draft test runs) record every message.
 */
export type SendsFor = (channel: string) => boolean;
export const recordOnly: SendsFor = () => false;

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
  // Read again inside the (immediate) transaction, so two processes can never settle the same row.
  return db.transaction(() => {
    const pending = db.select().from(outbox).where(where).orderBy(asc(outbox.deliverAfter), asc(outbox.id)).limit(limit).all();
    for (const row of pending) {
      const member = gatewayMember(db, row.memberId);
      const decision = member ? decide(db, policy, member, row, now) : ({ decision: 'skip', reason: 'unknown_member' } as const);
      if (decision.decision === 'defer') {
        prepared(db, 'update outbox set deliver_after = ?, reason = ? where id = ?').run(decision.until, `deferred: ${decision.reason}`, row.id);
        logDecision(db, row, 'deferred', decision.reason, now);
        continue;
      }
      const outcome: Outcome = decision.decision === 'skip' ? { status: 'skipped', reason: decision.reason } : apply(db, fillCouponCode(db, row), now, onTierChange, sends);
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

function gatewayMember(db: Db, memberId: string): GatewayMember | null {
  const m = prepared(db, 'select id, tz, consent, unsubscribed_at as unsubscribedAt from members where id = ? and erased_at is null').get(memberId) as
    | (Omit<GatewayMember, 'consent'> & { consent: string })
    | undefined;
  return m ? { ...m, consent: JSON.parse(m.consent) } : null;
}

function decide(db: Db, policy: SendingPolicy, member: GatewayMember, row: OutboxRecord, now: number): Decision {
  if (row.type === 'message') {
    const mode = (row.payload.quietHours as 'defer' | 'skip' | 'off' | undefined) ?? 'defer';
    return decideMessage(db, policy, member, row.channel ?? '', mode, now);
  }
  if (row.type === 'reward') return decideReward(db, policy, member, row, row.payload.budget as { total?: number; perDay?: number } | undefined, now);
  return { decision: 'send' };
}

function apply(db: Db, row: OutboxRecord, now: number, onTierChange: TierChangeListener, sends: SendsFor): Outcome {
  switch (row.type) {
    case 'reward':
      return applyReward(db, row, now);
    case 'asset':
      return applyAsset(db, row, now, onTierChange);
    case 'tag': {
      const { add = [], remove = [] } = row.payload as { add?: string[]; remove?: string[] };
      for (const tag of add) db.insert(memberTags).values({ memberId: row.memberId, tag }).onConflictDoNothing().run();
      for (const tag of remove) db.delete(memberTags).where(and(eq(memberTags.memberId, row.memberId), eq(memberTags.tag, tag))).run();
      return { status: 'sent', reason: 'sent' };
    }
    case 'group': {
      const { group, op } = row.payload as { group: string; op: 'add' | 'remove' };
      if (op === 'add') db.insert(memberGroups).values({ groupId: group, memberId: row.memberId, addedAt: now }).onConflictDoNothing().run();
      else db.delete(memberGroups).where(and(eq(memberGroups.groupId, group), eq(memberGroups.memberId, row.memberId))).run();
      return { status: 'sent', reason: 'sent' };
    }
    case 'handoff':
      return createTask(db, row, now);
    default:
      // A message that passed the gateway: to its channel's provider, or recorded only (never called sent) when there is none.
      return row.type === 'message' && sends(row.channel ?? '') ? { status: 'sending', reason: 'queued' } : { status: 'sent', reason: 'record_only' };
  }
}

function applyReward(db: Db, row: OutboxRecord, now: number): Outcome {
  const reward = row.payload.reward as { type: string; amount?: number } | undefined;
  // A code from a coupon pool (一人一码), or `pool_exhausted` when none is left.
  const fromPool = applyPoolReward(db, row, now);
  if (fromPool) return fromPool;
  if (reward?.type === 'points' && reward.amount) addPoints(db, row, reward.amount, now);
  else if (reward?.type === 'growth' && reward.amount) addAsset(db, row, 'growth', reward.amount, now);
  return { status: 'sent', reason: 'sent' };
}

function applyAsset(db: Db, row: OutboxRecord, now: number, onTierChange: TierChangeListener): Outcome {
  const p = row.payload as { asset?: 'points' | 'growth' | 'stored_value'; delta?: number; tier?: string };
  if (p.tier) {
    const added = db
      .insert(assetLedger)
      .values({ memberId: row.memberId, asset: 'tier', value: p.tier, reason: reason(row), idempotencyKey: row.idempotencyKey, at: now })
      .onConflictDoNothing()
      .run();
    const from = db.select({ tier: members.tier }).from(members).where(eq(members.id, row.memberId)).get()?.tier;
    if (added.changes && from !== undefined && from !== p.tier) {
      db.update(members).set({ tier: p.tier }).where(eq(members.id, row.memberId)).run();
      onTierChange(row.memberId, from, p.tier);
    }
  } else if (p.asset === 'points' && p.delta) addPoints(db, row, p.delta, now);
  else if ((p.asset === 'growth' || p.asset === 'stored_value') && p.delta) addAsset(db, row, p.asset, p.delta, now);
  return { status: 'sent', reason: 'sent' };
}

const reason = (row: OutboxRecord) => `journey:${row.journeyId}:${row.nodeId}`;

function addPoints(db: Db, row: OutboxRecord, delta: number, now: number): void {
  const added = prepared(db, 'insert into points_ledger (member_id, delta, kind, reason, idempotency_key, at) values (?, ?, ?, ?, ?, ?) on conflict do nothing').run(
    row.memberId,
    delta,
    delta > 0 ? 'earn' : 'adjust',
    reason(row),
    row.idempotencyKey,
    now,
  );
  if (added.changes) prepared(db, 'update members set points = points + ? where id = ?').run(delta, row.memberId);
}

function addAsset(db: Db, row: OutboxRecord, asset: 'growth' | 'stored_value', delta: number, now: number): void {
  const added = db
    .insert(assetLedger)
    .values({ memberId: row.memberId, asset, delta, reason: reason(row), idempotencyKey: row.idempotencyKey, at: now })
    .onConflictDoNothing()
    .run();
  if (!added.changes) return;
  const column = asset === 'growth' ? members.growth : members.storedValue;
  db.update(members)
    .set(asset === 'growth' ? { growth: sql`${column} + ${delta}` } : { storedValue: sql`${column} + ${delta}` })
    .where(eq(members.id, row.memberId))
    .run();
}

function createTask(db: Db, row: OutboxRecord, now: number): Outcome {
  const member = db.select().from(members).where(eq(members.id, row.memberId)).get();
  const p = row.payload as { task: string; due?: string };
  db.insert(tasks)
    .values({
      idempotencyKey: row.idempotencyKey,
      memberId: row.memberId,
      associate: member?.associate ?? null,
      journeyId: row.journeyId,
      nodeId: row.nodeId,
      text: renderTemplate(p.task, { member: member as unknown as MemberFacts }),
      dueAt: p.due ? addDuration(now, p.due, member?.tz) : null,
      createdAt: now,
    })
    .onConflictDoNothing()
    .run();
  return member?.associate ? { status: 'sent', reason: 'sent' } : { status: 'sent', reason: 'no_associate' };
}
