import type { JourneyDocument } from './document';
import { parseDuration } from './duration';

/** Far future (the largest JavaScript date): a goal without `within` stays reachable. */
export const NO_DEADLINE = 8_640_000_000_000_000;

/**
 * The last moment at which an event can reach the journey's goal for a member
 * who entered at `enteredAt` (entry + `goal.within`), or null when the journey
 * has no goal. Stored on the enrolment, it lets ingest look only at finished
 * members whose goal is still reachable.
 */
export function goalDeadline(doc: Pick<JourneyDocument, 'goal'>, enteredAt: number): number | null {
  if (!doc.goal) return null;
  const within = doc.goal.within ? parseDuration(doc.goal.within)?.toMillis() : undefined;
  return within === undefined ? NO_DEADLINE : enteredAt + within;
}
