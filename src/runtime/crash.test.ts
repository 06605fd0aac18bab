import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '@/db/client';
import { runCrashPlan } from '@/test/crash-plan';

const root = path.resolve(__dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journey-crash-'));

/** Starts the worker; kills it with SIGKILL after `killAfterMs` unless it finishes first. */
function runWorker(file: string, killAfterMs: number | null): Promise<'done' | 'killed'> {
  return new Promise((resolve, reject) => {
    // One process (tsx as a loader, not its CLI wrapper), so SIGKILL really kills the worker.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/test/crash-worker.ts'), file], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    let timer: NodeJS.Timeout | null = null;
    // The clock starts once the worker has loaded its modules (it says "ready"): start-up time varies more than work.
    child.stdout.on('data', () => {
      if (killAfterMs !== null && !timer && out.includes('ready')) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (out.includes('done')) resolve('done');
      else if (signal === 'SIGKILL') resolve('killed');
      else reject(new Error(`worker exited ${code}: ${err}`));
    });
  });
}

/** Everything that must be identical between an interrupted and an uninterrupted run. */
function fingerprint(file: string) {
  // Through openDb: on Postgres test runs the file names a database of the test cluster.
  const db = openDb(file);
  const all = (sql: string) => db.$client.prepare(sql).all();
  const result = {
    steps: all(`select e.member_id, e.entry_no, s.node_id, s.kind, s.handle, s.visit, s.at from step_log s join enrolments e on e.id = s.enrolment_id order by e.member_id, s.id`),
    enrolments: all(`select member_id, entry_no, status, node_id, variant, goal_at, wake_at from enrolments order by member_id, entry_no`),
    outbox: all(`select o.member_id, o.node_id, o.type, o.channel, o.status, o.reason, o.created_at from outbox o order by o.member_id, o.node_id, o.created_at`),
    ledger: all(`select member_id, delta, reason from points_ledger order by member_id, reason, delta`),
    points: all(`select id, points from members order by id`),
    keys: all(`select count(*) n, count(distinct idempotency_key) k from outbox`),
  };
  db.$client.close();
  return result;
}

describe('crash safety', () => {
  it('SIGKILL at random points, then restart: paths, outbox and ledger equal an uninterrupted run', async () => {
    const reference = path.join(dir, 'reference.db');
    const started = performance.now();
    runCrashPlan(reference);
    // The same work in the child takes about as long: kill points spread over it (seeding, ingest, timers, delivery),
    // each later than the last, as a restarted worker first replays what it had done (cheaply: events are deduped).
    const planMs = performance.now() - started;

    const crashed = path.join(dir, 'crashed.db');
    let kills = 0;
    const fractions = [0.05, 0.15, 0.25, 0.35, 0.5, 0.65, 0.8, 1];
    for (const fraction of fractions) {
      const outcome = await runWorker(crashed, Math.round(planMs * fraction * (0.8 + 0.4 * Math.random())));
      if (outcome === 'done') break;
      kills++;
    }
    expect(await runWorker(crashed, null)).toBe('done');
    expect(kills).toBeGreaterThanOrEqual(3);

    const a = fingerprint(reference);
    const b = fingerprint(crashed);
    expect(b.keys).toEqual(a.keys);
    expect(b.ledger).toEqual(a.ledger);
    expect(b.points).toEqual(a.points);
    expect(b.outbox).toEqual(a.outbox);
    expect(b.enrolments).toEqual(a.enrolments);
    expect(b.steps).toEqual(a.steps);
    expect(a.ledger.length).toBeGreaterThan(400);
  }, 120_000);
});
