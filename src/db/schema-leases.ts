import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Which engine worker steps which member partition (lease mode, see
 * src/runtime/leases.ts). One row per partition (PARTITIONS of them, written
 * by the migration and again, idempotently, when a worker registers). A lease
 * is held while `expires_at` (ms on the owner's clock) is in the future;
 * `token` grows with every new owner, so a worker that lost a partition and
 * got it back can tell the two holds apart (fencing).
 */
export const partitionLeases = sqliteTable('partition_leases', {
  partition: integer('partition').primaryKey(),
  owner: text('owner'),
  token: integer('token').notNull().default(0),
  expiresAt: integer('expires_at').notNull().default(0),
});

/** The engine workers in lease mode, for operations to list and for the fair share (live = recent heartbeat). */
export const engineWorkers = sqliteTable('engine_workers', {
  /** host:pid:random */
  id: text('id').primaryKey(),
  host: text('host').notNull(),
  pid: integer('pid').notNull(),
  startedAt: integer('started_at').notNull(),
  heartbeatAt: integer('heartbeat_at').notNull(),
  /** 1 once it drains (SIGTERM): it takes no new partitions and others do not count it. */
  stopping: integer('stopping').notNull().default(0),
  /**
   * The worker's own figures (JSON: steps/s, timer lateness, processed, timers, sends in flight), written with each
   * heartbeat: workers may run on other machines, so the runtime page reads them here rather than from processes.
   */
  report: text('report'),
});
