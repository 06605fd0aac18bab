import type { Db } from '@/db/client';
import { outcomesNotTaking } from '@/db/journey-report';
import { edgeHandle, type JourneyDocument } from '@/journey';
import { hourWindow, type DateRange } from './date-range';
import { outcomeOf, type StepOutcome } from './path-funnel';

/**
 * For each step of the main path after the first: the visits of the previous
 * step (entered inside the range) that did not take the edge to this step,
 * by what became of the member — converted (reached the goal), still in the
 * journey, or left without converting (the only drop-off). A visit is a
 * step-log pass, or the node an in-flight member is at now.
 */
export function mainPathOutcomes(db: Db, journeyId: string, doc: JourneyDocument, path: string[], range?: DateRange): StepOutcome[] {
  const w = hourWindow(range);
  return path.map((nodeId, i) => {
    if (i === 0) return outcomeOf(null);
    const previous = path[i - 1];
    const handles = doc.edges.filter((e) => e.source === previous && e.target === nodeId).map(edgeHandle);
    return outcomeOf(outcomesNotTaking(db, journeyId, previous, handles, w.fromMs, w.toMs));
  });
}
