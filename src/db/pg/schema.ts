/**
 * The Postgres tables, derived from the one schema source (src/db/schema.ts,
 * written with drizzle's SQLite builders): drizzle-kit reads this file to
 * generate drizzle/pg/ (drizzle.pg.config.ts), so both dialects' migrations
 * come from the same definitions.
 *
 * Types map to what the SQLite columns hold, because the application writes
 * and reads values through drizzle's SQLite mapping on both stores (see
 * sync-client.ts): integers (times in ms, counts, 0/1 flags) are `bigint`,
 * reals `double precision`, text and JSON text `text`.
 */
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { is, SQL } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  customType,
  doublePrecision,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  unique,
  uniqueIndex,
  type AnyPgColumn,
  type PgColumnBuilderBase,
  type PgTableWithColumns,
} from 'drizzle-orm/pg-core';
import * as sqliteSchema from '../schema';

type AnyPgTable = PgTableWithColumns<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Text in byte order, as SQLite compares it: ids are walked with cursors
 * (`id > ?`, compared again in JavaScript), which a language collation such
 * as en_US would order differently.
 */
const text = customType<{ data: string }>({ dataType: () => 'text collate "C"' });

function columnFor(col: SQLiteColumn): PgColumnBuilderBase {
  const integerPk = col.primary && col.columnType === 'SQLiteInteger' && (col as unknown as { autoIncrement?: boolean }).autoIncrement;
  let b;
  if (integerPk) b = bigserial(col.name, { mode: 'number' });
  else if (col.columnType === 'SQLiteReal') b = doublePrecision(col.name);
  else if (col.columnType.startsWith('SQLiteText') || col.getSQLType() === 'text') b = text(col.name);
  else if (col.getSQLType() === 'integer' || col.getSQLType() === 'numeric') b = bigint(col.name, { mode: 'number' });
  else b = text(col.name);
  if (col.primary) b = b.primaryKey();
  if (col.notNull && !col.primary) b = b.notNull();
  if (col.hasDefault && col.default !== undefined) {
    // Defaults are stored values (strings, numbers) or raw SQL such as '{}': both read the same in Postgres; booleans are 0/1.
    const d = col.default as unknown;
    b = b.default((is(d, SQL) ? d : typeof d === 'boolean' ? (d ? 1 : 0) : d) as never);
  }
  if (col.isUnique) b = b.unique(col.uniqueName);
  return b;
}

function derive(sqliteTables: SQLiteTable[]): Record<string, AnyPgTable> {
  const out: Record<string, AnyPgTable> = {};
  const byName = new Map<string, AnyPgTable>();
  for (const t of sqliteTables) {
    const cfg = getTableConfig(t);
    const keyOf = new Map(Object.entries(t).filter(([, v]) => cfg.columns.includes(v as SQLiteColumn)).map(([k, v]) => [v as SQLiteColumn, k]));
    const columns: Record<string, PgColumnBuilderBase> = {};
    for (const col of cfg.columns) columns[keyOf.get(col) ?? col.name] = columnFor(col);
    const pick = (table: AnyPgTable, cols: SQLiteColumn[]) => cols.map((c) => table[keyOf.get(c) ?? c.name] as AnyPgColumn);
    const table = pgTable(cfg.name, columns, (pt) => {
      const p = pt as unknown as AnyPgTable;
      const extras = [];
      for (const pk of cfg.primaryKeys) extras.push(primaryKey({ columns: pick(p, pk.columns) as [AnyPgColumn, ...AnyPgColumn[]] }));
      for (const u of cfg.uniqueConstraints) extras.push(unique(u.name).on(...(pick(p, u.columns) as [AnyPgColumn, ...AnyPgColumn[]])));
      for (const ix of cfg.indexes) {
        const c = ix.config;
        const cols = c.columns.map((col) => (is(col, SQL) ? col : (p[keyOf.get(col as SQLiteColumn) ?? (col as SQLiteColumn).name] as AnyPgColumn)));
        let built = (c.unique ? uniqueIndex(c.name) : index(c.name)).on(...(cols as [AnyPgColumn, ...AnyPgColumn[]]));
        if (c.where) built = built.where(c.where);
        extras.push(built);
      }
      for (const fk of cfg.foreignKeys) {
        const ref = fk.reference();
        const target = getTableConfig(ref.foreignTable as SQLiteTable).name;
        let built = foreignKey({
          name: fk.getName(),
          columns: pick(p, ref.columns) as [AnyPgColumn, ...AnyPgColumn[]],
          foreignColumns: ref.foreignColumns.map((fc) => byName.get(target)![(fc as SQLiteColumn).name === fc.name ? keyOfColumn(ref.foreignTable as SQLiteTable, fc as SQLiteColumn) : fc.name] as AnyPgColumn) as [AnyPgColumn, ...AnyPgColumn[]],
        });
        if (fk.onDelete) built = built.onDelete(fk.onDelete);
        if (fk.onUpdate) built = built.onUpdate(fk.onUpdate);
        extras.push(built);
      }
      return extras;
    });
    byName.set(cfg.name, table as AnyPgTable);
    out[cfg.name] = table as AnyPgTable;
  }
  return out;
}

function keyOfColumn(table: SQLiteTable, col: SQLiteColumn): string {
  return Object.entries(table).find(([, v]) => v === col)?.[0] ?? col.name;
}

const sqliteTables = (Object.values(sqliteSchema) as unknown[]).filter((v): v is SQLiteTable => {
  try {
    return !!v && typeof v === 'object' && !!getTableConfig(v as SQLiteTable).name;
  } catch {
    return false;
  }
});

/** Every table of the schema, by SQL name, as a Postgres table. */
export const pgTables = derive(sqliteTables);

/** Which tables have an autoincrementing integer key, and its column: an insert into them returns it (SQLite's lastInsertRowid). */
export const rowIdColumns: Record<string, string> = Object.fromEntries(
  sqliteTables.flatMap((t) => {
    const cfg = getTableConfig(t);
    const col = cfg.columns.find((c) => c.primary && (c as unknown as { autoIncrement?: boolean }).autoIncrement);
    return col ? [[cfg.name, col.name]] : [];
  }),
);
