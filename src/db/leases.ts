import type { Db } from './client';
import { dialectOf } from './dialect';
import { PARTITIONS } from './inbox';
import { prepared } from './prepared';

/**
 * Partition leases and the engine workers that hold them (lease mode, see
 * src/runtime/leases.ts). Times are milliseconds on the calling worker's
 * clock: machines keep NTP time, and the lease TTL absorbs a small skew. Skew
 * only moves *when* a stalled worker's partitions may be taken; who may commit
 * is decided by the owner and token read in the committing transaction
 * (`fenceLeases`), which no clock affects. Plain SQL valid on SQLite and
 * Postgres alike.
 */

export interface LeaseRow {
  partition: number;
  owner: string | null;
  token: number;
  expiresAt: number;
}

export interface EngineWorkerRow {
  id: string;
  host: string;
  pid: number;
  startedAt: number;
  heartbeatAt: number;
  stopping: number;
}

/** A transaction of a lease-mode worker touched partitions it no longer holds: it is rolled back. */
export class LeaseLost extends Error {
  constructor(readonly partitions: readonly number[]) {
    super(`partition lease lost: ${partitions.join(', ')}`);
    this.name = 'LeaseLost';
  }
}

export function isLeaseLost(err: unknown): err is LeaseLost {
  return err instanceof LeaseLost;
}

const asLease = (r: Record<string, unknown>): LeaseRow => ({
  partition: Number(r.partition),
  owner: (r.owner as string | null) ?? null,
  token: Number(r.token),
  expiresAt: Number(r.expiresAt),
});

const LEASE_COLUMNS = 'partition, owner, token, expires_at as "expiresAt"';

/** The migration writes the partitions' rows; a store whose tables were made otherwise (Postgres) gets them here. */
export function ensureLeaseRows(db: Db): void {
  const have = Number((prepared(db, 'select count(*) as n from partition_leases').get() as { n: number }).n);
  if (have >= PARTITIONS) return;
  const add = prepared(db, 'insert into partition_leases (partition, owner, token, expires_at) values (?, null, 0, 0) on conflict (partition) do nothing');
  db.transaction(() => {
    for (let p = 0; p < PARTITIONS; p++) add.run(p);
  });
}

export function registerWorker(db: Db, w: { id: string; host: string; pid: number; now: number }): void {
  prepared(
    db,
    `insert into engine_workers (id, host, pid, started_at, heartbeat_at, stopping) values (?, ?, ?, ?, ?, 0)
     on conflict (id) do update set heartbeat_at = excluded.heartbeat_at, stopping = 0`,
  ).run(w.id, w.host, w.pid, w.now, w.now);
}

/** False when the worker's row is gone (pruned after a long stall): register again. `report` (JSON) replaces the last one when given. */
export function heartbeatWorker(db: Db, id: string, now: number, report: string | null = null): boolean {
  return prepared(db, 'update engine_workers set heartbeat_at = ?, report = coalesce(cast(? as text), report) where id = ?').run(now, report, id).changes === 1;
}

/** Each worker's last report (JSON text as written), by worker id: workers without one are left out. */
export function workerReports(db: Db): Map<string, string> {
  const rows = prepared(db, 'select id, report from engine_workers where report is not null').all() as { id: string; report: string }[];
  return new Map(rows.map((r) => [String(r.id), String(r.report)]));
}

/** A draining worker: others stop counting it for their fair share. */
export function markWorkerStopping(db: Db, id: string): void {
  prepared(db, 'update engine_workers set stopping = 1 where id = ?').run(id);
}

export function removeWorker(db: Db, id: string): void {
  prepared(db, 'delete from engine_workers where id = ?').run(id);
}

/** Rows of workers silent since `before` (killed ones): kept a while for operations to see, then dropped. */
export function pruneWorkers(db: Db, before: number): number {
  return prepared(db, 'delete from engine_workers where heartbeat_at < ?').run(before).changes;
}

/** Workers that heartbeat since `since` and are not draining. */
export function liveWorkerCount(db: Db, since: number): number {
  return Number((prepared(db, 'select count(*) as n from engine_workers where stopping = 0 and heartbeat_at >= ?').get(since) as { n: number }).n);
}

export function listWorkers(db: Db): EngineWorkerRow[] {
  const rows = prepared(
    db,
    'select id, host, pid, started_at as "startedAt", heartbeat_at as "heartbeatAt", stopping from engine_workers order by started_at, id',
  ).all() as Record<string, unknown>[];
  return rows.map((r) => ({
    id: String(r.id),
    host: String(r.host),
    pid: Number(r.pid),
    startedAt: Number(r.startedAt),
    heartbeatAt: Number(r.heartbeatAt),
    stopping: Number(r.stopping),
  }));
}

export function listLeases(db: Db): LeaseRow[] {
  return (prepared(db, `select ${LEASE_COLUMNS} from partition_leases order by partition`).all() as Record<string, unknown>[]).map(asLease);
}

/**
 * Takes a partition that is free or whose lease has expired. Returns the new
 * token, or null when someone holds it. One statement: two workers racing for
 * it cannot both win (the second one's condition no longer holds).
 */
export function acquirePartition(db: Db, q: { partition: number; owner: string; now: number; expiresAt: number }): number | null {
  const row = prepared(
    db,
    `update partition_leases set owner = ?, token = token + 1, expires_at = ?
     where partition = ? and (owner is null or expires_at < ?) returning token`,
  ).get(q.owner, q.expiresAt, q.partition, q.now) as { token: number } | undefined;
  return row ? Number(row.token) : null;
}

/** Extends every lease the owner still holds; returns them (a partition missing from the answer was taken over). */
export function renewLeases(db: Db, owner: string, expiresAt: number): LeaseRow[] {
  return (prepared(db, `update partition_leases set expires_at = ? where owner = ? returning ${LEASE_COLUMNS}`).all(expiresAt, owner) as Record<string, unknown>[]).map(
    asLease,
  );
}

/** Gives partitions (all of the owner's for null) back at once: the next worker need not wait for them to expire. */
export function releaseLeases(db: Db, owner: string, partitions: readonly number[] | null = null): number {
  if (partitions && !partitions.length) return 0;
  const only = partitions ? ` and partition in (${partitions.map(Number).join(', ')})` : '';
  return prepared(db, `update partition_leases set owner = null, expires_at = 0 where owner = ?${only}`).run(owner).changes;
}

/**
 * Call first inside a write transaction of a lease-mode worker: throws
 * LeaseLost (naming them) unless every one of `partitions` is still held by
 * `owner` with the token it got and unexpired, so the transaction rolls back.
 * On SQLite the write lock already orders it against any takeover; on
 * Postgres the owner's rows are locked FOR SHARE, so a takeover's UPDATE waits
 * until this transaction has committed. Only rows still the owner's are
 * locked (others' are left out by the condition, not waited for): a worker
 * with a stale list never holds a row another worker's renewal updates, so
 * the two cannot deadlock.
 */
export function fenceLeases(db: Db, q: { owner: string; tokens: ReadonlyMap<number, number>; partitions: readonly number[]; now: number }): void {
  if (!q.partitions.length) return;
  const lock = dialectOf(db) === 'pg' ? ' for share' : '';
  const list = q.partitions.map(Number).join(', ');
  const rows = (
    prepared(db, `select ${LEASE_COLUMNS} from partition_leases where partition in (${list}) and owner = ? order by partition${lock}`).all(q.owner) as Record<string, unknown>[]
  ).map(asLease);
  const byPartition = new Map(rows.map((r) => [r.partition, r]));
  const lost = q.partitions.filter((p) => {
    const r = byPartition.get(p);
    return !r || r.owner !== q.owner || r.token !== q.tokens.get(p) || r.expiresAt <= q.now;
  });
  if (lost.length) throw new LeaseLost(lost);
}
