import { getJourney, setJourneyStatus, type JourneyStatus } from '@/db/journeys';
import { heldEvents } from '@/db/paused-events';
import type { JourneyRuntime } from './engine';

/**
 * Changes a journey's status. Resuming a paused journey replays to its held
 * members the events they sent while it was paused, in the order they
 * happened: a member who bought during the pause leaves the wait by its
 * "event" exit instead of getting the timeout's reminder. Waits that are due
 * then fire with the next timer pass (late ones at once). Returns how many
 * events were replayed.
 */
export function changeJourneyStatus(runtime: JourneyRuntime, journeyId: string, status: JourneyStatus): { replayed: number } {
  const journey = getJourney(runtime.db, journeyId);
  if (!journey) throw new Error(`Journey "${journeyId}" not found`);
  const after = journey.status === 'paused' ? journey.pausedAfterEvent : null;
  return runtime.transaction(() => {
    setJourneyStatus(runtime.db, journeyId, status, runtime.clock.now());
    if (status !== 'live' || after === null) return { replayed: 0 };
    const held = heldEvents(runtime.db, journeyId, after);
    runtime.refreshSegments();
    runtime.prefetchMembers([...new Set(held.map((h) => h.memberId))]);
    for (const h of held) {
      runtime.replayHeldEvent(journeyId, h.memberId, { type: h.type, occurredAt: h.occurredAt, properties: JSON.parse(h.properties) });
    }
    return { replayed: held.length };
  });
}
