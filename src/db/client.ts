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
 * one takes the write lock up front and simply waits (busy_timeout).
 */
function immediateTransactions(sqlite: Database.Database): void {
  const make = sqlite.transaction.bind(sqlite);
  sqlite.transaction = ((fn: (...args: unknown[]) => unknown) => {
    const tx = make(fn);
    const run = (...args: unknown[]) => tx.immediate(...args);
    // Drizzle asks for `.deferred` explicitly: that too takes the write lock up front.
    return Object.assign(run, { default: tx.immediate, deferred: tx.immediate, immediate: tx.immediate, exclusive: tx.exclusive });
  }) as typeof sqlite.transaction;
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
