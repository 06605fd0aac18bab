import os from 'node:os';
import type { Db } from '@/db/client';
import { partitionBacklog } from '@/db/engine-lag';
import { dialectOf } from '@/db/dialect';
import { ownedPartitions, PARTITIONS } from '@/db/inbox';
import { listLeases, workerReports } from '@/db/leases';
import { leaseOverview, leaseTtl } from './leases';
import type { WorkerState } from './supervisor';

/** The figures a worker reports of itself (lease mode: stored with its heartbeat; static mode: sent to the supervisor). */
export interface WorkerFigures {
  stepsPerSecond: number;
  latenessP50Ms: number | null;
  latenessP99Ms: number | null;
  processed: number;
  timers: number;
  inFlightSends: number;
}

export interface ClusterWorker {
  /** Lease mode: host:pid:random as in engine_workers; static mode: `worker-<index>`. */
  id: string;
  /** 'lease': listed in the database (any machine); 'static': started by this app with a fixed share (SQLite). */
  mode: 'lease' | 'static';
  host: string;
  pid: number | null;
  startedAt: number;
  /** Lease mode: the last heartbeat; static mode: the last report. Null before the first. */
  heartbeatAt: number | null;
  /** Heartbeat within the lease TTL (static mode: the process is running). */
  live: boolean;
  /** Draining after SIGTERM: takes no new partitions. */
  stopping: boolean;
  partitions: number[];
  /** The worker's own figures (null until it has reported): steps per second, timer lateness, totals, sends in flight. */
  stepsPerSecond: number | null;
  latenessP50Ms: number | null;
  latenessP99Ms: number | null;
  processed: number | null;
  timers: number | null;
  inFlightSends: number | null;
}

export interface ClusterPartition {
  partition: number;
  /** The worker stepping it now (a live lease or a running static worker), null when nobody does. */
  owner: string | null;
  /** Inbox events waiting, and how long the oldest has waited (null when none). */
  pending: number;
  lagMs: number | null;
  /** Timers due (counted among the 10,000 most overdue; the top-level dueTimers counts all) and how late the oldest is (null when none is due). */
  dueTimers: number;
  timerLagMs: number | null;
}

export interface ClusterStats {
  workers: ClusterWorker[];
  /** Every partition, 0 … PARTITIONS-1. */
  partitions: ClusterPartition[];
  /** Partitions no worker steps now: their events and timers wait. Empty while the engine runs without workers (in-process). */
  unowned: number[];
  /** How this app's own engine workers (its supervisor's) take partitions: leases on Postgres, fixed shares on SQLite. */
  appWorkerMode: 'lease' | 'static';
}

const number = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

type Figures = Pick<ClusterWorker, keyof WorkerFigures>;
const NO_FIGURES: Figures = { stepsPerSecond: null, latenessP50Ms: null, latenessP99Ms: null, processed: null, timers: null, inFlightSends: null };

/** A report's figures only (a report over IPC carries more), or a stored one read defensively: it comes from another process, possibly another version of the code. */
function figuresOf(report: Record<string, unknown> | string | null | undefined): Figures {
  if (!report) return NO_FIGURES;
  let r: Record<string, unknown>;
  try {
    r = typeof report === 'string' ? (JSON.parse(report) as Record<string, unknown>) : report;
  } catch {
    return NO_FIGURES;
  }
  return {
    stepsPerSecond: number(r.stepsPerSecond),
    latenessP50Ms: number(r.latenessP50Ms),
    latenessP99Ms: number(r.latenessP99Ms),
    processed: number(r.processed),
    timers: number(r.timers),
    inFlightSends: number(r.inFlightSends),
  };
}

/** Who steps each partition (a live worker listing it); the unowned ones apart when owners are expected at all. */
function withOwners(partitions: ClusterPartition[], workers: ClusterWorker[], expectOwners: boolean): Pick<ClusterStats, 'partitions' | 'unowned'> {
  const owners = new Map<number, string>();
  for (const w of workers) if (w.live) for (const p of w.partitions) owners.set(p, w.id);
  const owned = partitions.map((p) => ({ ...p, owner: owners.get(p.partition) ?? null }));
  return { partitions: owned, unowned: expectOwners ? owned.filter((p) => p.owner === null).map((p) => p.partition) : [] };
}

/** Every partition's backlog at `now`: lag of its oldest waiting event and of its most overdue timer. */
function partitionRows(db: Db, now: number): ClusterPartition[] {
  const backlog = new Map(partitionBacklog(db, now).map((b) => [b.partition, b]));
  return Array.from({ length: PARTITIONS }, (_, partition): ClusterPartition => {
    const b = backlog.get(partition);
    return {
      partition,
      owner: null,
      pending: b?.pending ?? 0,
      lagMs: b?.oldestAcceptedAt != null ? Math.max(0, now - b.oldestAcceptedAt) : null,
      dueTimers: b?.dueTimers ?? 0,
      timerLagMs: b?.oldestWakeAt != null ? Math.max(0, now - b.oldestWakeAt) : null,
    };
  });
}

/**
 * Lease-mode workers as the database knows them (they may run on other
 * machines), with their partitions, their last reported figures, and every
 * partition's backlog.
 */
export function clusterStats(db: Db, now: number, ttlMs = leaseTtl()): ClusterStats {
  const overview = leaseOverview(db, now, ttlMs);
  const reports = workerReports(db);
  const workers = overview.workers.map((w): ClusterWorker => ({ ...w, mode: 'lease', ...figuresOf(reports.get(w.id)) }));
  // Lease mode is in use once a worker registered or a partition was ever leased; before that nobody is expected to hold them.
  const leasing = workers.length > 0 || listLeases(db).some((l) => l.token > 0);
  return { workers, ...withOwners(partitionRows(db, now), workers, leasing), appWorkerMode: dialectOf(db) === 'pg' ? 'lease' : 'static' };
}

/**
 * Adds the workers the app's supervisor runs (their reports come over IPC,
 * fresher than the database's): a static-mode worker is listed with its fixed
 * share; a lease-mode one (on Postgres the app's own workers lease too) is in
 * the database already and only refreshes its row's figures.
 */
export function withStaticWorkers(cluster: ClusterStats, states: WorkerState[]): ClusterStats {
  if (!states.length) return cluster;
  const byId = new Map(cluster.workers.map((w) => [w.id, w]));
  const added: ClusterWorker[] = [];
  for (const s of states) {
    if (cluster.appWorkerMode === 'lease') {
      const w = s.report?.workerId ? byId.get(s.report.workerId) : undefined;
      if (w && s.report) byId.set(w.id, { ...w, ...figuresOf({ ...s.report }) });
      continue;
    }
    added.push({
      id: `worker-${s.index}`,
      mode: 'static',
      host: os.hostname(),
      pid: s.pid,
      startedAt: s.startedAt,
      heartbeatAt: s.report?.at ?? null,
      live: s.pid !== null,
      stopping: false,
      // The share is fixed (worker `index` of as many as the supervisor runs): known before the first report too.
      partitions: s.report?.partitions ?? ownedPartitions(s.index, states.length),
      ...figuresOf(s.report ? { ...s.report } : null),
    });
  }
  const workers = [...cluster.workers.map((w) => byId.get(w.id)!), ...added];
  if (!added.length) return { ...cluster, workers };
  return { ...cluster, workers, ...withOwners(cluster.partitions, workers, true) };
}

/** Throughput summed over the live workers that reported, lateness the worst of theirs; null when none has reported. */
export function clusterFigures(cluster: ClusterStats): Pick<WorkerFigures, 'stepsPerSecond' | 'latenessP50Ms' | 'latenessP99Ms'> | null {
  const figures = cluster.workers.filter((w) => w.live && w.stepsPerSecond !== null);
  if (!figures.length) return null;
  const worst = (values: (number | null)[]) => values.reduce<number | null>((a, v) => (v === null ? a : Math.max(a ?? v, v)), null);
  return {
    stepsPerSecond: figures.reduce((a, f) => a + (f.stepsPerSecond ?? 0), 0),
    latenessP50Ms: worst(figures.map((f) => f.latenessP50Ms)),
    latenessP99Ms: worst(figures.map((f) => f.latenessP99Ms)),
  };
}
