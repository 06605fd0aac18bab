import { eq } from 'drizzle-orm';
import type { Db } from './client';
import { conflictOn } from './conflict-target';
import { prepared } from './prepared';
import { settings } from './schema';

// What the sending gateway (src/runtime/policy.ts) reads: its stored policy and the counts its caps and budgets compare.

export function policySetting(db: Db): unknown {
  return db.select().from(settings).where(eq(settings.key, 'policy')).get()?.value;
}

export function savePolicySetting(db: Db, value: Record<string, unknown>): void {
  db.insert(settings).values({ key: 'policy', value }).onConflictDoUpdate({ target: conflictOn(settings.key), set: { value } }).run();
}

/** Messages of a channel sent to a member since `since`; those handed to a provider count too ('sending' has no delivered_at yet: its created_at stands in). */
export function messagesSentSince(db: Db, memberId: string, channel: string, since: number): number {
  return prepared(
    db,
    `select count(*) from outbox where member_id = ? and type = 'message' and channel = ? and
       ((status = 'sent' and delivered_at >= ?) or (status = 'sending' and created_at >= ?))`,
  )
    .pluck()
    .get(memberId, channel, since, since) as number;
}

/** Effects of one journey node applied since `since` (a reward node's budget). */
export function nodeEffectsAppliedSince(db: Db, journeyId: string, nodeId: string, since: number): number {
  return prepared(db, `select count(*) from outbox where journey_id = ? and node_id = ? and status = 'sent' and delivered_at >= ?`)
    .pluck()
    .get(journeyId, nodeId, since) as number;
}

/** Rewards a member was given since `since`, across journeys. */
export function rewardsGivenSince(db: Db, memberId: string, since: number): number {
  return prepared(db, `select count(*) from outbox where member_id = ? and type = 'reward' and status = 'sent' and delivered_at >= ?`)
    .pluck()
    .get(memberId, since) as number;
}
