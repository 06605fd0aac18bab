import type { Db } from '@/db/client';
import { engineBacklog } from '@/db/engine-counts';
import { inboxStats } from '@/db/inbox';
import { sendQueue } from '@/db/send-rate';
import type { RuntimeMetrics } from './metrics';
import type { WorkerState } from './supervisor';

/** Queue depth, due timers, lateness and throughput: what `runtime.stats` reports. */
export function runtimeStats(db: Db, metrics: RuntimeMetrics, now: number) {
  return {
    at: now,
    ...engineBacklog(db, now),
    latenessP50Ms: metrics.latenessPercentile(50),
    latenessP99Ms: metrics.latenessPercentile(99),
    stepsPerSecond: metrics.stepsPerSecond(Date.now()),
    inbox: inboxStats(db),
    /** Messages waiting for their send, per channel: how many, how many a rate limit holds back, since when. */
    sendQueue: sendQueue(db),
    workers: [] as WorkerState[],
  };
}

type Stats = ReturnType<typeof runtimeStats>;

/** In the app the engine runs in worker processes: throughput is theirs, summed; lateness the worst of theirs. */
export function withWorkers(stats: Stats, workers: WorkerState[]): Stats {
  const reports = workers.map((w) => w.report).filter((r) => r !== null);
  if (!reports.length) return { ...stats, workers };
  const worst = (values: (number | null)[]) => values.reduce<number | null>((a, v) => (v === null ? a : Math.max(a ?? v, v)), null);
  return {
    ...stats,
    workers,
    stepsPerSecond: reports.reduce((a, r) => a + r.stepsPerSecond, 0),
    latenessP50Ms: worst(reports.map((r) => r.latenessP50Ms)),
    latenessP99Ms: worst(reports.map((r) => r.latenessP99Ms)),
  };
}
