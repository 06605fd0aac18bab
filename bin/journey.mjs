#!/usr/bin/env node
// `npx journey …`: runs the TypeScript CLI through tsx so no build step is needed.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const res = spawnSync(process.execPath, [tsx, '--tsconfig', path.join(root, 'tsconfig.json'), path.join(root, 'src/cli/journey.ts'), ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, MIGRATIONS_PATH: process.env.MIGRATIONS_PATH ?? path.join(root, 'drizzle') },
});
process.exit(res.status ?? 1);
