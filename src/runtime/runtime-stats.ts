import type { Db } from '@/db/client';
import { engineBacklog } from '@/db/engine-counts';
import { inboxStats } from '@/db/inbox';
import { sendQueue } from '@/db/send-rate';
import { clusterFigures, clusterStats, withStaticWorkers, type ClusterStats } from './cluster-stats';
import type { RuntimeMetrics } from './metrics';
import type { WorkerState } from './supervisor';

/**
 * Queue depth, due timers, lateness and throughput: what `runtime.stats`
 * reports. Where engine workers report (lease mode: in the database, from any
 * machine), throughput is theirs, summed, and lateness the worst of theirs;
 * otherwise this process's own.
 */
export function runtimeStats(db: Db, metrics: RuntimeMetrics, now: number) {
  const cluster = clusterStats(db, now);
  return {
    at: now,
    ...engineBacklog(db, now),
    latenessP50Ms: metrics.latenessPercentile(50),
    latenessP99Ms: metrics.latenessPercentile(99),
    stepsPerSecond: metrics.stepsPerSecond(Date.now()),
    ...clusterFigures(cluster),
    inbox: inboxStats(db),
    /** Messages waiting for their send, per channel: how many, how many a rate limit holds back, since when. */
    sendQueue: sendQueue(db),
    /** The workers the app's supervisor runs, as they report over IPC (empty outside the started app). */
    workers: [] as WorkerState[],
    /** Engine workers (lease mode from the database, any machine; the app's static ones from IPC), partitions and their lag. */
    cluster: cluster as ClusterStats,
  };
}

type Stats = ReturnType<typeof runtimeStats>;

/** In the app the engine runs in worker processes: their IPC reports join the cluster, and the figures are recomputed. */
export function withWorkers(stats: Stats, workers: WorkerState[]): Stats {
  if (!workers.length) return stats;
  const cluster = withStaticWorkers(stats.cluster, workers);
  return { ...stats, workers, cluster, ...clusterFigures(cluster) };
}
