import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '@/db/client';
import { PARTITIONS } from '@/db/inbox';
import { listLeases, listWorkers } from '@/db/leases';
import { systemClock, VirtualClock } from './clock';
import { JourneyRuntime } from './engine';
import { isLeaseLost, LeaseKeeper, LeaseLost, leaseOverview } from './leases';
import { EngineWorker } from './worker';
import { Dispatcher } from './dispatcher';
import { chain, onEvent, rows } from '@/test/journeys';
import { addMembers, count, publish, T0 } from '@/test/fixtures';

// Leases are plain SQL valid on both stores: these run on a SQLite file (several connections, as several processes would).
const root = path.resolve(__dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journey-leases-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => path.join(dir, `${name}.db`);

const TTL = 900;
const BEAT = TTL / 3;
const all = Array.from({ length: PARTITIONS }, (_, p) => p);
const range = (from: number, to: number) => all.filter((p) => p >= from && p < to);

const until = async (what: string, check: () => boolean, timeoutMs = 30_000) => {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** joined → 5 points → wait 1 s → tag: a ledger row and a timer per member, so a double step would show. */
const journey = chain(
  'leased',
  [
    onEvent('joined'),
    { id: 'pts', kind: 'action.reward', config: { reward: { type: 'points', amount: 5 } } },
    { id: 'w', kind: 'wait.duration', config: { duration: 'PT1S' } },
    { id: 'tag', kind: 'action.tag', config: { add: ['done'] } },
  ],
  { policy: { quietHours: 'off' } },
);

function seed(f: string, n: number): { db: Db; ids: string[] } {
  const db = openDb(f);
  const ids = Array.from({ length: n }, (_, i) => `m${String(i).padStart(4, '0')}`);
  addMembers(db, ids.map((id) => ({ id })));
  publish(db, journey);
  return { db, ids };
}

/** Nobody stepped twice, nobody left out: one enrolment, one ledger row, one tag and the same steps per member. */
function expectEachOnce(db: Db, n: number) {
  expect(count(db, 'select count(*) n from inbox')).toBe(0);
  expect(rows(db, `select count(*) n, count(distinct member_id) m from enrolments where status = 'completed'`)).toEqual([{ n, m: n }]);
  expect(rows(db, 'select count(*) n, count(distinct member_id) m from points_ledger')).toEqual([{ n, m: n }]);
  expect(count(db, `select count(*) n from member_tags where tag = 'done'`)).toBe(n);
  // The same number of step rows for every member.
  expect(rows(db, 'select distinct c from (select member_id, count(*) c from step_log group by member_id) per_member')).toHaveLength(1);
}

describe('partition leases', () => {
  it('two workers split the 64 partitions 32/32', () => {
    const f = file('split');
    openDb(f);
    const clock = new VirtualClock(T0);
    const a = new LeaseKeeper({ db: openDb(f), clock, ttlMs: TTL, id: 'a' });
    const b = new LeaseKeeper({ db: openDb(f), clock, ttlMs: TTL, id: 'b' });
    expect(a.start().acquired).toEqual(all);
    // Everything is taken: b waits for a to give its excess back at its next heartbeat.
    expect(b.start().acquired).toEqual([]);
    clock.advance(BEAT);
    expect(a.tick().released).toEqual(range(32, 64).reverse());
    expect(b.tick().acquired).toEqual(range(32, 64));
    expect([a.partitions, b.partitions]).toEqual([range(0, 32), range(32, 64)]);
    clock.advance(BEAT);
    expect([a.tick(), b.tick()]).toEqual([{ acquired: [], released: [], lost: [] }, { acquired: [], released: [], lost: [] }]);
    expect(listWorkers(openDb(f)).map((w) => w.id)).toEqual(['a', 'b']);
    expect(leaseOverview(openDb(f), clock.now(), TTL)).toEqual({
      workers: [
        { id: 'a', host: os.hostname(), pid: process.pid, startedAt: T0, heartbeatAt: T0 + 2 * BEAT, stopping: false, live: true, partitions: range(0, 32) },
        { id: 'b', host: os.hostname(), pid: process.pid, startedAt: T0, heartbeatAt: T0 + 2 * BEAT, stopping: false, live: true, partitions: range(32, 64) },
      ],
      unowned: [],
    });
  });

  it('a worker that stops heartbeating loses its partitions to the other within the ttl', () => {
    const f = file('expiry');
    const db = openDb(f);
    const clock = new VirtualClock(T0);
    const a = new LeaseKeeper({ db: openDb(f), clock, ttlMs: TTL, id: 'a' });
    const b = new LeaseKeeper({ db: openDb(f), clock, ttlMs: TTL, id: 'b' });
    a.start();
    b.start();
    clock.advance(BEAT);
    a.tick();
    b.tick();
    // a stalls: only b heartbeats. Before a's leases run out nothing moves.
    clock.advance(BEAT);
    expect(b.tick().acquired).toEqual([]);
    clock.advance(BEAT);
    expect(b.tick().acquired).toEqual([]);
    // a's last renewal was at BEAT, so its leases end at BEAT + TTL; b's next heartbeat after that takes them.
    clock.advance(BEAT + 1);
    expect(b.tick().acquired).toEqual(range(0, 32));
    expect(b.partitions).toEqual(all);
    expect(new Set(listLeases(db).map((l) => l.owner))).toEqual(new Set(['b']));
    // a wakes up: its renewal finds nothing of its own, and a fair share of nothing free.
    expect(a.tick().lost).toEqual(range(0, 32));
    expect(a.partitions).toEqual([]);
  });

  it('a long run of fenced transactions without a pass in between keeps the leases renewed', () => {
    const f = file('long');
    const clock = new VirtualClock(T0);
    const dbA = openDb(f);
    const a = new LeaseKeeper({ db: dbA, clock, ttlMs: TTL, id: 'a' });
    a.start();
    // Ten chunks of a scheduled trigger, each in its own transaction, together far longer than the TTL.
    for (let i = 0; i < 10; i++) {
      clock.advance(BEAT);
      dbA.transaction(() => a.fence([0]));
    }
    expect(listLeases(dbA).every((l) => l.owner === 'a' && l.expiresAt > clock.now())).toBe(true);
    const b = new LeaseKeeper({ db: openDb(f), clock, ttlMs: TTL, id: 'b' });
    expect(b.start().acquired).toEqual([]);
    expect(a.partitions).toEqual(all);
  });

  it('a worker that lost its lease cannot commit a batch; the new owner processes the events exactly once', () => {
    const f = file('fence');
    const { db, ids } = seed(f, 300);
    new JourneyRuntime(db, systemClock, true).accept(ids.map((memberId) => ({ memberId, type: 'joined', id: `j-${memberId}` })));
    const engineClock = new VirtualClock(Date.now());
    // Each worker on its own connection and its own view of time: a's clock stands still (a stalled process).
    const clockA = new VirtualClock(T0);
    const clockB = new VirtualClock(T0);
    const dbA = openDb(f);
    const keeperA = new LeaseKeeper({ db: dbA, clock: clockA, ttlMs: TTL, id: 'a' });
    const a = new EngineWorker({ db: dbA, clock: engineClock, leases: keeperA });
    expect(a.partitions).toEqual(all);
    clockB.advance(TTL + 1);
    const dbB = openDb(f);
    const b = new EngineWorker({ db: dbB, clock: engineClock, leases: new LeaseKeeper({ db: dbB, clock: clockB, ttlMs: TTL, id: 'b' }) });
    expect(b.partitions).toEqual(all);

    // a still believes it holds everything: its batch is rolled back, nothing of it written.
    let lost: unknown;
    try {
      a.pass();
    } catch (err) {
      lost = err;
    }
    expect(lost).toBeInstanceOf(LeaseLost);
    expect(isLeaseLost(lost) && lost.partitions).toEqual(all);
    expect(count(db, 'select count(*) n from inbox')).toBe(300);
    expect(count(db, 'select count(*) n from enrolments')).toBe(0);
    expect(count(db, 'select count(*) n from step_log')).toBe(0);
    keeperA.drop((lost as LeaseLost).partitions);
    expect(a.pass()).toBe(false);

    while (b.pass());
    engineClock.advance(1_500);
    while (b.pass());
    expectEachOnce(db, 300);
    expect(b.stats().processed).toBe(300);
    expect(a.stats().processed).toBe(0);
  });

  it('a send whose partition was taken over meanwhile is recorded by the new owner only', async () => {
    process.env.WEBHOOK_ALLOWED_HOSTS = 'receiver.test';
    try {
      const f = file('sends');
      const db = openDb(f);
      const ids = ['s1', 's2', 's3'];
      addMembers(db, ids.map((id) => ({ id })));
      publish(db, chain('hook', [onEvent('go'), { id: 'send', kind: 'action.message', config: { channel: 'webhook', template: 'x', url: 'http://receiver.test/' } }]));
      const engineClock = new VirtualClock(T0);
      new JourneyRuntime(db, engineClock).ingest(ids.map((memberId) => ({ memberId, type: 'go' })));
      const clockA = new VirtualClock(T0);
      const clockB = new VirtualClock(T0 + TTL + 1);
      const dbA = openDb(f);
      const dbB = openDb(f);
      const a = new LeaseKeeper({ db: dbA, clock: clockA, ttlMs: TTL, id: 'a' });
      a.start();
      // a's receiver answers only when told to; by then b has taken every partition over.
      const answers: (() => void)[] = [];
      const held = (async () => {
        await new Promise<void>((resolve) => answers.push(resolve));
        return new Response('ok');
      }) as typeof fetch;
      const sendsA = new Dispatcher(dbA, engineClock, { partitions: a.partitions, fence: a.fence, fetchImpl: held });
      expect(sendsA.pump()).toBe(3);
      const b = new LeaseKeeper({ db: dbB, clock: clockB, ttlMs: TTL, id: 'b' });
      expect(b.start().acquired).toEqual(all);
      await until('a’s sends to reach the receiver', () => answers.length === 3);
      for (const answer of answers) answer();
      await sendsA.idle();
      // Not recorded by a: still due, no decision logged.
      expect(rows(db, `select status, attempts from outbox where channel = 'webhook'`)).toEqual(ids.map(() => ({ status: 'pending', attempts: 0 })));
      expect(count(db, 'select count(*) n from delivery_log')).toBe(0);
      // a can no longer claim them either; b sends and records them once.
      expect(() => sendsA.pump()).toThrow(LeaseLost);
      const sendsB = new Dispatcher(dbB, engineClock, { partitions: b.partitions, fence: b.fence, fetchImpl: (async () => new Response('ok')) as typeof fetch });
      expect(sendsB.pump()).toBe(3);
      await sendsB.idle();
      expect(rows(db, `select status, attempts from outbox where channel = 'webhook'`)).toEqual(ids.map(() => ({ status: 'sent', attempts: 1 })));
      expect(count(db, `select count(*) n from delivery_log where decision = 'sent'`)).toBe(3);
    } finally {
      delete process.env.WEBHOOK_ALLOWED_HOSTS;
    }
  });

  it('a third worker joining mid-run takes its share and no event is stepped twice', async () => {
    const f = file('join');
    const { db, ids } = seed(f, 1500);
    const app = new JourneyRuntime(db, systemClock, true);
    const accept = (from: number, to: number) => app.accept(ids.slice(from, to).map((memberId) => ({ memberId, type: 'joined', id: `j-${memberId}` })));
    const start = () => {
      const wdb = openDb(f);
      const worker = new EngineWorker({ db: wdb, clock: systemClock, leases: new LeaseKeeper({ db: wdb, ttlMs: 600 }) });
      return { worker, running: worker.run() };
    };
    accept(0, 500);
    const first = [start(), start()];
    await until('the two to split the partitions', () => first.every(({ worker }) => worker.partitions.length === 32));
    accept(500, 1000);
    await until('some members to be stepped', () => count(db, 'select count(*) n from enrolments') > 0);
    const third = start();
    accept(1000, 1500);
    const workers = [...first, third];
    await until('the third to get its share', () => workers.every(({ worker }) => worker.partitions.length >= 20 && worker.partitions.length <= 22));
    await until('every member to finish', () => count(db, `select count(*) n from enrolments where status = 'completed'`) === 1500);
    for (const { worker } of workers) worker.stop();
    await Promise.all(workers.map((w) => w.running));
    expectEachOnce(db, 1500);
    // Every inbox row was taken by exactly one worker.
    expect(workers.reduce((n, { worker }) => n + worker.stats().processed, 0)).toBe(1500);
    expect(third.worker.stats().processed).toBeGreaterThan(0);
    // Stopped: leases back, the workers off the list.
    expect(listLeases(db).filter((l) => l.owner !== null)).toEqual([]);
    expect(listWorkers(db)).toEqual([]);
  }, 60_000);
});

describe('lease-mode worker process', () => {
  const lines = (child: ChildProcess) => {
    const out: Record<string, unknown>[] = [];
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let i;
      while ((i = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 1);
        try {
          out.push(JSON.parse(line));
        } catch {
          // Not ours (a log line).
        }
      }
    });
    return out;
  };

  it('`journey worker` without --index/--count shares the partitions; SIGTERM drains and gives its leases back', async () => {
    const f = file('process');
    const { db, ids } = seed(f, 600);
    const env = { ...process.env, DATABASE_PATH: f, SEED_DEMO: '0', ENGINE_LEASE_MS: '1500' };
    const spawnWorker = () => spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/journey.ts'), 'worker'], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const children = [spawnWorker(), spawnWorker()];
    const outputs = children.map(lines);
    const exits = children.map(exited);
    try {
      await until('both to start', () => outputs.every((o) => o.length > 0), 60_000);
      expect(outputs[0][0]).toMatchObject({ mode: 'lease', ttlMs: 1500 });
      const [idA, idB] = outputs.map((o) => String(o[0].worker));
      const owners = () => listLeases(db).map((l) => l.owner);
      await until('a 32/32 split', () => owners().filter((o) => o === idA).length === 32 && owners().filter((o) => o === idB).length === 32);
      new JourneyRuntime(db, systemClock, true).accept(ids.map((memberId) => ({ memberId, type: 'joined', id: `j-${memberId}` })));
      await until('every member to finish', () => count(db, `select count(*) n from enrolments where status = 'completed'`) === 600);

      children[0].kill('SIGTERM');
      expect(await exits[0]).toBe(0);
      expect(outputs[0].at(-1)).toMatchObject({ worker: idA, stopped: true });
      // Given back at once (not left to expire), and the other worker takes them at its next heartbeat.
      expect(listLeases(db).filter((l) => l.owner === idA)).toEqual([]);
      expect(listWorkers(db).map((w) => w.id)).toEqual([idB]);
      await until('the other to hold all 64', () => owners().every((o) => o === idB), 10_000);

      children[1].kill('SIGTERM');
      expect(await exits[1]).toBe(0);
      expect(listLeases(db).filter((l) => l.owner !== null || l.expiresAt !== 0)).toEqual([]);
      expect(listWorkers(db)).toEqual([]);
      expectEachOnce(db, 600);
    } finally {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }, 120_000);
});
