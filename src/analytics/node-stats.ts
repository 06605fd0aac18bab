import type { Db } from '@/db/client';

export interface NodeCounts {
  entered: number;
  exited: number;
  waiting: number;
  byHandle: Record<string, number>;
}

export interface JourneyStats {
  nodes: Record<string, NodeCounts>;
  variants: Record<string, Record<string, { assigned: number; reached: number }>>;
  /** goalMissed (未达标): finished (completed or exited) without reaching the goal. */
  totals: { enrolled: number; inFlight: number; completed: number; exited: number; goalReached: number; goalMissed: number };
}

/**
 * Per-node funnel counts. Moves come from `node_counts` (kept by a trigger on
 * the step log), variants from `enrolment_variants`: a journey with millions
 * of step-log rows reads a few hundred rows here.
 */
export function journeyStats(db: Db, journeyId: string, versionId?: number): JourneyStats {
  const scope = versionId === undefined ? '' : ' and version_id = ?';
  const params = versionId === undefined ? [journeyId] : [journeyId, versionId];
  const nodes: Record<string, NodeCounts> = {};
  const node = (id: string) => (nodes[id] ??= { entered: 0, exited: 0, waiting: 0, byHandle: {} });

  const moves = db.$client
    .prepare(`select node_id as nodeId, kind, handle, sum(n) as n from node_counts where journey_id = ?${scope} and kind in ('enter', 'exit') group by 1, 2, 3`)
    .all(...params) as { nodeId: string; kind: string; handle: string; n: number }[];
  for (const m of moves) {
    if (!m.nodeId) continue;
    if (m.kind === 'enter') node(m.nodeId).entered += m.n;
    else {
      node(m.nodeId).exited += m.n;
      if (m.handle) node(m.nodeId).byHandle[m.handle] = (node(m.nodeId).byHandle[m.handle] ?? 0) + m.n;
    }
  }

  const waiting = db.$client
    .prepare(`select node_id as nodeId, count(*) as n from enrolments where journey_id = ?${scope} and status = 'waiting' group by node_id`)
    .all(...params) as { nodeId: string | null; n: number }[];
  for (const w of waiting) if (w.nodeId) node(w.nodeId).waiting = w.n;

  const variants: JourneyStats['variants'] = {};
  const assigned = db.$client
    .prepare(
      `select v.node_id as nodeId, v.variant, count(*) as n, sum(e.goal_at is not null) as reached
         from enrolment_variants v join enrolments e on e.id = v.enrolment_id
        where v.journey_id = ?${scope.replace('version_id', 'v.version_id')} group by 1, 2`,
    )
    .all(...params) as { nodeId: string; variant: string; n: number; reached: number }[];
  for (const a of assigned) (variants[a.nodeId] ??= {})[a.variant] = { assigned: a.n, reached: Number(a.reached ?? 0) };

  const t = db.$client
    .prepare(
      `select count(*) as enrolled, sum(status in ('active', 'waiting')) as inFlight, sum(status = 'completed') as completed,
              sum(status = 'exited') as exited, sum(goal_at is not null) as goalReached,
              sum(goal_at is null and status in ('completed', 'exited')) as goalMissed
         from enrolments where journey_id = ?${scope}`,
    )
    .get(...params) as Record<string, number | null>;
  const totals = {
    enrolled: Number(t.enrolled ?? 0),
    inFlight: Number(t.inFlight ?? 0),
    completed: Number(t.completed ?? 0),
    exited: Number(t.exited ?? 0),
    goalReached: Number(t.goalReached ?? 0),
    goalMissed: Number(t.goalMissed ?? 0),
  };
  return { nodes, variants, totals };
}
