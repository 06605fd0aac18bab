import type { JourneyDocument } from './document';
import { getNodeKind } from './nodes';

/**
 * What taking an edge means for the journey's goal, as the canvas overlay colours it:
 * - `goal`: the edge is taken because the member did the goal event (a wait for the goal event, left by `event`);
 * - `drop`: the edge ends the journey (into an end node) without that, in a journey that has a goal;
 * - `onward`: anything else (the member goes on, and may still convert).
 * Decided by the document, not by how many took the edge: a small "paid" exit is good news, a busy "no purchase" path is not.
 */
export type EdgeMeaning = 'goal' | 'drop' | 'onward';

interface NodeLike {
  kind: string;
  config?: Record<string, unknown>;
}

export function edgeMeaning(goal: JourneyDocument['goal'], source: NodeLike | undefined, handle: string, target: NodeLike | undefined): EdgeMeaning {
  if (!goal) return 'onward';
  if (source && waitsForGoal(source, handle, goal.event)) return 'goal';
  return target && endsJourney(target) ? 'drop' : 'onward';
}

/** A wait left by the handle of the goal event (a trigger's own event starts the journey, it does not convert). */
function waitsForGoal(source: NodeLike, handle: string, goalEvent: string): boolean {
  const def = getNodeKind(source.kind);
  if (!def?.isWait || !def.listensTo) return false;
  return def.listensTo(source.config ?? {}).some((l) => l.handle === handle && l.event === goalEvent);
}

/** A kind without exits (the end node) ends the journey. */
function endsJourney(target: NodeLike): boolean {
  const def = getNodeKind(target.kind);
  return !!def && def.handles(def.defaultConfig).length === 0;
}
