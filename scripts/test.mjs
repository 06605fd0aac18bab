// `npm test`: type check, lint, unit tests, production build, e2e tests.
// Every step runs even after a failure so that all counts are known; the very
// last line printed is the summary CI reads: `N passed, N failed[, N skipped]`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const env = { ...process.env, NO_COLOR: '1', NEXT_TELEMETRY_DISABLED: '1' };
delete env.FORCE_COLOR;

const resultsDir = path.join(root, '.test-results');
fs.mkdirSync(resultsDir, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };

function bin(name) {
  const local = path.join(root, 'node_modules', '.bin', name);
  return fs.existsSync(local) ? [local] : ['npx', '--no-install', name];
}

function run(title, command, args) {
  console.log(`\n=== ${title} ===`);
  const [cmd, ...pre] = command;
  const res = spawnSync(cmd, [...pre, ...args], { stdio: 'inherit', env, cwd: root });
  if (res.error) console.error(`${title}: ${res.error.message}`);
  return res.status === 0 && !res.error;
}

/** A step that counts as one check. */
function check(title, command, args) {
  const ok = run(title, command, args);
  if (ok) totals.passed++;
  else totals.failed++;
  console.log(`=== ${title}: ${ok ? 'ok' : 'FAILED'} ===`);
  return ok;
}

/** A test runner whose reporter writes {passed, failed, skipped} to `file`. */
function suite(title, command, args, file) {
  const out = path.join(resultsDir, file);
  fs.rmSync(out, { force: true });
  const ok = run(title, command, args);
  let counts = { passed: 0, failed: 0, skipped: 0 };
  try {
    const parsed = JSON.parse(fs.readFileSync(out, 'utf8'));
    for (const key of Object.keys(counts)) counts[key] = Number(parsed[key]) || 0;
  } catch {
    console.error(`${title}: no results in ${path.relative(root, out)}`);
  }
  // The runner failed without reporting a failed test (crash, config error...).
  if (!ok && counts.failed === 0) counts.failed = 1;
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  console.log(
    `=== ${title}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped ===`,
  );
}

check('typecheck (tsc)', bin('tsc'), ['--noEmit', '-p', '.']);
check('lint (eslint)', bin('eslint'), ['src', 'e2e', 'scripts']);
suite(
  'unit tests (vitest)',
  bin('vitest'),
  ['run', '--passWithNoTests', '--reporter=default', '--reporter=./scripts/vitest-count-reporter.mjs'],
  'unit.json',
);
// The engine's integration suite once more on Postgres (a throwaway cluster the run starts; see src/test/pg-global-setup.ts):
// everything that touches the store. The scale-out test runs on Postgres in the pass above already.
if (process.env.SKIP_PG_TESTS !== '1') {
  env.TEST_STORE = 'pg';
  env.COUNT_REPORT_FILE = 'unit-pg.json';
  suite(
    'unit tests on Postgres (vitest, TEST_STORE=pg)',
    bin('vitest'),
    [
      'run', 'src/db', 'src/runtime', 'src/server', 'src/analytics', 'src/members', 'src/channels', 'src/cli', 'src/test',
      '--exclude', 'src/runtime/scale-out.test.ts', '--exclude', 'src/db/migrations-in-sync.test.ts',
      '--reporter=default', '--reporter=./scripts/vitest-count-reporter.mjs',
    ],
    'unit-pg.json',
  );
  delete env.TEST_STORE;
  delete env.COUNT_REPORT_FILE;
}
const built = check('build (next build)', bin('next'), ['build']);
if (built) {
  suite('e2e tests (playwright)', bin('playwright'), ['test'], 'e2e.json');
} else {
  fs.rmSync(path.join(resultsDir, 'e2e.json'), { force: true });
  console.log('=== e2e tests (playwright): skipped because the build failed ===');
  totals.failed++;
}

let summary = `${totals.passed} passed, ${totals.failed} failed`;
if (totals.skipped > 0) summary += `, ${totals.skipped} skipped`;
process.stdout.write(`\n${summary}\n`);
process.exitCode = totals.failed > 0 ? 1 : 0;
