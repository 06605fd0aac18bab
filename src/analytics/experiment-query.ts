import type { Db } from '@/db/client';
import type { JourneyDocument } from '@/journey';
import type { DateRange } from './date-range';
import { experimentMembers, fairWindow, goalInfo, groupMembers, heldOut, holdoutByVersion, journeyMembers, recentRate, type ArmData, type MemberRow } from './experiment-data';
import { analyseExperiment, experimentsOf } from './experiments';
import { firstOverflowAt } from '@/db/experiment-members';
import type { RevenueInput } from './experiment-revenue';

export interface ExperimentQueryOptions {
  range?: DateRange;
  /** Minimum detectable effect for the sample size, relative (default 10%). */
  relativeMde?: number;
  now?: number;
}

function revenueOf(arms: Map<string, ArmData>, keys: string[], rows: MemberRow[]): Record<string, RevenueInput> | undefined {
  // Revenue is shown only when the goal event carries an amount for someone.
  if (!rows.some((m) => m.revenue !== 0 || m.preRevenue !== 0)) return undefined;
  return Object.fromEntries(keys.map((k) => [k, arms.get(k)?.revenue ?? { outcome: [], covariate: [] }]));
}

/**
 * Every A/B split of a journey version, counted by member: each member once,
 * in the arm of their first assignment, with the goal once per member.
 * Held-out members (global control) got no treatment, so they are left out of
 * the arms and reported apart; so are re-entries. At a split with a variant
 * capped by a coupon pool, only the fair window is compared (see fairWindow):
 * what it leaves out is reported as `overflow`.
 */
export function experimentReports(db: Db, journeyId: string, doc: JourneyDocument, { range, relativeMde, now = Date.now() }: ExperimentQueryOptions = {}) {
  const goal = goalInfo(doc);
  const isHeld = heldOut(journeyId, holdoutByVersion(db, journeyId));
  return experimentsOf(doc).map((x) => {
    const all = experimentMembers(db, journeyId, x.nodeId, goal, range);
    const { fair: rows, overflow } = fairWindow(all.filter((m) => !isHeld(m)), firstOverflowAt(db, journeyId, x.nodeId));
    const arms = groupMembers(rows, (m) => m.variant);
    const keys = x.variants.map((v) => v.key);
    const result = analyseExperiment(
      x.variants.map((v) => ({ ...v, assigned: arms.get(v.key)?.assigned ?? 0, reached: arms.get(v.key)?.reached ?? 0 })),
      { winner: x.winner, membersPerDay: recentRate(rows, now), now, relativeMde, revenue: revenueOf(arms, keys, rows) },
    );
    return {
      ...x,
      result,
      reentries: keys.map((key) => ({ key, reentries: arms.get(key)?.reentries ?? 0, reentrants: arms.get(key)?.reentrants ?? 0, switched: arms.get(key)?.switched ?? 0 })),
      /** Members at the split who are in the journey's holdout: not part of the comparison. */
      heldOut: all.filter(isHeld).length,
      /** Members a capped variant's empty pool moved, and later arrivals, left out of the comparison (null: none). */
      overflow,
    };
  });
}

/**
 * The journey's own lift: members who got the journey vs the held-out ones,
 * with the same machinery (always-valid interval, revenue with CUPED). Only
 * members who entered a version with a holdout are compared. Null without one.
 */
export function holdoutReport(db: Db, journeyId: string, doc: JourneyDocument, { range, relativeMde, now = Date.now() }: ExperimentQueryOptions = {}) {
  const holdouts = holdoutByVersion(db, journeyId);
  const percent = doc.holdout?.percent ?? [...holdouts.values()].find((p) => p !== undefined);
  if (percent === undefined) return null;
  const isHeld = heldOut(journeyId, holdouts);
  const rows = journeyMembers(db, journeyId, goalInfo(doc), range).filter((m) => holdouts.get(m.versionId) !== undefined);
  const groups = groupMembers(rows, (m) => (isHeld(m) ? 'holdout' : 'journey'));
  const count = (k: string) => ({ assigned: groups.get(k)?.assigned ?? 0, reached: groups.get(k)?.reached ?? 0 });
  const result = analyseExperiment(
    [
      { key: 'journey', weight: 100 - percent, ...count('journey') },
      { key: 'holdout', weight: percent, control: true, ...count('holdout') },
    ],
    { subject: 'holdout', membersPerDay: recentRate(rows, now), now, relativeMde, revenue: revenueOf(groups, ['journey', 'holdout'], rows) },
  );
  return { percent, result, reentries: ['journey', 'holdout'].map((key) => ({ key, reentries: groups.get(key)?.reentries ?? 0, reentrants: groups.get(key)?.reentrants ?? 0 })) };
}
