import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { welcomeJourney } from '@/journey/examples';
import { openDb } from '@/db/client';
import { graph, onEvent } from '@/test/journeys';
import { addMembers, T0 } from '@/test/fixtures';
import { TEST_RUN_MAX_STEPS, testRun } from './test-run';
import { TestRunHost } from './test-run-host';

/** A draft that loops through a one-minute wait: a year of it is half a million steps. */
const looping = graph(
  'loop',
  [onEvent('go'), { id: 'w', kind: 'wait.duration', config: { duration: 'PT1M' } }, { id: 'tag', kind: 'action.tag', config: { add: ['again'] } }],
  [['t', 'w'], ['w', 'tag'], ['tag', 'w']],
);

const root = path.resolve(__dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journey-testrun-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('test-run limits', () => {
  it('a looping draft stops at the step limit with a message that says why', () => {
    const db = openDb(':memory:');
    addMembers(db, [{ id: 'm1' }]);
    expect(() => testRun(db, { document: looping, memberId: 'm1', start: T0, horizonMs: 366 * 24 * 3600_000 })).toThrow(
      new RegExp(`stopped after ${TEST_RUN_MAX_STEPS.toLocaleString('en')} steps: the journey loops`),
    );
  }, 90_000);

  it('runs in its own process; a run over the time limit is stopped and the next one works', async () => {
    const file = path.join(dir, 'app.db');
    const db = openDb(file);
    addMembers(db, [{ id: 'm1', consent: { sms: true } }]);
    db.$client.close();
    const prev = process.env.DATABASE_PATH;
    process.env.DATABASE_PATH = file;
    const host = new TestRunHost({ root, timeoutMs: 60_000 });
    try {
      const ok = await host.run({ document: welcomeJourney, memberId: 'm1', start: Date.parse('2026-11-02T12:00:00+08:00') }, false);
      expect(ok?.steps.some((s) => s.nodeId === 'welcome_msg')).toBe(true);
      const slow = new TestRunHost({ root, timeoutMs: 1 });
      await expect(slow.run({ document: welcomeJourney, memberId: 'm1', start: T0 }, false)).rejects.toThrow(/took longer than 0 s and was stopped/);
      slow.stop();
      await expect(host.run({ document: welcomeJourney, memberId: 'ghost', start: T0 }, false)).rejects.toThrow('Unknown member "ghost"');
    } finally {
      host.stop();
      process.env.DATABASE_PATH = prev;
    }
  }, 90_000);
});
