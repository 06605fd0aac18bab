import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';
import { memberPartition } from './inbox';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Opens (and migrates) a database file, or an in-memory one for ':memory:'. */
export function openDb(file: string): Db {
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
    let waitMs = 0;
    const tx = make(function (this: unknown, ...args: unknown[]) {
      began = true;
      // The lock is ours: statements inside wait for other locks (rare in WAL) the usual way.
      sqlite.pragma(`busy_timeout = ${waitMs}`);
      return fn.apply(this, args);
    });
    const run = (...args: unknown[]) => {
      // Nested: a savepoint inside the transaction that already holds the lock.
      if (sqlite.inTransaction) return tx.immediate(...args);
      waitMs = sqlite.pragma('busy_timeout', { simple: true }) as number;
      const deadline = Date.now() + waitMs;
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
        sqlite.pragma(`busy_timeout = ${waitMs}`);
      }
    };
    // Drizzle asks for `.deferred` explicitly: that too takes the write lock up front.
    return Object.assign(run, { default: run, deferred: run, immediate: run, exclusive: tx.exclusive });
  }) as typeof sqlite.transaction;
}

/**
 * Runs `fn` in a write transaction, waiting for SQLite's write lock without
 * blocking the thread: while an engine worker holds the lock, the web app
 * keeps answering other requests (readers above all) and tries again a
 * millisecond later. The synchronous wait of `db.transaction` would freeze
 * every request for as long as the worker's batch lasts.
 */
export async function whenWritable<T>(db: Db, fn: () => T, timeoutMs = 5_000): Promise<T> {
  const sqlite = db.$client;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // Already inside a transaction (a caller's): nothing to wait for.
    if (sqlite.inTransaction) return db.transaction(fn);
    const saved = sqlite.pragma('busy_timeout', { simple: true }) as number;
    let locked = false;
    sqlite.pragma('busy_timeout = 0');
    try {
      sqlite.prepare('BEGIN IMMEDIATE').run();
      locked = true;
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw err;
    } finally {
      sqlite.pragma(`busy_timeout = ${saved}`);
    }
    if (locked) {
      try {
        // Nested transactions inside `fn` become savepoints of this one.
        const value = fn();
        sqlite.prepare('COMMIT').run();
        return value;
      } catch (err) {
        if (sqlite.inTransaction) sqlite.prepare('ROLLBACK').run();
        throw err;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

function migrationsFolder(): string {
  return process.env.MIGRATIONS_PATH ?? path.join(process.cwd(), 'drizzle');
}

let shared: Db | undefined;

/** The app's database, opened lazily so that `next build` never touches it. */
export function getDb(): Db {
  if (!shared) shared = openDb(process.env.DATABASE_PATH ?? './data/journeys.db');
  return shared;
}
