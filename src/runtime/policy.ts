import { DateTime } from 'luxon';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { evaluateCondition, nextLocalTime } from '@/journey';
import type { Db } from '@/db/client';
import { prepared } from '@/db/prepared';
import { settings } from '@/db/schema';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** Workspace-wide sending policy; stored under the `policy` settings key, defaults below. */
export const sendingPolicySchema = z.object({
  quietHours: z.object({ from: hhmm, to: hhmm }).default({ from: '21:00', to: '09:00' }),
  /** Messages per member per channel per local day; `*` is the default for channels not listed. */
  capsPerDay: z.record(z.string(), z.number().int().positive()).default({ '*': 3 }),
  /** Rewards per member per local day, across journeys. */
  rewardsPerMemberPerDay: z.number().int().positive().default(5),
  /** The brand's time zone, for per-day reward budgets. */
  timezone: z.string().default('Asia/Shanghai'),
});
export type SendingPolicy = z.infer<typeof sendingPolicySchema>;

export function loadPolicy(db: Db): SendingPolicy {
  const row = db.select().from(settings).where(eq(settings.key, 'policy')).get();
  return sendingPolicySchema.parse(row?.value ?? {});
}

export function savePolicy(db: Db, policy: Partial<SendingPolicy>): SendingPolicy {
  const value = sendingPolicySchema.parse(policy);
  db.insert(settings).values({ key: 'policy', value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
  return value;
}

export type Decision = { decision: 'send' } | { decision: 'skip'; reason: string } | { decision: 'defer'; reason: string; until: number };

export interface GatewayMember {
  id: string;
  tz: string;
  consent: Record<string, boolean>;
  unsubscribedAt: number | null;
}

function startOfLocalDay(now: number, tz: string): number {
  const t = DateTime.fromMillis(now, { zone: tz });
  return (t.isValid ? t : DateTime.fromMillis(now, { zone: 'UTC' })).startOf('day').toMillis();
}

/**
 * The one gateway every message passes: unsubscribe, consent, quiet hours in
 * the member's time zone, then the frequency cap. Order matters: a message
 * deferred by quiet hours is capped against the day it is finally sent.
 */
export function decideMessage(
  db: Db,
  policy: SendingPolicy,
  m: GatewayMember,
  channel: string,
  quietMode: 'defer' | 'skip' | 'off',
  now: number,
): Decision {
  if (channel === 'webhook') return { decision: 'send' };
  if (m.unsubscribedAt !== null) return { decision: 'skip', reason: 'unsubscribed' };
  if (m.consent[channel] === false) return { decision: 'skip', reason: 'no_consent' };
  if (quietMode !== 'off') {
    const inQuiet = evaluateCondition({ time: { between: [policy.quietHours.from, policy.quietHours.to] } }, { now, member: { id: m.id, tz: m.tz, tags: [] } });
    if (inQuiet) {
      if (quietMode === 'skip') return { decision: 'skip', reason: 'quiet_hours' };
      return { decision: 'defer', reason: 'quiet_hours', until: nextLocalTime(now, m.tz, policy.quietHours.to) };
    }
  }
  const cap = policy.capsPerDay[channel] ?? policy.capsPerDay['*'];
  if (cap !== undefined) {
    const sent = prepared(
      db,
      // Messages handed to a provider count too ('sending' has no delivered_at yet: its created_at stands in).
      `select count(*) from outbox where member_id = ? and type = 'message' and channel = ? and
         ((status = 'sent' and delivered_at >= ?) or (status = 'sending' and created_at >= ?))`,
    )
      .pluck()
      .get(m.id, channel, startOfLocalDay(now, m.tz), startOfLocalDay(now, m.tz)) as number;
    if (sent >= cap) return { decision: 'skip', reason: 'capped' };
  }
  return { decision: 'send' };
}

/** Reward budgets per node (total and per brand day) and the per-member daily cap. */
export function decideReward(
  db: Db,
  policy: SendingPolicy,
  m: GatewayMember,
  row: { journeyId: string; nodeId: string },
  budget: { total?: number; perDay?: number } | undefined,
  now: number,
): Decision {
  const issued = (since: number) =>
    prepared(db, `select count(*) from outbox where journey_id = ? and node_id = ? and status = 'sent' and delivered_at >= ?`)
      .pluck()
      .get(row.journeyId, row.nodeId, since) as number;
  if (budget?.total !== undefined && issued(0) >= budget.total) return { decision: 'skip', reason: 'budget_exhausted' };
  if (budget?.perDay !== undefined && issued(startOfLocalDay(now, policy.timezone)) >= budget.perDay) {
    return { decision: 'skip', reason: 'daily_budget_exhausted' };
  }
  const toMember = prepared(db, `select count(*) from outbox where member_id = ? and type = 'reward' and status = 'sent' and delivered_at >= ?`)
    .pluck()
    .get(m.id, startOfLocalDay(now, m.tz)) as number;
  if (toMember >= policy.rewardsPerMemberPerDay) return { decision: 'skip', reason: 'member_reward_cap' };
  return { decision: 'send' };
}
