import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { checkProject, collectImports, importsPlugin } from '../scripts/check-imports.mjs';

// The layer rules of eslint.config.mjs and the import-graph checks of scripts/check-imports.mjs, run on fixtures:
// virtual files at real paths of this project (for the per-folder rules) and a small project in a temp folder (cycles).

const root = path.resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

/** The messages of `rules` ESLint gives a virtual file at `file` (relative to the project) with `code` in it. */
async function layerMessages(file: string, code: string, rules = ['@typescript-eslint/no-restricted-imports', 'imports/no-relative-escape']): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.filter((m) => rules.includes(m.ruleId ?? '')).map((m) => m.message);
}

describe('layer rules (eslint.config.mjs)', () => {
  it('src/journey imports nothing of ours outside it and no I/O', async () => {
    expect(await layerMessages('src/journey/upward-fixture.ts', "import { getDb } from '@/db/client';\nexport const db = getDb;\n")).toEqual([
      expect.stringContaining('src/journey is the pure core: it imports nothing of ours outside src/journey'),
    ]);
    expect(await layerMessages('src/journey/io-fixture.ts', "import fs from 'node:fs';\nexport const read = fs.readFileSync;\n")).toEqual([
      expect.stringContaining('src/journey is pure: no I/O'),
    ]);
    expect(await layerMessages('src/journey/ok-fixture.ts', "import { z } from 'zod';\nimport { parseDuration } from '@/journey/duration';\nexport const ok = [z, parseDuration];\n")).toEqual([]);
  });

  it('an upward import also closes a loop between folders (imports/no-cycle)', async () => {
    expect(await layerMessages('src/db/upward-fixture.ts', "import { JourneyRuntime } from '@/runtime/engine';\nexport const r = JourneyRuntime;\n", ['imports/no-cycle'])).toEqual([
      expect.stringMatching(/^Folder cycle: src\/db imports src\/runtime, which imports src\/db back \(src\/runtime\/[a-z-]+\.ts → src\/db\/[a-z-]+\.ts\)/),
    ]);
  });

  it('src/db imports only src/db and src/journey', async () => {
    expect(await layerMessages('src/db/upward-fixture.ts', "import { JourneyRuntime } from '@/runtime/engine';\nexport const r = JourneyRuntime;\n")).toEqual([
      expect.stringContaining('src/db sits just above src/journey'),
    ]);
  });

  it('runtime, analytics, channels and members do not import the server', async () => {
    expect(await layerMessages('src/runtime/upward-fixture.ts', "import { appRouter } from '@/server/root';\nexport const r = appRouter;\n")).toEqual([
      expect.stringContaining('sit below the server'),
    ]);
  });

  it('UI imports only types from the server side; src/app route handlers and pages are server code', async () => {
    const valueImport = "import { getDb } from '@/db/client';\nexport const db = getDb;\n";
    expect(await layerMessages('src/components/upward-fixture.tsx', valueImport)).toEqual([expect.stringContaining('UI code imports from the server side only types')]);
    expect(await layerMessages('src/stores/upward-fixture.ts', valueImport)).toEqual([expect.stringContaining('UI code imports from the server side only types')]);
    expect(await layerMessages('src/app/journeys/client-widget.tsx', valueImport)).toEqual([expect.stringContaining('UI code imports from the server side only types')]);
    expect(await layerMessages('src/components/type-fixture.tsx', "import type { AppRouter } from '@/server/root';\nexport type R = AppRouter;\n")).toEqual([]);
    expect(await layerMessages('src/app/api/fixture/route.ts', valueImport)).toEqual([]);
    expect(await layerMessages('src/app/fixture/page.tsx', valueImport)).toEqual([]);
  });

  it('SQL lives in src/db: no query building, statements or driver above it (types from the schema are fine)', async () => {
    const sqlRules = ['@typescript-eslint/no-restricted-imports', 'no-restricted-syntax'];
    const code = [
      "import { eq } from 'drizzle-orm';",
      "import { members } from '@/db/schema';",
      "import type { Db } from '@/db/client';",
      'export const count = (db: Db) => db.$client.prepare(`select count(*) from members`).get();',
      'export const where = eq(members.id, "m1");',
      '',
    ].join('\n');
    for (const file of ['src/runtime/sql-fixture.ts', 'src/analytics/sql-fixture.ts', 'src/server/routers/sql-fixture.ts', 'src/app/api/fixture/route.ts']) {
      expect(await layerMessages(file, code, sqlRules), file).toEqual([expect.stringContaining('SQL lives in src/db'), expect.stringContaining('SQL lives in src/db'), expect.stringContaining('SQL lives in src/db')]);
    }
    expect(await layerMessages('src/runtime/types-fixture.ts', "import type { outbox } from '@/db/schema';\nexport type Row = typeof outbox.$inferSelect;\n", sqlRules)).toEqual([]);
    expect(await layerMessages('src/db/sql-fixture.ts', code, sqlRules)).toEqual([]);
  });

  it('a relative import that leaves its folder is refused (the layer rules only see @/ specifiers)', async () => {
    expect(await layerMessages('src/journey/escape-fixture.ts', "import { getDb } from '../db/client';\nexport const db = getDb;\n")).toEqual([
      expect.stringContaining("Relative import '../db/client' leaves src/journey: write '@/db/client'"),
    ]);
  });

  it('the project as it is passes: no cycle, no relative escape', () => {
    expect(checkProject(root)).toEqual({ cycles: [], folderCycles: [], escapes: [] });
  });
});

describe('import cycles (scripts/check-imports.mjs)', () => {
  function project(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-cycles-'));
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'esnext', moduleResolution: 'bundler', paths: { '@/*': ['./src/*'] } } }));
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    return dir;
  }

  const fixture = {
    'src/a/one.ts': "import { two } from '@/a/two';\nexport const one = () => two;\n",
    'src/a/two.ts': "import { one } from './one';\nexport const two = () => one;\n",
    // Type-only imports are erased by the compiler: no cycle.
    'src/b/left.ts': "import type { Right } from './right';\nexport type Left = { right?: Right };\n",
    'src/b/right.ts': "import type { Left } from './left';\nexport type Right = { left?: Left };\n",
    // No file cycle, but the folders depend on each other.
    'src/x/p.ts': "import { q } from '@/y/q';\nexport const p = q;\n",
    'src/y/q.ts': "export const q = 1;\n",
    'src/y/r.ts': "import { s } from '@/x/s';\nexport const r = s;\n",
    'src/x/s.ts': "export const s = 2;\n",
  };

  it('reports a file cycle and a folder cycle, not a cycle of types', () => {
    const found = checkProject(project(fixture));
    expect(found.cycles).toEqual([['src/a/one.ts', 'src/a/two.ts', 'src/a/one.ts']]);
    expect(found.folderCycles).toEqual([expect.stringMatching(/^src\/x ⇄ src\/y: src\/x\/p\.ts → src\/y\/q\.ts; back: src\/y\/r\.ts → src\/x\/s\.ts/)]);
    expect(found.escapes).toEqual([]);
  });

  it('fails ESLint with imports/no-cycle at the import that closes the loop', async () => {
    const dir = project(fixture);
    const lint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, plugins: { imports: importsPlugin }, rules: { 'imports/no-cycle': 'error' } },
      ],
    });
    const results = await lint.lintFiles(['src']);
    const messages = results.flatMap((r) => r.messages.map((m) => `${path.relative(dir, r.filePath)}:${m.line}: ${m.message}`)).sort();
    expect(messages).toEqual([
      expect.stringContaining('src/a/one.ts:1: Import cycle: src/a/one.ts → src/a/two.ts → src/a/one.ts'),
      expect.stringContaining('src/a/two.ts:1: Import cycle: src/a/two.ts → src/a/one.ts → src/a/two.ts'),
      expect.stringContaining('src/x/p.ts:1: Folder cycle: src/x imports src/y, which imports src/x back (src/y/r.ts → src/x/s.ts)'),
      expect.stringContaining('src/y/r.ts:1: Folder cycle: src/y imports src/x, which imports src/y back (src/x/p.ts → src/y/q.ts)'),
    ]);
  });

  it('tells type-only imports from runtime ones', () => {
    const found = collectImports('x.ts', "import type { A } from './a';\nimport { type B } from './b';\nimport { C, type D } from './c';\nexport type { E } from './e';\nconst f = () => import('./f');\ntype G = import('./g').G;\n");
    expect(found.map((i) => [i.specifier, i.typeOnly])).toEqual([['./a', true], ['./b', true], ['./c', false], ['./e', true], ['./f', false], ['./g', true]]);
  });
});
