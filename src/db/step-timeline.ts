import type { Db } from './client';
import { prepared } from './prepared';

/** A step-log row as read back, in id order. */
export interface StepLogRow {
  id: number;
  kind: string;
  nodeId: string | null;
  handle: string | null;
  at: number;
  leftAt: number | null;
}

/** One moment of a member's path: entered a node, left it by a handle, reached the goal, or left the journey. */
export interface TimelineStep {
  at: number;
  kind: 'enter' | 'exit' | 'goal' | 'exit_journey';
  nodeId: string | null;
  handle: string | null;
  /** Orders moments of several enrolments like the log's ids do (a pass's entry sits just after the pass before it). */
  seq: number;
}

/** The node an in-flight member is at: it has no row until they leave it. */
export interface CurrentNode {
  nodeId: string;
  at: number;
}

/**
 * One enrolment's path as moments, from its compact step log (one `pass` row
 * per node, written when the member left it) and the node it is at now.
 * A member is at one node at a time, so passes in id order are also the order
 * of entry: each node is entered right after the previous one is left, and a
 * goal row lies between the entry and the exit of the node it happened at.
 */
export function timelineOf(rows: StepLogRow[], current: CurrentNode | null): TimelineStep[] {
  const entries: { nodeId: string | null; at: number }[] = rows.filter((r) => r.kind === 'pass');
  if (current) entries.push(current);
  const out: TimelineStep[] = [];
  let next = 0;
  const enter = (seq: number) => {
    const e = entries[next++];
    if (e) out.push({ at: e.at, kind: 'enter', nodeId: e.nodeId, handle: null, seq });
  };
  enter(rows.length ? rows[0].id - 0.5 : Number.MAX_SAFE_INTEGER);
  for (const r of rows) {
    if (r.kind === 'pass') {
      if (r.handle) out.push({ at: r.leftAt ?? r.at, kind: 'exit', nodeId: r.nodeId, handle: r.handle, seq: r.id });
      enter(r.id + 0.5);
    } else {
      out.push({ at: r.at, kind: r.kind === 'goal' ? 'goal' : 'exit_journey', nodeId: r.nodeId, handle: r.handle, seq: r.id });
    }
  }
  return out;
}

/** Step-log rows of one enrolment, in id order. */
export function enrolmentSteps(db: Db, enrolmentId: number): StepLogRow[] {
  return prepared(db, `select id, kind, node_id as nodeId, handle, at, left_at as leftAt from step_log where enrolment_id = ? order by id`).all(
    enrolmentId,
  ) as StepLogRow[];
}

/** The enrolment's path as moments (see `timelineOf`). */
export function enrolmentTimeline(
  db: Db,
  e: { id: number; status: string; nodeId: string | null; nodeEnteredAt: number | null; updatedAt: number },
): TimelineStep[] {
  const inFlight = (e.status === 'active' || e.status === 'waiting') && e.nodeId !== null;
  return timelineOf(enrolmentSteps(db, e.id), inFlight ? { nodeId: e.nodeId!, at: e.nodeEnteredAt ?? e.updatedAt } : null);
}
