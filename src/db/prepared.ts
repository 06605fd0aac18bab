import type Database from 'better-sqlite3';
import type { Db } from './client';

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * A raw statement prepared once per connection. Hot paths use these instead
 * of building the same query through drizzle on every call.
 */
export function prepared(db: Db, sql: string): Database.Statement {
  let byText = cache.get(db.$client);
  if (!byText) cache.set(db.$client, (byText = new Map()));
  let stmt = byText.get(sql);
  if (!stmt) byText.set(sql, (stmt = db.$client.prepare(sql)));
  return stmt;
}
