import type Database from 'better-sqlite3';
import type { Db } from './client';

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * A raw statement prepared once per connection. Hot paths use these instead
 * of building the same query through drizzle on every call.
 *
 * The text runs on SQLite and on Postgres (see dialect.ts): `sum()` adds
 * numbers, not comparisons (`sum(case when … then 1 else 0 end)`), and a
 * parameter only tested for null is cast (`cast(? as text) is null`).
 */
export function prepared(db: Db, sql: string): Database.Statement {
  let byText = cache.get(db.$client);
  if (!byText) cache.set(db.$client, (byText = new Map()));
  let stmt = byText.get(sql);
  if (!stmt) byText.set(sql, (stmt = db.$client.prepare(sql)));
  return stmt;
}
