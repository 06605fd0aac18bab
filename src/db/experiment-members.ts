import type { Db } from './client';
import { dialectOf } from './dialect';
import { prepared } from './prepared';

// Member-level rows of an A/B split or of a whole journey (analytics/experiment-data.ts and experiment-query.ts
// turn them into arms, revenue and verdicts). One query each, on the (member_id, occurred_at) index of events.

const DAY = 86_400_000;
/** CUPED's covariate: each member's goal-event spend in this many days before they entered. */
export const PRE_PERIOD_MS = 30 * DAY;

/** First entries counted in [fromMs, toMs). */
interface Window {
  fromMs: number;
  toMs: number;
}

/** The goal event whose `properties.amount` is revenue, and the window after entry it counts in (null: no limit). */
interface Goal {
  event: string | null;
  windowMs: number | null;
}

/** One member of an experiment (or of the journey): counted once, where their first assignment put them. */
export interface MemberRow {
  memberId: string;
  /** The arm of the first assignment (null for journey-level rows). */
  variant: string | null;
  /** At a capped split, the arm that first assignment's hash bucket gave (it differs when a pool ran out); else null. */
  assigned: string | null;
  /** When the member took that first assignment's arm (their entry time for rows recorded before it was kept). */
  splitAt: number;
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
 * Member-level rows, from one query: `source` lists (member, enrolment, variant, assigned, split time, version,
 * entered, goal) rows; each
 * member is kept once with their first row (by entry time, then enrolment id) and a goal reached in any of them.
 * Members whose first row falls outside the range are left out (their later entries are re-entries, not new members).
 * Revenue joins the member's goal events around that first entry, on the (member_id, occurred_at) index.
 */
function memberRows(db: Db, source: string, params: unknown[], w: Window, goalEvent: string | null, windowMs: number | null): MemberRow[] {
  const pg = dialectOf(db) === 'pg';
  // Postgres: JSON through jsonb (a number, or a string that reads as one, like SQLite's cast; anything else adds
  // nothing), grouped by every column it selects, and no NUL in text (no event type is null, so `= null` matches
  // none either). Both: the parameter only tested for null is cast, so that Postgres knows its type.
  const amount = pg
    ? `case when ((ev.properties)::jsonb ->> 'amount') ~ '^\\s*[-+]{0,1}([0-9]+[.]{0,1}[0-9]*|[.][0-9]+)([eE][-+]{0,1}[0-9]+){0,1}\\s*$'
            then ((ev.properties)::jsonb ->> 'amount')::double precision end`
    : `cast(json_extract(ev.properties, '$.amount') as real)`;
  const columns = 'f.memberId, f.variant, f.assigned, f.splitAt, f.versionId, f.firstAt, f.entries, f.reached, f.switched';
  const groupBy = pg ? columns : 'f.memberId';
  const rows = prepared(
    db,
    `with a as (${source}),
     f as (
       select memberId, variant, assigned, splitAt, versionId, firstAt, entries, reached, switched from (
         select memberId, variant, assigned, splitAt, versionId, enteredAt as firstAt,
                row_number() over (partition by memberId order by enteredAt, enrolmentId) as rn,
                count(*) over (partition by memberId) as entries,
                max(case when goalAt is not null then 1 else 0 end) over (partition by memberId) as reached,
                min(coalesce(variant, '')) over (partition by memberId) <> max(coalesce(variant, '')) over (partition by memberId) as switched
           from a) r
        where rn = 1 and firstAt >= ? and firstAt < ?)
     select ${columns},
            coalesce(sum(case when ev.occurred_at >= f.firstAt and (cast(? as bigint) is null or ev.occurred_at < f.firstAt + ?)
                              then ${amount} end), 0) as revenue,
            coalesce(sum(case when ev.occurred_at < f.firstAt then ${amount} end), 0) as preRevenue
       from f left join events ev on ev.member_id = f.memberId and ev.type = ? and ev.occurred_at >= f.firstAt - ${PRE_PERIOD_MS}
      group by ${groupBy} order by f.memberId`,
  ).all(...params, w.fromMs, w.toMs, windowMs, windowMs, goalEvent ?? (pg ? null : '\u0000')) as (Omit<MemberRow, 'reached' | 'switched'> & { reached: number; switched: number })[];
  return rows.map((r) => ({ ...r, reached: !!r.reached, switched: !!r.switched }));
}

/** Members of the A/B split at `nodeId`, each once in the arm of their first assignment. */
export function experimentMembers(db: Db, journeyId: string, nodeId: string, goal: Goal, w: Window): MemberRow[] {
  return memberRows(
    db,
    `select e.member_id as memberId, e.id as enrolmentId, v.variant, v.assigned, coalesce(v.at, e.entered_at) as splitAt,
            v.version_id as versionId, e.entered_at as enteredAt, e.goal_at as goalAt
       from enrolment_variants v join enrolments e on e.id = v.enrolment_id where v.journey_id = ? and v.node_id = ?`,
    [journeyId, nodeId],
    w,
    goal.event,
    goal.windowMs,
  );
}

/** Everyone who entered the journey, each once, from their first entry (for the holdout comparison). */
export function journeyMembers(db: Db, journeyId: string, goal: Goal, w: Window): MemberRow[] {
  return memberRows(
    db,
    `select e.member_id as memberId, e.id as enrolmentId, null as variant, cast(null as text) as assigned, e.entered_at as splitAt, e.version_id as versionId, e.entered_at as enteredAt, e.goal_at as goalAt
       from enrolments e where e.journey_id = ?`,
    [journeyId],
    w,
    goal.event,
    goal.windowMs,
  );
}

/**
 * When the first member was moved off their assigned variant at the split `nodeId` (a capped variant's pool ran
 * out), over every enrolment and version; null when nobody was. The experiment's fair window ends there.
 */
export function firstOverflowAt(db: Db, journeyId: string, nodeId: string): number | null {
  const row = prepared(
    db,
    `select min(coalesce(v.at, e.entered_at)) as at from enrolment_variants v join enrolments e on e.id = v.enrolment_id
      where v.journey_id = ? and v.node_id = ? and v.assigned is not null and v.assigned <> v.variant`,
  ).get(journeyId, nodeId) as { at: number | null } | undefined;
  return row?.at ?? null;
}
