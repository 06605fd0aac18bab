// Playwright reporter: writes {passed, failed, skipped} to .test-results/e2e.json.
import fs from 'node:fs';
import path from 'node:path';

const OUT = path.resolve('.test-results', 'e2e.json');

export default class CountReporter {
  onBegin(_config, suite) {
    this.suite = suite;
    this.globalErrors = 0;
  }

  onError() {
    // Errors outside tests: global setup, web server start-up, a spec that fails to load.
    this.globalErrors = (this.globalErrors ?? 0) + 1;
  }

  onEnd(result) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const test of this.suite?.allTests() ?? []) {
      const outcome = test.outcome();
      if (outcome === 'expected' || outcome === 'flaky') passed++;
      else if (outcome === 'unexpected') failed++;
      else skipped++;
    }
    failed += this.globalErrors ?? 0;
    // The run failed (timed out, interrupted, web server died...) without any test to blame.
    if (result.status !== 'passed' && failed === 0) failed = 1;
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    fs.writeFileSync(OUT, JSON.stringify({ passed, failed, skipped }) + '\n');
  }

  printsToStdio() {
    return false;
  }
}
