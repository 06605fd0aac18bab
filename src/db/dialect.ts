import { sql } from 'drizzle-orm';
import type { Db } from './client';

/** Which SQL the database speaks: the embedded SQLite file (default) or Postgres (DATABASE_URL). */
export type Dialect = 'sqlite' | 'pg';

/** The dialect of a database handle: a Postgres connection marks itself (see pg/sync-client.ts). */
export function dialectOf(db: Db): Dialect {
  return (db.$client as unknown as { dialect?: Dialect }).dialect === 'pg' ? 'pg' : 'sqlite';
}

/** Picks the text of a statement whose SQL differs between the two dialects. */
export function bySqlDialect<T>(db: Db, variants: { sqlite: T; pg: T }): T {
  return variants[dialectOf(db)];
}

/**
 * What a claim appends on Postgres so that two workers never take the same
 * rows, and neither waits for the other's: `for update skip locked` (the rows
 * stay locked until the claiming transaction ends). SQLite needs nothing:
 * its writers take turns.
 */
export function skipLocked(db: Db, of?: string): string {
  return dialectOf(db) === 'pg' ? ` for update${of ? ` of ${of}` : ''} skip locked` : '';
}

/**
 * A claim's LIMIT for drizzle's builder, which writes no locking clause: on
 * Postgres the clause rides after the limit (`limit ? for update skip locked`).
 */
export function limitSkipLocked(db: Db, limit: number): number {
  return (dialectOf(db) === 'pg' ? sql`${limit} for update skip locked` : limit) as number;
}
