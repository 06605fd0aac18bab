import { describe, expect, it } from 'vitest';
import { openDb } from '../client';
import { dialectOf } from '../dialect';
import { analyzeEngineTables, ENGINE_TABLES } from './maintenance';

const onPostgres = process.env.TEST_STORE === 'pg';

describe('refreshing the engine tables’ planner statistics', () => {
  it.skipIf(!onPostgres)('analyses every engine table on Postgres', () => {
    const db = openDb(':memory:');
    // An analyze by command, not autovacuum's (which may have analysed the template's seeded partition_leases already:
    // a copied database keeps its pg_class figures), and figures for every table afterwards (-1: never analysed).
    const analysed = () =>
      db.$client
        .prepare(
          `select c.relname, c.reltuples, s.last_analyze is not null as "byCommand" from pg_class c join pg_stat_user_tables s on s.relid = c.oid
            where c.relkind = 'r' and c.relname in (${ENGINE_TABLES.map(() => '?').join(', ')})`,
        )
        .all(...ENGINE_TABLES) as { relname: string; reltuples: number; byCommand: number }[];
    expect(analysed().filter((t) => t.byCommand)).toEqual([]);
    const logged: string[] = [];
    expect(analyzeEngineTables(db, (line) => logged.push(line))).toBe(true);
    expect(logged).toEqual([]);
    const after = analysed();
    expect(after.map((t) => t.relname).sort()).toEqual([...ENGINE_TABLES].sort());
    expect(after.filter((t) => Number(t.reltuples) < 0 || !t.byCommand)).toEqual([]);
    db.$client.close();
  });

  it.skipIf(!onPostgres)('logs a failure and goes on', () => {
    const db = openDb(':memory:');
    db.$client.close();
    const logged: string[] = [];
    expect(analyzeEngineTables(db, (line) => logged.push(line))).toBe(false);
    expect(logged).toEqual([expect.stringContaining('refreshing planner statistics failed')]);
  });

  it.skipIf(onPostgres)('is a no-op on SQLite', () => {
    const db = openDb(':memory:');
    expect(dialectOf(db)).toBe('sqlite');
    const logged: string[] = [];
    expect(analyzeEngineTables(db, (line) => logged.push(line))).toBe(false);
    expect(logged).toEqual([]);
    // Nothing analysed: SQLite keeps what ANALYZE would write in sqlite_stat1, which does not exist.
    expect(db.$client.prepare(`select count(*) n from sqlite_master where name = 'sqlite_stat1'`).get()).toEqual({ n: 0 });
  });
});
