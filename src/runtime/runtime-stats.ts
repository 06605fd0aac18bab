import type { Db } from '@/db/client';
import type { RuntimeMetrics } from './metrics';

/** Queue depth, due timers, lateness and throughput: what `runtime.stats` reports. */
export function runtimeStats(db: Db, metrics: RuntimeMetrics, now: number) {
  const one = (text: string, ...params: unknown[]) => db.$client.prepare(text).pluck().get(...params) as number;
  return {
    at: now,
    waiting: one(`select count(*) from enrolments where status = 'waiting'`),
    dueTimers: one(`select count(*) from enrolments where status = 'waiting' and wake_at <= ?`, now),
    outboxPending: one(`select count(*) from outbox where status = 'pending'`),
    outboxDead: one(`select count(*) from outbox where status = 'dead'`),
    latenessP50Ms: metrics.latenessPercentile(50),
    latenessP99Ms: metrics.latenessPercentile(99),
    stepsPerSecond: metrics.stepsPerSecond(Date.now()),
  };
}
