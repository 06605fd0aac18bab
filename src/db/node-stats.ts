import type { Db } from './client';
import { prepared } from './prepared';
import type { enrolmentVariants, enrolments, nodeCounts } from './schema';

// The queries behind per-node journey counts (analytics/node-stats.ts adds them up). Each takes the journey and,
// optionally, one version of it; windows are whole hours (node_counts buckets) or the same bounds in ms.

/** `journey_id = ?` plus `version_id = ?` when a version is given, and their parameters. */
function scoped(journeyId: string, versionId: number | undefined, column = 'version_id'): { where: string; params: (string | number)[] } {
  return versionId === undefined ? { where: '', params: [journeyId] } : { where: ` and ${column} = ?`, params: [journeyId, versionId] };
}

type NodeCount = typeof nodeCounts.$inferSelect;

/** Entries and exits per node (and exit handle) made in [fromHour, toHour). */
export function nodeMoves(db: Db, journeyId: string, versionId: number | undefined, fromHour: number, toHour: number): (Pick<NodeCount, 'nodeId' | 'kind' | 'handle'> & { n: number })[] {
  const s = scoped(journeyId, versionId);
  return prepared(
    db,
    `select node_id as nodeId, kind, handle, sum(n) as n from node_counts
      where journey_id = ?${s.where} and kind in ('enter', 'exit') and hour >= ? and hour < ? group by 1, 2, 3`,
  ).all(...s.params, fromHour, toHour) as (Pick<NodeCount, 'nodeId' | 'kind' | 'handle'> & { n: number })[];
}

/** Members waiting at each node right now. */
export function waitingByNode(db: Db, journeyId: string, versionId?: number): { nodeId: (typeof enrolments.$inferSelect)['nodeId']; n: number }[] {
  const s = scoped(journeyId, versionId);
  return prepared(db, `select node_id as nodeId, count(*) as n from enrolments where journey_id = ?${s.where} and status = 'waiting' group by node_id`).all(...s.params) as {
    nodeId: string | null;
    n: number;
  }[];
}

/** A/B assignments per split node and variant of the enrolments that entered in [fromMs, toMs), and how many of them reached the goal. */
export function variantAssignments(
  db: Db,
  journeyId: string,
  versionId: number | undefined,
  fromMs: number,
  toMs: number,
): (Pick<typeof enrolmentVariants.$inferSelect, 'nodeId' | 'variant'> & { n: number; reached: number | null })[] {
  const s = scoped(journeyId, versionId, 'v.version_id');
  return prepared(
    db,
    `select v.node_id as nodeId, v.variant, count(*) as n, sum(case when e.goal_at is not null then 1 else 0 end) as reached
       from enrolment_variants v join enrolments e on e.id = v.enrolment_id
      where v.journey_id = ?${s.where} and e.entered_at >= ? and e.entered_at < ? group by 1, 2`,
  ).all(...s.params, fromMs, toMs) as (Pick<typeof enrolmentVariants.$inferSelect, 'nodeId' | 'variant'> & { n: number; reached: number | null })[];
}

export type CohortTotals = Record<'enrolled' | 'inFlight' | 'completed' | 'exited' | 'goalReached' | 'goalMissed', number | null>;

/** Status counts of the enrolments that entered in [fromMs, toMs) (sums are null when there is none). */
export function cohortTotals(db: Db, journeyId: string, versionId: number | undefined, fromMs: number, toMs: number): CohortTotals {
  const s = scoped(journeyId, versionId);
  return prepared(
    db,
    `select count(*) as enrolled, sum(case when status in ('active', 'waiting') then 1 else 0 end) as inFlight,
            sum(case when status = 'completed' then 1 else 0 end) as completed, sum(case when status = 'exited' then 1 else 0 end) as exited,
            sum(case when goal_at is not null then 1 else 0 end) as goalReached,
            sum(case when goal_at is null and status in ('completed', 'exited') then 1 else 0 end) as goalMissed
       from enrolments where journey_id = ?${s.where} and entered_at >= ? and entered_at < ?`,
  ).get(...s.params, fromMs, toMs) as CohortTotals;
}
