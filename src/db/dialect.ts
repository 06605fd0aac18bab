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
