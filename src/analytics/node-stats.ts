import type { Db } from '@/db/client';
import { cohortTotals, nodeMoves, variantAssignments, waitingByNode } from '@/db/node-stats';
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
  const w = hourWindow(range);
  const nodes: Record<string, NodeCounts> = {};
  const node = (id: string) => (nodes[id] ??= { entered: 0, exited: 0, waiting: 0, byHandle: {} });

  for (const m of nodeMoves(db, journeyId, versionId, w.fromHour, w.toHour)) {
    if (!m.nodeId) continue;
    if (m.kind === 'enter') node(m.nodeId).entered += m.n;
    else {
      node(m.nodeId).exited += m.n;
      if (m.handle) node(m.nodeId).byHandle[m.handle] = (node(m.nodeId).byHandle[m.handle] ?? 0) + m.n;
    }
  }

  for (const x of waitingByNode(db, journeyId, versionId)) if (x.nodeId) node(x.nodeId).waiting = x.n;

  const variants: JourneyStats['variants'] = {};
  for (const a of variantAssignments(db, journeyId, versionId, w.fromMs, w.toMs)) (variants[a.nodeId] ??= {})[a.variant] = { assigned: a.n, reached: Number(a.reached ?? 0) };

  const t = cohortTotals(db, journeyId, versionId, w.fromMs, w.toMs);
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
