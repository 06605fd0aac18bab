import type { Db } from './client';
import { prepared } from './prepared';

/** Members waiting, timers due at `now`, and effects pending or dead: the engine's backlog for `runtime.stats`. */
export function engineBacklog(db: Db, now: number): { waiting: number; dueTimers: number; outboxPending: number; outboxDead: number } {
  const one = (text: string, ...params: unknown[]) => db.$client.prepare(text).pluck().get(...params) as number;
  return {
    waiting: one(`select count(*) from enrolments where status = 'waiting'`),
    dueTimers: one(`select count(*) from enrolments where status = 'waiting' and wake_at <= ?`, now),
    outboxPending: one(`select count(*) from outbox where status = 'pending'`),
    outboxDead: one(`select count(*) from outbox where status = 'dead'`),
  };
}

/** The next moment a live journey's waiting member is due, or a deferred effect: when a virtual clock should jump to. */
export function nextEngineDue(db: Db, now: number): { wake: number | null; deferred: number | null } {
  const wake = prepared(db, `select min(e.wake_at) from enrolments e join journeys j on j.id = e.journey_id and j.status = 'live' where e.status = 'waiting'`)
    .pluck()
    .get() as number | null;
  const deferred = prepared(db, `select min(deliver_after) from outbox where status = 'pending' and deliver_after > ?`).pluck().get(now) as number | null;
  return { wake, deferred };
}
