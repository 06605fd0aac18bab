import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '@/db/client';
import type { JourneyDocument } from '@/journey';
import { systemClock } from './clock';
import { JourneyRuntime } from './engine';
import { addMembers, makeEngine, publish } from '@/test/fixtures';
import { rows } from '@/test/journeys';
import { startPgCluster, type PgCluster } from '@/test/pg-cluster';

/**
 * Issue #18's scale-out acceptance: the app's ingest and two engine worker
 * processes on Postgres take 5,000 members through a journey with messages,
 * a wait and a reward; one worker is SIGKILLed while it works, the survivor
 * takes its partitions when the lease runs out, and a third worker joins
 * mid-run. The outcome must equal the same members run by one engine on its
 * own (in process, SQLite): every path, effect and ledger row, none lost,
 * none doubled.
 */
const MEMBERS = 5000;
const LEASE_MS = 3000;
const root = path.resolve(import.meta.dirname, '../..');

const doc: JourneyDocument = {
  format: 'journey/v1',
  id: 'scale-out',
  name: 'Scale out',
  entry: { reentry: 'never' },
  // Sent at any hour: the workers run on the real clock, and quiet hours would hold the messages whenever this test runs at night in Shanghai.
  policy: { quietHours: 'off' },
  nodes: [
    { id: 't', kind: 'trigger.event', config: { event: 'member_joined' } },
    { id: 'hello', kind: 'action.message', config: { channel: 'sms', template: 'Hi {{member.name}}' } },
    { id: 'pause', kind: 'wait.duration', config: { duration: 'PT2S' } },
    { id: 'pts', kind: 'action.reward', config: { reward: { type: 'points', amount: 7 } } },
    { id: 'bye', kind: 'action.message', config: { channel: 'app_push', template: 'Thanks' } },
    { id: 'end', kind: 'end' },
  ],
  edges: [
    { source: 't', target: 'hello' },
    { source: 'hello', target: 'pause' },
    { source: 'pause', target: 'pts' },
    { source: 'pts', target: 'bye' },
    { source: 'bye', target: 'end' },
  ],
};

const ids = Array.from({ length: MEMBERS }, (_, i) => `m${String(i).padStart(5, '0')}`);
const consent = { sms: true, app_push: true };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Everything a member's run leaves behind, without times or row ids: equal outcomes give equal fingerprints. */
function fingerprint(db: Db): Map<string, string> {
  const out = new Map<string, string[]>();
  const add = (m: string, s: string) => (out.get(m) ?? out.set(m, []).get(m)!).push(s);
  for (const r of rows<{ m: string; n: string; h: string | null; v: number | null; k: string }>(
    db,
    `select e.member_id as m, s.node_id as n, s.handle as h, s.visit as v, s.kind as k from step_log s join enrolments e on e.id = s.enrolment_id order by e.member_id, s.id`,
  ))
    add(r.m, `step ${r.k} ${r.n} ${r.h ?? ''} ${r.v ?? ''}`);
  for (const r of rows<{ m: string; s: string; n: string }>(db, `select member_id as m, status as s, node_id as n from enrolments order by member_id, id`)) add(r.m, `enrolment ${r.s} at ${r.n}`);
  for (const r of rows<{ m: string; n: string; t: string; c: string | null; s: string }>(
    db,
    `select member_id as m, node_id as n, type as t, channel as c, status as s from outbox order by member_id, node_id, type`,
  ))
    add(r.m, `effect ${r.t} ${r.n} ${r.c ?? ''} ${r.s}`);
  for (const r of rows<{ m: string; n: number; d: number }>(db, `select member_id as m, count(*) as n, sum(delta) as d from points_ledger group by member_id order by member_id`))
    add(r.m, `ledger ${r.n} rows ${r.d}`);
  for (const r of rows<{ m: string; p: number }>(db, `select id as m, points as p from members order by id`)) add(r.m, `points ${r.p}`);
  return new Map([...out].map(([m, lines]) => [m, lines.join('\n')]));
}

describe('scale-out on Postgres: two workers, one killed, a third joining', () => {
  let cluster: PgCluster;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    cluster = await startPgCluster();
  }, 60_000);
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await cluster?.stop();
  });

  it('ends exactly as one engine alone would: no path, effect or ledger row lost or doubled', async () => {
    // The reference: the same members through the same engine in one process.
    const alone = makeEngine();
    addMembers(alone.db, ids.map((id) => ({ id, consent })));
    publish(alone.db, doc);
    alone.runtime.ingest(ids.map((memberId) => ({ memberId, type: 'member_joined' })));
    alone.advanceTo(alone.clock.now() + 60_000);
    const expected = fingerprint(alone.db);
    expect(expected.size).toBe(MEMBERS);

    const url = cluster.url.replace(/\/postgres$/, '/scaleout');
    const admin = openDb(cluster.url);
    admin.$client.exec('create database scaleout');
    const db = openDb(url);
    addMembers(db, ids.map((id) => ({ id, consent })));
    publish(db, doc);

    const owners = () => rows<{ owner: string | null; n: number }>(db, `select owner, count(*) as n from partition_leases where expires_at > ? group by owner`, Date.now());
    const start = () => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/journey.ts'), 'worker'], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: url, DATABASE_PATH: '', JOURNEY_TEST_PG_URL: '', SEED_DEMO: '0', ENGINE_LEASE_MS: String(LEASE_MS) },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(child);
      return new Promise<{ child: ChildProcess; id: string }>((resolve, reject) => {
        child.stdout!.once('data', (d: Buffer) => resolve({ child, id: JSON.parse(String(d).split('\n')[0]).worker }));
        child.once('exit', (code) => reject(new Error(`worker exited ${code}`)));
      });
    };
    // What the run looks like when it does not finish: said in the failure.
    const state = () => ({
      enrolments: rows(db, `select status, count(*) as n from enrolments group by status`),
      inbox: rows(db, `select count(*) as n, count(error) as parked, min(attempts) as attempts from inbox`),
      outbox: rows(db, `select type, status, count(*) as n from outbox group by type, status`),
      leases: owners(),
      workers: rows(db, `select id, heartbeat_at, stopping from engine_workers`),
    });
    const until = async (what: string, check: () => boolean, timeoutMs = 120_000) => {
      const t0 = Date.now();
      while (!check()) {
        if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(state())}`);
        await sleep(50);
      }
    };

    const w1 = await start();
    const w2 = await start();
    await until('two workers sharing the partitions', () => owners().filter((o) => o.owner).length === 2);

    // The app's ingest: validated and committed to the inbox, processed by the workers.
    const app = new JourneyRuntime(db, systemClock, true);
    for (let i = 0; i < MEMBERS; i += 500) app.accept(ids.slice(i, i + 500).map((memberId) => ({ memberId, type: 'member_joined' })));

    // Killed while it works: some members stepped, the inbox not yet empty.
    const stepped = () => Number(rows<{ n: number }>(db, `select count(*) as n from enrolments`)[0].n);
    await until('the first steps', () => stepped() > 500);
    const w1Partitions = rows<{ partition: number }>(db, `select partition from partition_leases where owner = ?`, w1.id).map((r) => r.partition);
    expect(w1Partitions.length).toBeGreaterThan(0);
    w1.child.kill('SIGKILL');
    const killedAt = Date.now();
    expect(Number(rows<{ n: number }>(db, `select count(*) as n from inbox`)[0].n)).toBeGreaterThan(0);

    // The survivor takes the dead worker's partitions once their lease has run out.
    const heldBy = (p: number[], owner: string) =>
      Number(rows<{ n: number }>(db, `select count(*) as n from partition_leases where owner = ? and partition in (${p.join(', ')})`, owner)[0].n);
    await until('the survivor taking over', () => heldBy(w1Partitions, w2.id) === w1Partitions.length, 10 * LEASE_MS);
    const tookOverAfter = Date.now() - killedAt;
    expect(tookOverAfter).toBeLessThan(3 * LEASE_MS);

    // A third worker joins while members still wait: it gets its share.
    const w3 = await start();
    await until('the third worker holding partitions', () => owners().some((o) => o.owner === w3.id && o.n > 0), 10 * LEASE_MS);

    await until(
      'every member finished',
      () => Number(rows<{ n: number }>(db, `select count(*) as n from enrolments where status = 'completed'`)[0].n) === MEMBERS &&
        Number(rows<{ n: number }>(db, `select count(*) as n from inbox`)[0].n) === 0 &&
        Number(rows<{ n: number }>(db, `select count(*) as n from outbox where status = 'pending'`)[0].n) === 0,
      240_000,
    );
    const actual = fingerprint(db);
    const differing = [...expected].filter(([m, f]) => actual.get(m) !== f).map(([m]) => m);
    expect(differing.slice(0, 3).map((m) => ({ m, expected: expected.get(m), actual: actual.get(m) }))).toEqual([]);
    expect(actual.size).toBe(MEMBERS);
    w2.child.kill('SIGTERM');
    w3.child.kill('SIGTERM');
    db.$client.close();
    admin.$client.close();
  }, 400_000);
});
