import type { Db } from '@/db/client';
import { experimentMembers as splitMembers, journeyMembers as enteredMembers, PRE_PERIOD_MS, type MemberRow } from '@/db/experiment-members';
import { journeyVersionDocuments } from '@/db/journey-versions';
import { isHeldOut, parseDuration, type JourneyDocument } from '@/journey';
import { hourWindow, type DateRange } from './date-range';
import type { RevenueInput } from './experiment-revenue';

const DAY = 86_400_000;
/** The enrolment rate behind "expected date" is measured over this many recent days. */
const RATE_WINDOW_MS = 7 * DAY;

export type { MemberRow };
export { PRE_PERIOD_MS };

/** Members of the A/B split at `nodeId`, each once in the arm of their first assignment. */
export function experimentMembers(db: Db, journeyId: string, nodeId: string, goal: GoalInfo, range?: DateRange): MemberRow[] {
  return splitMembers(db, journeyId, nodeId, goal, hourWindow(range));
}

/** Everyone who entered the journey, each once, from their first entry (for the holdout comparison). */
export function journeyMembers(db: Db, journeyId: string, goal: GoalInfo, range?: DateRange): MemberRow[] {
  return enteredMembers(db, journeyId, goal, hourWindow(range));
}

export interface GoalInfo {
  event: string | null;
  windowMs: number | null;
}

export function goalInfo(doc: JourneyDocument): GoalInfo {
  return { event: doc.goal?.event ?? null, windowMs: doc.goal?.within ? (parseDuration(doc.goal.within)?.toMillis() ?? null) : null };
}

/** The holdout percent of each published version of a journey: a member is held out by the version they entered. */
export function holdoutByVersion(db: Db, journeyId: string): Map<number, number | undefined> {
  return new Map(journeyVersionDocuments(db, journeyId).map((r) => [r.id, r.document.holdout?.percent]));
}

export function heldOut(journeyId: string, holdouts: Map<number, number | undefined>) {
  return (m: MemberRow) => isHeldOut(journeyId, m.memberId, holdouts.get(m.versionId));
}

export interface ArmData {
  assigned: number;
  reached: number;
  /** Enrolments beyond each member's first (re-entries): reported apart, never counted as more members. */
  reentries: number;
  /** Members who came back more than once. */
  reentrants: number;
  /** Members whose later assignment went to another arm: still counted in their first. */
  switched: number;
  revenue: RevenueInput;
}

/** Counts and revenue arrays by key (arm, or "in journey" / "held out"). */
export function groupMembers(rows: MemberRow[], keyOf: (m: MemberRow) => string | null): Map<string, ArmData> {
  const out = new Map<string, ArmData>();
  for (const m of rows) {
    const key = keyOf(m);
    if (key === null) continue;
    let arm = out.get(key);
    if (!arm) out.set(key, (arm = { assigned: 0, reached: 0, reentries: 0, reentrants: 0, switched: 0, revenue: { outcome: [], covariate: [] } }));
    arm.assigned++;
    if (m.reached) arm.reached++;
    arm.reentries += m.entries - 1;
    if (m.entries > 1) arm.reentrants++;
    if (m.switched) arm.switched++;
    arm.revenue.outcome.push(m.revenue);
    arm.revenue.covariate.push(m.preRevenue);
  }
  return out;
}

/** Members per day who joined the experiment over the last week before `now` (for the expected date). */
export function recentRate(rows: MemberRow[], now: number): number {
  const recent = rows.filter((m) => m.firstAt >= now - RATE_WINDOW_MS && m.firstAt < now).length;
  return recent / (RATE_WINDOW_MS / DAY);
}

/** What the fair window of a capped A/B split left out of the comparison. */
export interface OverflowExclusion {
  /** Members moved off their assigned variant because its coupon pool ran out. */
  moved: number;
  /** Members who kept their assigned variant but took it after the first move, when the capped variant took nobody. */
  later: number;
  /** The first move (epoch ms): where the fair window ends. */
  since: number;
}

/**
 * The members a capped split can compare fairly. Once a capped variant's pool runs out, its members are moved to
 * an open variant (a different population: later arrivals meant for another arm), and the open variants go on
 * taking their own members while the capped one takes none, so the arms would cover different time windows.
 * Only members who took their assigned variant before the first move at this node (`since`, from firstOverflowAt)
 * are compared.
 */
export function fairWindow(rows: MemberRow[], since: number | null): { fair: MemberRow[]; overflow: OverflowExclusion | null } {
  if (since === null) return { fair: rows, overflow: null };
  const fair: MemberRow[] = [];
  let moved = 0;
  let later = 0;
  for (const m of rows) {
    if (m.assigned !== null && m.assigned !== m.variant) moved++;
    else if (m.splitAt >= since) later++;
    else fair.push(m);
  }
  return { fair, overflow: moved + later > 0 ? { moved, later, since } : null };
}
