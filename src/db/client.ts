import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';
import { memberPartition } from './inbox';
import { dialectOf } from './dialect';
import { connectPg, isPostgresUrl, testDatabaseFor } from './pg/open';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/**
 * Opens (and migrates) a database: a SQLite file, an in-memory one for
 * ':memory:', or Postgres for a postgres:// URL (see pg/sync-client.ts: the
 * same synchronous API, so the same code runs on both).
 */
export function openDb(file: string): Db {
  const testPg = process.env.JOURNEY_TEST_PG_URL;
  if (isPostgresUrl(file) || isPostgresUrl(testPg)) {
    const url = isPostgresUrl(file) ? file : testDatabaseFor(file, testPg!);
    const client = connectPg(url);
    return drizzle(client as unknown as Database.Database, { schema }) as Db;
  }
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // The web app's writes wait at most this long for the write lock (better-sqlite3 waits synchronously: longer would freeze it).
  sqlite.pragma('busy_timeout = 5000');
  // The engine's batches touch many index pages: a 64 MB page cache and memory-mapped reads keep them off the syscall path.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('mmap_size = 268435456');
  sqlite.pragma('temp_store = MEMORY');
  // Workers pick their members' timers with it (see PARTITIONS).
  sqlite.function('member_partition', { deterministic: true }, (id: unknown) => memberPartition(String(id)));
  immediateTransactions(sqlite);
  const db = drizzle(sqlite, { schema }) as Db;
  migrate(db, { migrationsFolder: migrationsFolder() });
  return db;
}

/**
 * Makes `BEGIN IMMEDIATE` the default for transactions. Engine workers, the web
 * app and the CLI write the same file from several processes: a deferred
 * transaction that reads first and writes later fails at once with
 * SQLITE_BUSY when another process committed in between, while an immediate
 * one takes the write lock up front.
 *
 * Waiting for the lock is done here, not by SQLite's busy handler: that one
 * sleeps up to 100 ms between tries and so keeps missing the short gaps a
 * busy engine worker leaves between its batches — the web app, whose thread
 * waits synchronously, would stall for seconds. Trying again every half
 * millisecond takes the first gap.
 */
function immediateTransactions(sqlite: Database.Database): void {
  const make = sqlite.transaction.bind(sqlite);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  sqlite.transaction = ((fn: (...args: unknown[]) => unknown) => {
    let began = false;
    let waitMs: number | null = null;
    const tx = make(function (this: unknown, ...args: unknown[]) {
      began = true;
      // The lock is ours: statements inside wait for other locks (rare in WAL) the usual way.
      if (waitMs !== null) sqlite.pragma(`busy_timeout = ${waitMs}`);
      return fn.apply(this, args);
    });
    const run = (...args: unknown[]) => {
      // Nested: a savepoint inside the transaction that already holds the lock (the wait setting is the outer one's).
      if (sqlite.inTransaction) {
        waitMs = null;
        return tx.immediate(...args);
      }
      const saved = sqlite.pragma('busy_timeout', { simple: true }) as number;
      waitMs = saved;
      const deadline = Date.now() + saved;
      sqlite.pragma('busy_timeout = 0');
      try {
        for (;;) {
          began = false;
          try {
            return tx.immediate(...args);
          } catch (err) {
            if (began || (err as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw err;
            Atomics.wait(pause, 0, 0, 0.5);
          }
        }
      } finally {
        sqlite.pragma(`busy_timeout = ${saved}`);
      }
    };
    // Drizzle asks for `.deferred` explicitly: that too takes the write lock up front.
    return Object.assign(run, { default: run, deferred: run, immediate: run, exclusive: tx.exclusive });
  }) as typeof sqlite.transaction;
}

/**
 * Runs `fn` in a write transaction, waiting for SQLite's write lock without
 * blocking the thread: while an engine worker holds the lock, the web app
 * keeps answering other requests (readers above all). The synchronous wait
 * of `db.transaction` would freeze every request for as long as the worker's
 * batch lasts.
 *
 * Writes that arrive while one waits queue behind it and are committed
 * together when the lock is free (group commit), each in its own savepoint:
 * one that throws is rolled back alone and rejects alone. So a burst of
 * small requests costs one lock turn, not one each, and only one of them
 * polls for the lock.
 */
export function whenWritable<T>(db: Db, fn: () => T, timeoutMs = 5_000): Promise<T> {
  // Already inside a caller's transaction: nothing to wait for. On Postgres there is no store-wide write lock to wait for.
  if (db.$client.inTransaction || dialectOf(db) === 'pg') return Promise.resolve().then(() => db.transaction(fn));
  const queue = (writeQueues.get(db.$client) ?? writeQueues.set(db.$client, []).get(db.$client))!;
  return new Promise<T>((resolve, reject) => {
    queue.push({ fn, resolve: resolve as (v: unknown) => void, reject, deadline: Date.now() + timeoutMs });
    if (queue.length === 1) void drainWrites(db, queue);
  });
}

interface QueuedWrite {
  fn: () => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
  deadline: number;
}

const writeQueues = new WeakMap<Database.Database, QueuedWrite[]>();

async function drainWrites(db: Db, queue: QueuedWrite[]): Promise<void> {
  const sqlite = db.$client;
  while (queue.length) {
    if (!tryBeginImmediate(sqlite)) {
      // Those that waited too long give up with SQLITE_BUSY, like a synchronous write would.
      const now = Date.now();
      for (const w of queue.filter((q) => q.deadline <= now)) {
        queue.splice(queue.indexOf(w), 1);
        w.reject(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }));
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
      continue;
    }
    const batch: QueuedWrite[] = [];
    const outcomes: ({ ok: true; value: unknown } | { ok: false; err: unknown })[] = [];
    const deadline = performance.now() + GROUP_COMMIT_MS;
    try {
      // Queued writes until the time is up (at least one): the thread answers nothing else meanwhile.
      for (const w of queue) {
        if (batch.length && performance.now() > deadline) break;
        batch.push(w);
        try {
          // A savepoint each (a nested transaction): a write that throws is undone alone.
          outcomes.push({ ok: true, value: sqlite.transaction(w.fn)() });
        } catch (err) {
          outcomes.push({ ok: false, err });
        }
      }
      statementsOf(sqlite).commit.run();
    } catch (err) {
      if (sqlite.inTransaction) statementsOf(sqlite).rollback.run();
      queue.splice(0, batch.length);
      for (const w of batch) w.reject(err);
      continue;
    }
    queue.splice(0, batch.length);
    batch.forEach((w, i) => {
      const o = outcomes[i];
      if (o.ok) w.resolve(o.value);
      else w.reject(o.err);
    });
    // More queued: other requests (readers above all) are answered before the next group.
    if (queue.length) await new Promise((resolve) => setImmediate(resolve));
  }
}

/** How long one group commit may keep the web app's thread (the writes already queued wait for the next group). */
const GROUP_COMMIT_MS = 3;

/** `BEGIN IMMEDIATE` without waiting: false when another connection holds the write lock. */
function tryBeginImmediate(sqlite: Database.Database): boolean {
  const st = statementsOf(sqlite);
  // Through `pragma()`: a prepared `PRAGMA busy_timeout` statement does not change the wait.
  sqlite.pragma('busy_timeout = 0');
  try {
    st.begin.run();
    return true;
  } catch (err) {
    if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
    return false;
  } finally {
    sqlite.pragma(`busy_timeout = ${st.wait}`);
  }
}

/** Statements a busy web app runs for every write: prepared once per connection, not per request. */
function statementsOf(sqlite: Database.Database) {
  let st = prepared.get(sqlite);
  if (!st) {
    st = {
      wait: Number(sqlite.pragma('busy_timeout', { simple: true })),
      begin: sqlite.prepare('BEGIN IMMEDIATE'),
      commit: sqlite.prepare('COMMIT'),
      rollback: sqlite.prepare('ROLLBACK'),
    };
    prepared.set(sqlite, st);
  }
  return st;
}

const prepared = new WeakMap<Database.Database, { wait: number; begin: Database.Statement; commit: Database.Statement; rollback: Database.Statement }>();

function migrationsFolder(): string {
  return process.env.MIGRATIONS_PATH ?? path.join(process.cwd(), 'drizzle');
}

let shared: Db | undefined;

/** The app's database, opened lazily so that `next build` never touches it. */
export function getDb(): Db {
  if (!shared) shared = openDb(isPostgresUrl(process.env.DATABASE_URL) ? process.env.DATABASE_URL : (process.env.DATABASE_PATH ?? './data/journeys.db'));
  return shared;
}

/**
 * Settings of an engine worker's connection. SQLite: it may wait longer than
 * the web app for the write lock (nobody waits on its event loop). Postgres:
 * its commits do not wait for the disk (`synchronous_commit = off`): a crash
 * of the database may undo a worker's last batches, which the inbox (whose
 * rows go in the same transaction) then repeats. The web app's connection
 * keeps waiting for the disk, so an event answered 202 is never lost.
 */
export function useAsWorkerConnection(db: Db): void {
  if (dialectOf(db) === 'pg') db.$client.exec('set synchronous_commit = off');
  else db.$client.pragma('busy_timeout = 30000');
}
