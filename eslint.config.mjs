import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importsPlugin } from './scripts/check-imports.mjs';

// ---------------------------------------------------------------------------
// Layers. Imports go downward only:
//
//   UI (src/components, src/stores; src/app files that are not server entries)
//     → server (src/server; src/cli and the src/app server entries sit beside it)
//       → runtime · analytics · channels · members
//         → db
//           → journey (pure)
//   src/i18n and src/auth are pure and shared by every layer above journey.
//
// Each folder below lists what it may NOT import (by `@/` specifier; the
// `imports/no-relative-escape` rule makes every cross-folder import use `@/`,
// so a `../../db` cannot slip past). `imports/no-cycle` (scripts/check-imports.mjs)
// fails on any cycle of runtime imports between files, whatever the layers say.
//
// UI and server: the browser bundle must not pull in server code, so UI files
// import from the server side (server, db, runtime, analytics, channels, members,
// cli) only with `import type` — the tRPC `AppRouter` type is the usual one.
// src/app is the exception by nature: its `route.ts` handlers and its
// `page.tsx` / `layout.tsx` (server components; none is 'use client') are
// server code, the composition root of the web app, and may import any layer.
// Any other file placed in src/app (a client component, error.tsx, loading.tsx)
// gets the UI rule. A page that needs client state renders a component from
// src/components rather than becoming 'use client' itself.
//
// Tests (*.test.ts, src/test/**) are exempt: they drive the whole stack.
//
// SQL lives in src/db, typed from the drizzle schema: outside it no statement
// (`$client.prepare`), no query building (drizzle-orm, `prepared`, the schema's
// tables as values) and no driver. Types from the schema are fine.
// ---------------------------------------------------------------------------

const TESTS = ['src/**/*.test.ts', 'src/**/*.test.tsx', 'src/test/**'];
/** Route handlers and server components: the web app's server code. */
const APP_SERVER_ENTRIES = ['src/app/**/route.ts', 'src/app/**/page.tsx', 'src/app/**/layout.tsx', 'src/app/**/template.tsx', 'src/app/**/not-found.tsx', 'src/app/**/default.tsx'];

/** `@/a`, `@/a/...` for each folder, as one regex over the import specifier. */
const folders = (...names) => `^@/(${names.join('|')})(/|$)`;

const SERVER_SIDE = ['server', 'db', 'runtime', 'analytics', 'channels', 'members', 'cli'];
/** Pure modules of the server side that the browser uses too (no value import of their own from the server side; see below). */
const SHARED_WITH_BROWSER = ['src/analytics/experiment-verdict.ts', 'src/members/record.ts'];

const SQL_HOME = 'SQL lives in src/db, typed from the schema: call (or add) a function in a src/db module instead of building the query here.';
const SQL_PATTERNS = [
  { group: ['drizzle-orm', 'drizzle-orm/*', 'better-sqlite3'], allowTypeImports: true, message: SQL_HOME },
  { regex: '^@/db/(prepared|schema(-[a-z]+)?)$', allowTypeImports: true, message: SQL_HOME },
];
const NO_STATEMENTS = ['error', { selector: "MemberExpression[object.property.name='$client'][property.name=/^(prepare|exec)$/]", message: SQL_HOME }];

const layer = (files, patterns, ignores = []) => ({
  files,
  ignores: [...TESTS, ...ignores],
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
});

/** A layer above src/db: its own rule plus "no SQL here". */
const sqlFree = (files, patterns, ignores = []) => {
  const sqlFreeLayer = layer(files, [...patterns, ...SQL_PATTERNS], ignores);
  return [{ ...sqlFreeLayer, rules: { ...sqlFreeLayer.rules, 'no-restricted-syntax': NO_STATEMENTS } }];
};

const IO_MODULES = [
  'node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'net', 'http', 'https', 'worker_threads', 'timers/promises',
  'better-sqlite3', 'drizzle-orm', 'drizzle-orm/*', 'nodemailer', 'react', 'react/*', 'react-dom', 'react-dom/*',
  'next', 'next/*', '@trpc/*', '@tanstack/*', '@xyflow/*', 'zustand', 'zustand/*', 'i18next', 'react-i18next',
];

const uiRule = (files, ignores = []) =>
  layer(
    files,
    [
      {
        regex: `^@/(?!(${SHARED_WITH_BROWSER.map((f) => f.slice(4).replace(/\.ts$/, '')).join('|')})$)(${SERVER_SIDE.join('|')})(/|$)`,
        allowTypeImports: true,
        message: 'UI code imports from the server side only types (`import type`): values would pull server code into the browser bundle. Fetch through tRPC, or move a pure helper down to src/journey / src/i18n.',
      },
      { regex: folders('app'), message: 'Nothing imports from src/app: it is the top of the web app.' },
    ],
    ignores,
  );

export default tseslint.config(
  { ignores: ['.next/**', 'node_modules/**', 'drizzle/**', 'next-env.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    plugins: { imports: importsPlugin },
    rules: { 'imports/no-cycle': 'error', 'imports/no-relative-escape': 'error' },
  },
  layer(['src/journey/**'], [
    { regex: '^@/(?!journey(/|$))', message: 'src/journey is the pure core: it imports nothing of ours outside src/journey.' },
    { group: IO_MODULES, message: 'src/journey is pure: no I/O, database, framework or UI modules.' },
  ]),
  layer(['src/db/**'], [
    { regex: '^@/(?!(db|journey)(/|$))', message: 'src/db sits just above src/journey: it imports only src/db and src/journey (callers pass in what else it needs).' },
  ]),
  layer(['src/i18n/**', 'src/auth/**'], [
    { regex: folders(...SERVER_SIDE, 'app', 'components', 'stores'), message: 'src/i18n and src/auth are pure and shared by every layer: they import only src/journey.' },
  ]),
  ...sqlFree(['src/runtime/**', 'src/analytics/**', 'src/channels/**', 'src/members/**'], [
    { regex: folders('server', 'cli', 'app', 'components', 'stores'), message: 'runtime, analytics, channels and members sit below the server: no imports from server, cli, app or UI.' },
  ], SHARED_WITH_BROWSER),
  // Used by the browser too, so held to the UI rule: only types from the rest of the server side.
  uiRule(SHARED_WITH_BROWSER),
  ...sqlFree(['src/server/**'], [
    { regex: folders('cli', 'app', 'components', 'stores'), message: 'src/server sits below the UI and src/app: no imports from cli, app, components or stores.' },
  ]),
  ...sqlFree(['src/cli/**'], [
    { regex: folders('app', 'components', 'stores'), message: 'src/cli is a server-side entry: no imports from app, components or stores.' },
  ]),
  // src/app server entries may import any layer, but not write SQL either.
  ...sqlFree(APP_SERVER_ENTRIES, []),
  uiRule(['src/components/**', 'src/stores/**']),
  uiRule(['src/app/**'], APP_SERVER_ENTRIES),
);
