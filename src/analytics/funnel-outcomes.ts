import type { Db } from '@/db/client';
import { prepared } from '@/db/prepared';
import { edgeHandle, type JourneyDocument } from '@/journey';
import { hourWindow, type DateRange } from './date-range';
import { OUTCOME_SUMS, outcomeOf, type StepOutcome } from './path-funnel';

/**
 * For each step of the main path after the first: the visits of the previous
 * step (entered inside the range) that did not take the edge to this step,
 * by what became of the member — converted (reached the goal), still in the
 * journey, or left without converting (the only drop-off). A visit is a
 * step-log pass, or the node an in-flight member is at now.
 */
export function mainPathOutcomes(db: Db, journeyId: string, doc: JourneyDocument, path: string[], range?: DateRange): StepOutcome[] {
  const w = hourWindow(range);
  const stmt = prepared(
    db,
    `select json_array(${OUTCOME_SUMS}) from (
        select enrolment_id as e, handle from step_log where journey_id = @journey and node_id = @node and kind = 'pass' and at >= @from and at < @to
        union all
        select id, null from enrolments where journey_id = @journey and node_id = @node and status in ('active', 'waiting')
           and node_entered_at >= @from and node_entered_at < @to) v
      join enrolments n on n.id = v.e
     where v.handle is null or v.handle not in (select value from json_each(@handles))`,
  ).pluck();
  return path.map((nodeId, i) => {
    if (i === 0) return outcomeOf(null);
    const previous = path[i - 1];
    const handles = doc.edges.filter((e) => e.source === previous && e.target === nodeId).map(edgeHandle);
    return outcomeOf(stmt.get({ journey: journeyId, node: previous, from: w.fromMs, to: w.toMs, handles: JSON.stringify(handles) }) as string | null);
  });
}
