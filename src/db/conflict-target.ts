import { sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

/**
 * The target of drizzle's `onConflictDoUpdate`, named by the bare column. drizzle's SQLite builder writes
 * `on conflict ("table"."column")`: SQLite accepts that, Postgres rejects it (a conflict target names columns of
 * the table itself, unqualified). `on conflict ("column")` is valid in both.
 */
export function conflictOn(column: SQLiteColumn): SQLiteColumn {
  return sql.identifier(column.name) as unknown as SQLiteColumn;
}
