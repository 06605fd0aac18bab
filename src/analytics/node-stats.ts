import type { Db } from '@/db/client';
import { prepared } from '@/db/prepared';
import { hourWindow, type DateRange } from './date-range';

export interface NodeCounts {
  entered: number;
  exited: number;
  /** Members at the node right now, whatever the date range. */
  waiting: number;
  byHandle: Record<string, number>;
}

export interface JourneyStats {
  nodes: Record<string, NodeCounts>;
  variants: Record<string, Record<string, { assigned: number; reached: number }>>;
  /** goalMissed (未达标): finished (completed or exited) without reaching the goal. */
  totals: { enrolled: number; inFlight: number; completed: number; exited: number; goalReached: number; goalMissed: number };
  /** The window counted, rounded to whole hours (ms); null on an open side. */
  range: { from: number | null; to: number | null };
}

/**
 * Per-node funnel counts, optionally for a date range.
 *
 * Moves (entered, exited, by handle) are the moves made inside the range, read
 * from the hourly `node_counts` buckets: a journey with millions of step-log
 * rows reads a few hundred rows here. Totals and A/B assignments are the
 * enrolments that *entered* the journey inside the range (a cohort), with
 * their current status. "Waiting" is always now.
 */
export function journeyStats(db: Db, journeyId: string, versionId?: number, range?: DateRange): JourneyStats {
  const scope = versionId === undefined ? '' : ' and version_id = ?';
  const base = versionId === undefined ? [journeyId] : [journeyId, versionId];
  const w = hourWindow(range);
  const nodes: Record<string, NodeCounts> = {};
  const node = (id: string) => (nodes[id] ??= { entered: 0, exited: 0, waiting: 0, byHandle: {} });

  const moves = prepared(
    db,
    `select node_id as nodeId, kind, handle, sum(n) as n from node_counts
      where journey_id = ?${scope} and kind in ('enter', 'exit') and hour >= ? and hour < ? group by 1, 2, 3`,
  ).all(...base, w.fromHour, w.toHour) as { nodeId: string; kind: string; handle: string; n: number }[];
  for (const m of moves) {
    if (!m.nodeId) continue;
    if (m.kind === 'enter') node(m.nodeId).entered += m.n;
    else {
      node(m.nodeId).exited += m.n;
      if (m.handle) node(m.nodeId).byHandle[m.handle] = (node(m.nodeId).byHandle[m.handle] ?? 0) + m.n;
    }
  }

  const waiting = prepared(db, `select node_id as nodeId, count(*) as n from enrolments where journey_id = ?${scope} and status = 'waiting' group by node_id`).all(
    ...base,
  ) as { nodeId: string | null; n: number }[];
  for (const x of waiting) if (x.nodeId) node(x.nodeId).waiting = x.n;

  const variants: JourneyStats['variants'] = {};
  const assigned = prepared(
    db,
    `select v.node_id as nodeId, v.variant, count(*) as n, sum(e.goal_at is not null) as reached
       from enrolment_variants v join enrolments e on e.id = v.enrolment_id
      where v.journey_id = ?${scope.replace('version_id', 'v.version_id')} and e.entered_at >= ? and e.entered_at < ? group by 1, 2`,
  ).all(...base, w.fromMs, w.toMs) as { nodeId: string; variant: string; n: number; reached: number }[];
  for (const a of assigned) (variants[a.nodeId] ??= {})[a.variant] = { assigned: a.n, reached: Number(a.reached ?? 0) };

  const t = prepared(
    db,
    `select count(*) as enrolled, sum(status in ('active', 'waiting')) as inFlight, sum(status = 'completed') as completed,
            sum(status = 'exited') as exited, sum(goal_at is not null) as goalReached,
            sum(goal_at is null and status in ('completed', 'exited')) as goalMissed
       from enrolments where journey_id = ?${scope} and entered_at >= ? and entered_at < ?`,
  ).get(...base, w.fromMs, w.toMs) as Record<string, number | null>;
  const totals = {
    enrolled: Number(t.enrolled ?? 0),
    inFlight: Number(t.inFlight ?? 0),
    completed: Number(t.completed ?? 0),
    exited: Number(t.exited ?? 0),
    goalReached: Number(t.goalReached ?? 0),
    goalMissed: Number(t.goalMissed ?? 0),
  };
  return { nodes, variants, totals, range: { from: range?.from === undefined ? null : w.fromMs, to: range?.to === undefined ? null : w.toMs } };
}
