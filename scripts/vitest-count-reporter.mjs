// Vitest 4 reporter: writes {passed, failed, skipped} to .test-results/unit.json.
// Used next to the default reporter:
//   vitest run --reporter=default --reporter=./scripts/vitest-count-reporter.mjs
import fs from 'node:fs';
import path from 'node:path';

// COUNT_REPORT_FILE names another file (the Postgres pass of `npm test` writes unit-pg.json).
const OUT = path.resolve('.test-results', process.env.COUNT_REPORT_FILE ?? 'unit.json');

export default class CountReporter {
  onTestRunEnd(testModules, unhandledErrors = []) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++; // 'skipped', or 'pending' when the run was interrupted
      }
      // A file that fails to load, or a failing beforeAll/afterAll hook,
      // has errors of its own: count each such module as one failure.
      if (mod.errors().length > 0) failed++;
    }
    if (unhandledErrors.length > 0) failed++;
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    fs.writeFileSync(OUT, JSON.stringify({ passed, failed, skipped }) + '\n');
  }
}
