import { describe, expect, it } from 'vitest';
import { openDb } from '../client';
import { dialectOf } from '../dialect';
import { analyzeEngineTables, ENGINE_TABLES } from './maintenance';

const onPostgres = process.env.TEST_STORE === 'pg';

describe('refreshing the engine tables’ planner statistics', () => {
  it.skipIf(!onPostgres)('analyses every engine table on Postgres', () => {
    const db = openDb(':memory:');
    // -1: never analysed (a fresh database from the migrated template).
    const reltuples = () =>
      db.$client.prepare(`select relname, reltuples from pg_class where relkind = 'r' and relname in (${ENGINE_TABLES.map(() => '?').join(', ')})`).all(...ENGINE_TABLES) as { relname: string; reltuples: number }[];
    expect(reltuples().filter((t) => Number(t.reltuples) >= 0)).toEqual([]);
    const logged: string[] = [];
    expect(analyzeEngineTables(db, (line) => logged.push(line))).toBe(true);
    expect(logged).toEqual([]);
    const after = reltuples();
    expect(after.map((t) => t.relname).sort()).toEqual([...ENGINE_TABLES].sort());
    expect(after.filter((t) => Number(t.reltuples) < 0)).toEqual([]);
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
