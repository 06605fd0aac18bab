import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import { PARTITIONS } from '@/db/inbox';
import {
  acquirePartition,
  ensureLeaseRows,
  fenceLeases,
  heartbeatWorker,
  listLeases,
  listWorkers,
  liveWorkerCount,
  markWorkerStopping,
  pruneWorkers,
  registerWorker,
  releaseLeases,
  removeWorker,
  renewLeases,
} from '@/db/leases';
import { systemClock, type Clock } from './clock';

export { isLeaseLost, LeaseLost } from '@/db/leases';

/** Lease time to live: ENGINE_LEASE_MS, else 10 s. A worker silent this long loses its partitions. */
export function leaseTtl(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.ENGINE_LEASE_MS);
  return Number.isFinite(ms) && ms >= 100 ? ms : 10_000;
}

export interface LeaseOverview {
  /** Lease-mode workers (started, last heartbeat, draining) with the partitions each holds now. */
  workers: { id: string; host: string; pid: number; startedAt: number; heartbeatAt: number; stopping: boolean; live: boolean; partitions: number[] }[];
  /** Partitions nobody holds now (free, or their lease ran out): work on them waits for a worker to take them. */
  unowned: number[];
}

/** Who holds what, for operations (runtime stats): live = heartbeat within the TTL. */
export function leaseOverview(db: Db, now: number, ttlMs = leaseTtl()): LeaseOverview {
  const leases = listLeases(db);
  const held = (l: { owner: string | null; expiresAt: number }) => l.owner !== null && l.expiresAt >= now;
  return {
    workers: listWorkers(db).map((w) => ({
      ...w,
      stopping: w.stopping === 1,
      live: w.heartbeatAt >= now - ttlMs,
      partitions: leases.filter((l) => held(l) && l.owner === w.id).map((l) => l.partition),
    })),
    unowned: leases.filter((l) => !held(l)).map((l) => l.partition),
  };
}

/** Dead workers' rows stay listed this long (for operations), then go. */
const KEEP_DEAD_WORKERS_MS = 3600_000;

export interface LeaseKeeperOptions {
  db: Db;
  clock?: Clock;
  ttlMs?: number;
  /** Default host:pid:random. */
  id?: string;
  log?: (line: string) => void;
}

/** What one `tick` changed. */
export interface LeaseChanges {
  acquired: number[];
  released: number[];
  lost: number[];
}

/**
 * The partitions one engine worker holds in lease mode. Any number of workers,
 * on any machines, share the PARTITIONS member partitions through the
 * `partition_leases` rows: each heartbeats every ttl/3, renews its leases,
 * takes free or expired partitions up to its fair share (ceil(PARTITIONS /
 * live workers)) and gives back what is over it. `tick` is called between
 * batches only, so a partition is released after the batch that stepped it
 * has committed; and every write transaction of the worker calls `fence`
 * first, so a worker that lost a partition (stalled past its TTL) cannot
 * commit for it.
 */
export class LeaseKeeper {
  readonly id: string;
  readonly ttlMs: number;
  /** Heartbeat (and renewal, rebalance) interval: a third of the TTL, so two may fail before a lease runs out. */
  readonly beatMs: number;
  private readonly db: Db;
  private readonly clock: Clock;
  /** partition → the token and expiry this worker last wrote. */
  private readonly held = new Map<number, { token: number; expiresAt: number }>();
  private readonly tokens = new Map<number, number>();
  private lastBeat = -Infinity;
  private lastBalance = -Infinity;
  private started = false;
  private stopping = false;
  /** The worker's figures, stored with each heartbeat for the runtime page (workers may run on other machines). */
  reporter: (() => object) | null = null;

  constructor(private readonly opts: LeaseKeeperOptions) {
    this.db = opts.db;
    this.clock = opts.clock ?? systemClock;
    this.ttlMs = opts.ttlMs ?? leaseTtl();
    this.beatMs = Math.floor(this.ttlMs / 3);
    this.id = opts.id ?? `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  }

  /** The partitions held now (sorted), leaving out any whose lease ran out without a renewal. */
  get partitions(): number[] {
    const now = this.clock.now();
    return [...this.held].filter(([, l]) => l.expiresAt > now).map(([p]) => p).sort((a, b) => a - b);
  }

  owns(partition: number): boolean {
    const l = this.held.get(partition);
    return !!l && l.expiresAt > this.clock.now();
  }

  /** Registers the worker and takes a first share (call once, before the first batch). */
  start(): LeaseChanges {
    ensureLeaseRows(this.db);
    registerWorker(this.db, { id: this.id, host: os.hostname(), pid: process.pid, now: this.clock.now() });
    this.started = true;
    return this.tick();
  }

  /**
   * Between batches: every ttl/3, heartbeat, renew, and rebalance towards the
   * fair share. `canRelease` says whether a partition may go (no send of it in
   * flight); the others stay until a later tick.
   */
  tick(canRelease: (partition: number) => boolean = () => true, force = false): LeaseChanges {
    const changes: LeaseChanges = { acquired: [], released: [], lost: [] };
    const now = this.clock.now();
    if (!this.started) return changes;
    if (force || now - this.lastBeat >= this.beatMs) changes.lost = this.beat(now);
    if (this.stopping || (!force && now - this.lastBalance < this.beatMs)) return changes;
    this.lastBalance = now;
    const share = Math.ceil(PARTITIONS / Math.max(1, liveWorkerCount(this.db, now - this.ttlMs)));
    const mine = this.partitions;
    if (mine.length > share) {
      // The highest partitions go first: partition 0 (the singleton duties) moves only when its owner goes.
      const excess = mine.filter(canRelease).reverse().slice(0, mine.length - share);
      this.release(excess);
      changes.released = excess;
    } else if (mine.length < share) {
      changes.acquired = this.acquire(share - mine.length, now);
    }
    return changes;
  }

  /**
   * Fences a write transaction (call inside it, first): throws LeaseLost unless these partitions are all still ours.
   * A heartbeat that falls due meanwhile is done here too, committed with the transaction: a long run of them
   * (a scheduled trigger enrolling a large audience chunk by chunk, all in one pass) must not cost the leases.
   */
  readonly fence = (partitions: readonly number[]): void => {
    const now = this.clock.now();
    fenceLeases(this.db, { owner: this.id, tokens: this.tokens, partitions, now });
    if (this.started && now - this.lastBeat >= this.beatMs) this.beat(now);
  };

  /** Heartbeat and renewal; returns the partitions found taken over. */
  private beat(now: number): number[] {
    this.lastBeat = now;
    const report = this.reporter ? JSON.stringify(this.reporter()) : null;
    if (!heartbeatWorker(this.db, this.id, now, report)) registerWorker(this.db, { id: this.id, host: os.hostname(), pid: process.pid, now });
    pruneWorkers(this.db, now - Math.max(KEEP_DEAD_WORKERS_MS, 10 * this.ttlMs));
    return this.renew(now);
  }

  /** Forgets partitions a fence found lost (someone else holds them now). */
  drop(partitions: readonly number[]): void {
    for (const p of partitions) {
      this.held.delete(p);
      this.tokens.delete(p);
    }
    if (partitions.length) this.opts.log?.(`[leases] ${this.id} lost partitions ${partitions.join(', ')}`);
  }

  /** Draining: no new partitions; others stop counting this worker. Leases are still renewed until `stop`. */
  beginStop(): void {
    if (this.stopping || !this.started) return;
    this.stopping = true;
    markWorkerStopping(this.db, this.id);
  }

  /** After the last batch and send: every lease back (free at once for others), and the worker's row removed. */
  stop(): void {
    if (!this.started) return;
    this.stopping = true;
    releaseLeases(this.db, this.id);
    removeWorker(this.db, this.id);
    this.held.clear();
    this.tokens.clear();
    this.started = false;
  }

  private renew(now: number): number[] {
    const expiresAt = now + this.ttlMs;
    const still = new Map(renewLeases(this.db, this.id, expiresAt).map((r) => [r.partition, r.token]));
    const lost: number[] = [];
    for (const [p, lease] of this.held) {
      if (still.get(p) === lease.token) lease.expiresAt = expiresAt;
      else lost.push(p);
    }
    // Rows this worker owns but does not know of (a restart with the same id): given back rather than guessed at.
    const unknown = [...still.keys()].filter((p) => !this.held.has(p));
    if (unknown.length) releaseLeases(this.db, this.id, unknown);
    this.drop(lost);
    return lost;
  }

  private acquire(wanted: number, now: number): number[] {
    const got: number[] = [];
    const expiresAt = now + this.ttlMs;
    for (const lease of listLeases(this.db)) {
      if (got.length >= wanted) break;
      if (this.held.has(lease.partition) || (lease.owner !== null && lease.expiresAt >= now)) continue;
      const token = acquirePartition(this.db, { partition: lease.partition, owner: this.id, now, expiresAt });
      if (token === null) continue;
      this.held.set(lease.partition, { token, expiresAt });
      this.tokens.set(lease.partition, token);
      got.push(lease.partition);
    }
    return got;
  }

  private release(partitions: readonly number[]): void {
    if (!partitions.length) return;
    releaseLeases(this.db, this.id, partitions);
    for (const p of partitions) {
      this.held.delete(p);
      this.tokens.delete(p);
    }
  }
}
