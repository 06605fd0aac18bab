import type { Db } from './client';
import { dialectOf } from './dialect';
import { prepared } from './prepared';
import { outcomeArray } from './journey-report';

// The ordered-path funnel query of the journey report (analytics/path-funnel.ts checks the path and reads the result).

/** Stands for "the node the member is at now" in the order of passes: after every row of the log. */
const AT_NOW = Number.MAX_SAFE_INTEGER;

/**
 * SQL counting, for each step k of a path of `steps` nodes, the enrolments
 * that entered node 0, then node 1, …, then node k, in that order (other
 * nodes may come between). Step k keeps, per enrolment, the *earliest* entry
 * of node k after the one matched for step k−1: the earliest match never
 * rules out a later step that another match would allow, so counting
 * greedily is exact.
 *
 * The log has one row per node pass, written when the member leaves the
 * node. A member is at one node at a time, so the ids of an enrolment's passes
 * follow the order of entry; the node an in-flight member is at now has no row
 * yet and comes after all of them (`AT_NOW`, from the enrolment).
 *
 * Step 0 reads `step_log_pass` (journey, node, at; `kind` is a literal so that
 * SQLite can use that partial index) and `enrolments_node`; each later step
 * reads one enrolment's rows through `step_log_enrolment`, so the cost grows
 * with the members who got that far, not with the size of the log.
 *
 * On Postgres, `cross join … on` (SQLite's way of fixing the join order) is a plain join, and a subquery in
 * `from` needs a name (`u`): Postgres before 16 rejects one without.
 */
function pathSql(db: Db, steps: number): string {
  const pg = dialectOf(db) === 'pg';
  const join = pg ? 'join' : 'cross join';
  const named = pg ? ' u' : '';
  const ctes = [
    `s0 as materialized (select e, min(id) as id from (
        select enrolment_id as e, id from step_log where journey_id = ? and node_id = ? and kind = 'pass' and at >= ? and at < ?
        union all
        select id as e, ${AT_NOW} as id from enrolments where journey_id = ? and node_id = ? and status in ('active', 'waiting')
           and node_entered_at >= ? and node_entered_at < ?)${named}
      group by e)`,
  ];
  for (let k = 1; k < steps; k++) {
    ctes.push(
      `s${k} as materialized (select e, min(id) as id from (
          select s.e, l.id from s${k - 1} s ${join} step_log l on l.enrolment_id = s.e and l.id > s.id
           where l.node_id = ? and l.kind = 'pass' and l.at < ?
          union all
          select s.e, ${AT_NOW} as id from s${k - 1} s ${join} enrolments n on n.id = s.e
           where s.id < ${AT_NOW} and n.status in ('active', 'waiting') and n.node_id = ? and n.node_entered_at < ?)${named}
        group by e)`,
    );
  }
  const counts = Array.from({ length: steps }, (_, k) => `(select count(*) from s${k}) as c${k}`);
  // Step k's members who did not reach step k+1, by what became of them (see journey-report's OUTCOME_SUMS).
  const outcomes = Array.from(
    { length: steps - 1 },
    (_, k) => `(select ${outcomeArray(db)} from s${k} s join enrolments n on n.id = s.e where s.e not in (select e from s${k + 1})) as o${k + 1}`,
  );
  return `with ${ctes.join(',\n')}\nselect ${[...counts, ...outcomes].join(', ')}`;
}

/**
 * For a path of node ids, in the window [fromMs, toMs): `c0…c{n-1}` the enrolments that entered each step in
 * order, and `o1…o{n-1}` the outcomes (OUTCOME_SUMS JSON) of each previous step's members who did not come on.
 */
export function pathFunnelRow(db: Db, journeyId: string, path: string[], fromMs: number, toMs: number): Record<string, number & string> {
  const params: unknown[] = [journeyId, path[0], fromMs, toMs, journeyId, path[0], fromMs, toMs];
  for (const nodeId of path.slice(1)) params.push(nodeId, toMs, nodeId, toMs);
  return prepared(db, pathSql(db, path.length)).get(...params) as Record<string, number & string>;
}
