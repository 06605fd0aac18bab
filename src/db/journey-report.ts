import type { Db } from './client';
import { bySqlDialect, dialectOf } from './dialect';
import { prepared } from './prepared';

// The queries behind the journey report (analytics/report.ts, path-funnel.ts, funnel-outcomes.ts shape the
// results). Windows are [fromMs, toMs) bounds already rounded to hours by the caller. The SQL is written for
// the indexes it names; change it together with the report's bench figures.

/** Durations (ms) of the finished visits of a wait node begun in the window, shortest first. */
export function waitDurations(db: Db, journeyId: string, nodeId: string, fromMs: number, toMs: number): number[] {
  // A pass row holds both ends of a visit; members still waiting have not finished theirs and are not counted.
  return prepared(
    db,
    `select left_at - at as d from step_log
      where journey_id = ? and node_id = ? and kind = 'pass' and at >= ? and at < ? and handle is not null order by d`,
  )
    .pluck()
    .all(journeyId, nodeId, fromMs, toMs) as number[];
}

/** Entries and goal conversions per bucket of `bucketMs` (by entered_at / bucketMs), in order. */
export function entriesPerBucket(db: Db, journeyId: string, bucketMs: number, fromMs: number, toMs: number): { q: number; enrolled: number; reached: number | null }[] {
  return prepared(
    db,
    `select entered_at / ${Math.trunc(bucketMs)} as q, count(*) as enrolled, sum(case when goal_at is not null then 1 else 0 end) as reached
       from enrolments where journey_id = ? and entered_at >= ? and entered_at < ? group by q order by q`,
  ).all(journeyId, fromMs, toMs) as { q: number; enrolled: number; reached: number | null }[];
}

/** Member columns the report may break conversion down by. */
export const BREAKDOWN_COLUMNS = ['tier', 'city', 'join_channel', 'gender'] as const;

/** Entries in the window and goal conversions by a member column ('—' for none), largest first. */
export function entriesByMemberColumn(
  db: Db,
  journeyId: string,
  column: (typeof BREAKDOWN_COLUMNS)[number],
  fromMs: number,
  toMs: number,
): { value: string; enrolled: number; reached: number }[] {
  if (!BREAKDOWN_COLUMNS.includes(column)) throw new RangeError(`No breakdown by ${String(column)}`);
  return prepared(
    db,
    `select coalesce(m.${column}, '—') as value, count(*) as enrolled, sum(case when e.goal_at is not null then 1 else 0 end) as reached
         from enrolments e join members m on m.id = e.member_id
        where e.journey_id = ? and e.entered_at >= ? and e.entered_at < ? group by value order by enrolled desc`,
  ).all(journeyId, fromMs, toMs) as { value: string; enrolled: number; reached: number }[];
}

/**
 * What became of members who did not go on to the next step, from their enrolment (`n`), as a JSON array
 * [converted, still in the journey, left without converting].
 */
const OUTCOME_SUMS = `coalesce(sum(case when n.goal_at is not null then 1 else 0 end), 0),
  coalesce(sum(case when n.goal_at is null and n.status in ('active', 'waiting') then 1 else 0 end), 0),
  coalesce(sum(case when n.goal_at is null and n.status not in ('active', 'waiting') then 1 else 0 end), 0)`;

/** OUTCOME_SUMS as one JSON array text (Postgres builds JSON with another function, and hands json back parsed unless cast to text). */
export function outcomeArray(db: Db): string {
  return bySqlDialect(db, { sqlite: `json_array(${OUTCOME_SUMS})`, pg: `json_build_array(${OUTCOME_SUMS})::text` });
}

/**
 * Outcomes (OUTCOME_SUMS) of the visits of `nodeId` begun in the window that did not leave by one of `handles`:
 * step-log passes, and the node an in-flight member is at now.
 */
export function outcomesNotTaking(db: Db, journeyId: string, nodeId: string, handles: string[], fromMs: number, toMs: number): string | null {
  if (dialectOf(db) === 'pg') {
    // Postgres: positional parameters only, and the JSON list of handles is read with jsonb_array_elements_text.
    return prepared(
      db,
      `select ${outcomeArray(db)} from (
          select enrolment_id as e, handle from step_log where journey_id = ? and node_id = ? and kind = 'pass' and at >= ? and at < ?
          union all
          select id, null from enrolments where journey_id = ? and node_id = ? and status in ('active', 'waiting')
             and node_entered_at >= ? and node_entered_at < ?) v
        join enrolments n on n.id = v.e
       where v.handle is null or v.handle not in (select value from jsonb_array_elements_text(?::jsonb))`,
    )
      .pluck()
      .get(journeyId, nodeId, fromMs, toMs, journeyId, nodeId, fromMs, toMs, JSON.stringify(handles)) as string | null;
  }
  return prepared(
    db,
    `select ${outcomeArray(db)} from (
        select enrolment_id as e, handle from step_log where journey_id = @journey and node_id = @node and kind = 'pass' and at >= @from and at < @to
        union all
        select id, null from enrolments where journey_id = @journey and node_id = @node and status in ('active', 'waiting')
           and node_entered_at >= @from and node_entered_at < @to) v
      join enrolments n on n.id = v.e
     where v.handle is null or v.handle not in (select value from json_each(@handles))`,
  )
    .pluck()
    .get({ journey: journeyId, node: nodeId, from: fromMs, to: toMs, handles: JSON.stringify(handles) }) as string | null;
}
