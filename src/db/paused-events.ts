import type { Db } from './client';
import { prepared } from './prepared';
import type { events } from './schema';

type EventRow = typeof events.$inferSelect;

/**
 * Events stored after `afterSeq` by members with an enrolment in flight in the journey, in the order they
 * happened: what a paused journey held back, replayed when it resumes (properties still JSON text).
 */
export function heldEvents(db: Db, journeyId: string, afterSeq: number): (Pick<EventRow, 'memberId' | 'type' | 'occurredAt'> & { properties: string })[] {
  return prepared(
    db,
    `select ev.member_id as memberId, ev.type, ev.occurred_at as occurredAt, ev.properties from events ev
        where ev.seq > ?
          and exists (select 1 from enrolments e where e.journey_id = ? and e.member_id = ev.member_id and e.status in ('active', 'waiting'))
        order by ev.occurred_at, ev.seq`,
  ).all(afterSeq, journeyId) as (Pick<EventRow, 'memberId' | 'type' | 'occurredAt'> & { properties: string })[];
}
