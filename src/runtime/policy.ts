import { DateTime } from 'luxon';
import { z } from 'zod';
import { evaluateCondition, nextLocalTime } from '@/journey';
import type { Db } from '@/db/client';
import { messagesSentSince, nodeEffectsAppliedSince, policySetting, rewardsGivenSince, savePolicySetting } from '@/db/sending-counts';

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
  return sendingPolicySchema.parse(policySetting(db) ?? {});
}

export function savePolicy(db: Db, policy: Partial<SendingPolicy>): SendingPolicy {
  const value = sendingPolicySchema.parse(policy);
  savePolicySetting(db, value);
  return value;
}

export type Decision = { decision: 'send' } | { decision: 'skip'; reason: string } | { decision: 'defer'; reason: string; until: number };

export interface GatewayMember {
  id: string;
  tz: string;
  consent: Record<string, boolean>;
  unsubscribedAt: number | null;
}

/** Per time zone, the local day last asked for: every capped message and reward asks, and nearly always for the same day. */
const localDays = new Map<string, { from: number; to: number }>();

function startOfLocalDay(now: number, tz: string): number {
  const known = localDays.get(tz);
  if (known && now >= known.from && now < known.to) return known.from;
  const t = DateTime.fromMillis(now, { zone: tz });
  const day = (t.isValid ? t : DateTime.fromMillis(now, { zone: 'UTC' })).startOf('day');
  // The next day's start from the zone's own calendar: a day with a DST change is 23 or 25 hours long.
  if (localDays.size > 1000) localDays.clear();
  localDays.set(tz, { from: day.toMillis(), to: day.plus({ days: 1 }).toMillis() });
  return day.toMillis();
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
    if (messagesSentSince(db, m.id, channel, startOfLocalDay(now, m.tz)) >= cap) return { decision: 'skip', reason: 'capped' };
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
  const issued = (since: number) => nodeEffectsAppliedSince(db, row.journeyId, row.nodeId, since);
  if (budget?.total !== undefined && issued(0) >= budget.total) return { decision: 'skip', reason: 'budget_exhausted' };
  if (budget?.perDay !== undefined && issued(startOfLocalDay(now, policy.timezone)) >= budget.perDay) {
    return { decision: 'skip', reason: 'daily_budget_exhausted' };
  }
  if (rewardsGivenSince(db, m.id, startOfLocalDay(now, m.tz)) >= policy.rewardsPerMemberPerDay) return { decision: 'skip', reason: 'member_reward_cap' };
  return { decision: 'send' };
}
