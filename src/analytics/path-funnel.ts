import type { Db } from '@/db/client';
import { prepared } from '@/db/prepared';
import { hourWindow, type DateRange } from './date-range';

/** Longest path the report accepts: each step is one more join over the step log. */
export const MAX_PATH_STEPS = 20;

/**
 * SQL counting, for each step k of a path of `steps` nodes, the enrolments
 * that entered node 0, then node 1, …, then node k, in that order (other
 * nodes may come between). Step k keeps, per enrolment, the *earliest* entry
 * of node k after the one matched for step k−1: the earliest match never
 * rules out a later step that another match would allow, so counting
 * greedily is exact. Rows are ordered by id, not `at`: one macrostep logs
 * several nodes at the same instant, and ids follow the order of the steps.
 *
 * Step 0 reads `step_log_enter` (journey, node, at; entries only: `kind` is a
 * literal so that SQLite can use that partial index); each later step reads one
 * enrolment's rows through `step_log_enrolment`, so the cost grows with the
 * members who got that far, not with the size of the log.
 */
function pathSql(steps: number): string {
  const ctes = [`s0 as materialized (select enrolment_id as e, min(id) as id from step_log where journey_id = ? and node_id = ? and kind = 'enter' and at >= ? and at < ? group by enrolment_id)`];
  for (let k = 1; k < steps; k++) {
    ctes.push(
      `s${k} as materialized (select s.e, min(l.id) as id from s${k - 1} s cross join step_log l on l.enrolment_id = s.e and l.id > s.id
                 where l.node_id = ? and l.kind = 'enter' and l.at < ? group by s.e)`,
    );
  }
  const counts = Array.from({ length: steps }, (_, k) => `(select count(*) from s${k}) as c${k}`);
  return `with ${ctes.join(',\n')}\nselect ${counts.join(', ')}`;
}

/** Entries along `path` in order, all inside the range: one count per step. */
export function pathCounts(db: Db, journeyId: string, path: string[], range?: DateRange): number[] {
  if (!path.length) return [];
  if (path.length > MAX_PATH_STEPS) throw new RangeError(`A path has at most ${MAX_PATH_STEPS} steps`);
  const w = hourWindow(range);
  const params: unknown[] = [journeyId, path[0], w.fromMs, w.toMs];
  for (const nodeId of path.slice(1)) params.push(nodeId, w.toMs);
  const row = prepared(db, pathSql(path.length)).get(...params) as Record<string, number>;
  return path.map((_, k) => row[`c${k}`]);
}
