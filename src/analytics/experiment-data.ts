import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { prepared } from '@/db/prepared';
import { journeyVersions } from '@/db/schema';
import { isHeldOut, parseDuration, type JourneyDocument } from '@/journey';
import { hourWindow, type DateRange } from './date-range';
import type { RevenueInput } from './experiment-revenue';

const DAY = 86_400_000;
/** CUPED's covariate: each member's goal-event spend in this many days before they entered. */
export const PRE_PERIOD_MS = 30 * DAY;
/** The enrolment rate behind "expected date" is measured over this many recent days. */
const RATE_WINDOW_MS = 7 * DAY;

/** One member of an experiment (or of the journey): counted once, where their first assignment put them. */
export interface MemberRow {
  memberId: string;
  /** The arm of the first assignment (null for journey-level rows). */
  variant: string | null;
  versionId: number;
  firstAt: number;
  /** Enrolments counted for this member (assignments at the node, or entries into the journey). */
  entries: number;
  /** Later assignments put the member in another arm (e.g. after weights changed). */
  switched: boolean;
  /** The goal was reached in any of those enrolments: once per member. */
  reached: boolean;
  /** Sum of the goal event's `properties.amount` from first entry (within the goal window, if any). */
  revenue: number;
  /** The same sum over the 30 days before first entry. */
  preRevenue: number;
}

/**
 * Member-level rows, from one query: `source` lists (member, enrolment, variant, version, entered, goal) rows; each
 * member is kept once with their first row (by entry time, then enrolment id) and a goal reached in any of them.
 * Members whose first row falls outside the range are left out (their later entries are re-entries, not new members).
 * Revenue joins the member's goal events around that first entry, on the (member_id, occurred_at) index.
 */
function memberRows(db: Db, source: string, params: unknown[], range: DateRange | undefined, goalEvent: string | null, windowMs: number | null): MemberRow[] {
  const w = hourWindow(range);
  const rows = prepared(
    db,
    `with a as (${source}),
     f as (
       select memberId, variant, versionId, firstAt, entries, reached, switched from (
         select memberId, variant, versionId, enteredAt as firstAt,
                row_number() over (partition by memberId order by enteredAt, enrolmentId) as rn,
                count(*) over (partition by memberId) as entries,
                max(goalAt is not null) over (partition by memberId) as reached,
                min(coalesce(variant, '')) over (partition by memberId) <> max(coalesce(variant, '')) over (partition by memberId) as switched
           from a)
        where rn = 1 and firstAt >= ? and firstAt < ?)
     select f.memberId, f.variant, f.versionId, f.firstAt, f.entries, f.reached, f.switched,
            coalesce(sum(case when ev.occurred_at >= f.firstAt and (? is null or ev.occurred_at < f.firstAt + ?)
                              then cast(json_extract(ev.properties, '$.amount') as real) end), 0) as revenue,
            coalesce(sum(case when ev.occurred_at < f.firstAt then cast(json_extract(ev.properties, '$.amount') as real) end), 0) as preRevenue
       from f left join events ev on ev.member_id = f.memberId and ev.type = ? and ev.occurred_at >= f.firstAt - ${PRE_PERIOD_MS}
      group by f.memberId order by f.memberId`,
  ).all(...params, w.fromMs, w.toMs, windowMs, windowMs, goalEvent ?? '\u0000') as (Omit<MemberRow, 'reached' | 'switched'> & { reached: number; switched: number })[];
  return rows.map((r) => ({ ...r, reached: !!r.reached, switched: !!r.switched }));
}

/** Members of the A/B split at `nodeId`, each once in the arm of their first assignment. */
export function experimentMembers(db: Db, journeyId: string, nodeId: string, goal: GoalInfo, range?: DateRange): MemberRow[] {
  return memberRows(
    db,
    `select e.member_id as memberId, e.id as enrolmentId, v.variant, v.version_id as versionId, e.entered_at as enteredAt, e.goal_at as goalAt
       from enrolment_variants v join enrolments e on e.id = v.enrolment_id where v.journey_id = ? and v.node_id = ?`,
    [journeyId, nodeId],
    range,
    goal.event,
    goal.windowMs,
  );
}

/** Everyone who entered the journey, each once, from their first entry (for the holdout comparison). */
export function journeyMembers(db: Db, journeyId: string, goal: GoalInfo, range?: DateRange): MemberRow[] {
  return memberRows(
    db,
    `select e.member_id as memberId, e.id as enrolmentId, null as variant, e.version_id as versionId, e.entered_at as enteredAt, e.goal_at as goalAt
       from enrolments e where e.journey_id = ?`,
    [journeyId],
    range,
    goal.event,
    goal.windowMs,
  );
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
  const rows = db.select({ id: journeyVersions.id, document: journeyVersions.document }).from(journeyVersions).where(eq(journeyVersions.journeyId, journeyId)).all();
  return new Map(rows.map((r) => [r.id, (r.document as JourneyDocument).holdout?.percent]));
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
