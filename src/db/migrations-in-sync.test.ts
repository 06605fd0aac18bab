import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Both dialects' migrations come from the one schema (src/db/schema.ts; the
 * Postgres tables are derived from it in src/db/pg/schema.ts): drizzle-kit,
 * run on copies of drizzle/ and drizzle/pg/, must find nothing to generate.
 * A schema change without its migration for either store fails here.
 */
const root = path.resolve(import.meta.dirname, '../..');

function pending(dialect: 'sqlite' | 'postgresql', schema: string, migrations: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
  fs.cpSync(path.join(root, migrations), path.join(dir, 'out'), { recursive: true, filter: (src) => !src.endsWith(`${path.sep}pg`) || migrations.endsWith('pg') });
  const config = path.join(root, `.drizzle-check-${dialect}-${process.pid}.config.ts`);
  fs.writeFileSync(config, `export default { dialect: '${dialect}', schema: '${schema}', out: '${path.relative(root, path.join(dir, 'out'))}' };\n`);
  try {
    const r = spawnSync(process.execPath, [path.join(root, 'node_modules/drizzle-kit/bin.cjs'), 'generate', '--config', config], { cwd: root, encoding: 'utf8' });
    return `${r.stdout}\n${r.stderr}`;
  } finally {
    fs.rmSync(config, { force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('migrations of both stores match the schema', () => {
  it('SQLite (drizzle/)', () => {
    expect(pending('sqlite', './src/db/schema.ts', 'drizzle')).toContain('No schema changes');
  }, 60_000);

  it('Postgres (drizzle/pg/)', () => {
    expect(pending('postgresql', './src/db/pg/tables.ts', 'drizzle/pg')).toContain('No schema changes');
  }, 60_000);
});
