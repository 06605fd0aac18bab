import type { Db } from './client';

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
