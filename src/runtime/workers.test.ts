import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '@/db/client';
import { systemClock, VirtualClock } from './clock';
import { JourneyRuntime } from './engine';
import { EngineWorker } from './worker';
import { WorkerSupervisor } from './supervisor';
import { Dispatcher } from './dispatcher';
import { chain, graph, onEvent, rows } from '@/test/journeys';
import { addMembers, count, publish, T0 } from '@/test/fixtures';
import { memberPartition } from '@/db/inbox';

const root = path.resolve(__dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journey-workers-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => path.join(dir, `${name}.db`);

const until = async (what: string, check: () => boolean, timeoutMs = 60_000) => {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

/** a → wait for b (1 day) → event path; a member whose b was processed before a would still be waiting. */
const orderJourney = graph(
  'order',
  [onEvent('a'), { id: 'w', kind: 'wait.event', config: { event: 'b', timeout: 'P1D' } }, { id: 'got', kind: 'action.tag', config: { add: ['got_b'] } }, { id: 'x1', kind: 'end' }, { id: 'x2', kind: 'end' }],
  [['t', 'w'], ['w', 'got', 'event'], ['got', 'x1'], ['w', 'x2', 'timeout']],
);

describe('durable inbox', () => {
  it('accepts all or nothing: one bad event stores none of the request; an id makes a re-send a no-op', () => {
    const db = openDb(':memory:');
    addMembers(db, [{ id: 'm1' }, { id: 'm2' }]);
    const runtime = new JourneyRuntime(db, new VirtualClock(T0), true);
    expect(() => runtime.accept([{ memberId: 'm1', type: 'a' }, { memberId: 'nobody', type: 'a' }])).toThrow(/Unknown member/);
    expect(count(db, 'select count(*) n from events')).toBe(0);
    expect(count(db, 'select count(*) n from inbox')).toBe(0);

    expect(runtime.accept([{ memberId: 'm1', type: 'a', id: 'e1' }, { memberId: 'm2', type: 'a', id: 'e2' }])).toEqual({ accepted: 2, duplicates: 0 });
    expect(runtime.accept([{ memberId: 'm1', type: 'a', id: 'e1' }])).toEqual({ accepted: 0, duplicates: 1 });
    expect(rows(db, 'select member_id as m, partition as p from inbox order by id')).toEqual([
      { m: 'm1', p: memberPartition('m1') },
      { m: 'm2', p: memberPartition('m2') },
    ]);
    // A queued runtime does not step anybody: that is the workers' job.
    expect(count(db, 'select count(*) n from enrolments')).toBe(0);
  });

  it('two workers, each on its own partitions and connection, keep every member’s events in order', async () => {
    const f = file('order');
    const db = openDb(f);
    const ids = Array.from({ length: 300 }, (_, i) => `o${i}`);
    addMembers(db, ids.map((id) => ({ id })));
    publish(db, orderJourney);
    const app = new JourneyRuntime(db, systemClock, true);
    // Interleaved across members, a before b for each member, in several requests.
    for (let k = 0; k < 3; k++) app.accept(ids.slice(k * 100, k * 100 + 100).flatMap((memberId) => [{ memberId, type: 'a' }, { memberId, type: 'b' }]));
    const workers = [0, 1].map((index) => new EngineWorker({ index, count: 2, db: openDb(f), clock: systemClock }));
    // Alternate small passes so the two really interleave.
    while (count(db, 'select count(*) n from inbox') > 0) for (const w of workers) w.runtime.processInbox(w.partitions, 7);
    for (const w of workers) w.runtime.deliverOutboxFor(w.partitions);
    expect(count(db, `select count(*) n from member_tags where tag = 'got_b'`)).toBe(300);
    expect(count(db, `select count(*) n from enrolments where status = 'waiting'`)).toBe(0);
    // Both workers did part of it.
    const owners = new Set(ids.map((id) => memberPartition(id) % 2));
    expect(owners.size).toBe(2);
  });

  it('a row that keeps failing is parked after three attempts; the member’s later events wait, others go on', () => {
    const db = openDb(':memory:');
    addMembers(db, [{ id: 'ok' }, { id: 'bad' }]);
    publish(db, orderJourney);
    const runtime = new JourneyRuntime(db, new VirtualClock(T0), true);
    runtime.accept([{ memberId: 'bad', type: 'a' }, { memberId: 'ok', type: 'a' }]);
    // Break the bad member's event in storage: properties that are not JSON.
    db.$client.prepare(`update events set properties = '{' where member_id = 'bad'`).run();
    for (let i = 0; i < 3; i++) runtime.processInbox(null);
    expect(rows(db, 'select member_id as m, attempts, error is not null as parked from inbox')).toEqual([{ m: 'bad', attempts: 3, parked: 1 }]);
    expect(count(db, `select count(*) n from enrolments where member_id = 'ok'`)).toBe(1);
  });
});

describe('waking the workers', () => {
  it('a sleeping worker steps a new event when the app says it accepted one, not at the end of its idle pause', async () => {
    const db = openDb(file('wake'));
    addMembers(db, [{ id: 'w1' }]);
    publish(db, orderJourney);
    // Idle for ten minutes unless woken: the test would time out long before.
    const worker = new EngineWorker({ index: 0, count: 1, db, clock: systemClock, idleMs: 600_000 });
    const running = worker.run();
    const app = new JourneyRuntime(db, systemClock, true);
    app.onAccepted = () => worker.wake();
    await new Promise((r) => setTimeout(r, 50));
    expect(await app.acceptWhenWritable({ memberId: 'w1', type: 'a' })).toEqual({ accepted: 1, duplicates: 0 });
    await until('the event stepped', () => count(db, 'select count(*) n from inbox') === 0, 10_000);
    expect(rows(db, `select status, node_id from enrolments where member_id = 'w1'`)).toEqual([{ status: 'waiting', node_id: 'w' }]);
    // Stopping wakes it too.
    worker.stop();
    await running;
  });
});

describe('engine worker processes', () => {
  /** What must be identical between an interrupted and an uninterrupted run (times aside: the workers run on the wall clock). */
  function fingerprint(db: Db) {
    return {
      steps: rows(db, `select e.member_id, s.node_id, s.kind, s.handle, s.visit from step_log s join enrolments e on e.id = s.enrolment_id order by e.member_id, s.id`),
      enrolments: rows(db, `select member_id, status, node_id, variant from enrolments order by member_id, entry_no`),
      outbox: rows(db, `select member_id, node_id, type, status from outbox order by member_id, node_id`),
      ledger: rows(db, `select member_id, delta from points_ledger order by member_id, reason`),
      tags: rows(db, `select member_id, tag from member_tags order by member_id, tag`),
    };
  }

  const crashJourney = chain('crash', [
    onEvent('joined'),
    { id: 'pts', kind: 'action.reward', config: { reward: { type: 'points', amount: 5 } } },
    { id: 'w', kind: 'wait.duration', config: { duration: 'PT2S' } },
    { id: 'tag', kind: 'action.tag', config: { add: ['done'] } },
  ], { policy: { quietHours: 'off' } });
  const MEMBERS = 3000;
  const memberIds = Array.from({ length: MEMBERS }, (_, i) => `k${String(i).padStart(4, '0')}`);

  function seed(f: string): Db {
    const db = openDb(f);
    addMembers(db, memberIds.map((id) => ({ id })));
    publish(db, crashJourney);
    return db;
  }

  it('a worker SIGKILLed mid-batch is started again; the result equals an uninterrupted run', async () => {
    // Reference: the same events processed in process, to the end.
    const ref = seed(file('ref'));
    const clock = new VirtualClock(Date.now());
    const inline = new JourneyRuntime(ref, clock);
    inline.ingest(memberIds.map((memberId) => ({ memberId, type: 'joined', id: `j-${memberId}` })));
    inline.runUntil(clock.now() + 10_000, (t) => clock.set(t));

    const f = file('killed');
    const db = seed(f);
    const app = new JourneyRuntime(db, systemClock, true);
    for (let i = 0; i < MEMBERS; i += 500) app.accept(memberIds.slice(i, i + 500).map((memberId) => ({ memberId, type: 'joined', id: `j-${memberId}` })));
    const supervisor = new WorkerSupervisor({ count: 2, root, env: { ...process.env, DATABASE_PATH: f, SEED_DEMO: '0' } });
    supervisor.start();
    try {
      // Kill worker 0 once it has started processing, and again later while timers fire.
      await until('worker 0 to start stepping', () => count(db, 'select count(*) n from enrolments') > 0);
      const first = supervisor.pid(0)!;
      process.kill(first, 'SIGKILL');
      await until('worker 0 to be started again', () => supervisor.pid(0) !== null && supervisor.pid(0) !== first);
      await until('some timers to fire', () => count(db, `select count(*) n from member_tags where tag = 'done'`) > 0);
      process.kill(supervisor.pid(0)!, 'SIGKILL');
      await until('every member to finish', () => count(db, `select count(*) n from enrolments where status = 'completed'`) === MEMBERS, 90_000);
      await until('every effect to settle', () => count(db, `select count(*) n from outbox where status = 'pending'`) === 0);
    } finally {
      await supervisor.stop();
    }
    expect(supervisor.workers()[0].restarts).toBeGreaterThanOrEqual(2);
    expect(count(db, 'select count(*) n from inbox')).toBe(0);
    expect(fingerprint(db)).toEqual(fingerprint(ref));
  }, 150_000);
});

describe('delivery never holds up stepping', () => {
  it('timers keep firing while a webhook receiver hangs; its messages go out once it answers', async () => {
    const held: http.ServerResponse[] = [];
    let hanging = true;
    const server = http.createServer((_req, res) => (hanging ? held.push(res) : res.end('ok')));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    process.env.WEBHOOK_ALLOWED_HOSTS = '127.0.0.1';
    const db = openDb(':memory:');
    try {
      addMembers(db, Array.from({ length: 50 }, (_, i) => ({ id: `h${i}` })));
      publish(db, chain('hook', [onEvent('hook'), { id: 'send', kind: 'action.message', config: { channel: 'webhook', template: 'x', url: `http://127.0.0.1:${port}/hook` } }]));
      publish(db, chain('timer', [onEvent('wait'), { id: 'w', kind: 'wait.duration', config: { duration: 'PT1S' } }, { id: 'tag', kind: 'action.tag', config: { add: ['woke'] } }]));
      const app = new JourneyRuntime(db, systemClock, true);
      app.accept(Array.from({ length: 50 }, (_, i) => ({ memberId: `h${i}`, type: 'hook' })));
      app.accept(Array.from({ length: 50 }, (_, i) => ({ memberId: `h${i}`, type: 'wait' })));
      const worker = new EngineWorker({ index: 0, count: 1, db, clock: systemClock, dispatcher: { timeoutMs: 60_000 } });
      const running = worker.run();
      await until('the receiver to hold requests', () => held.length > 0, 10_000);
      await until('every 1-second wait to fire', () => count(db, `select count(*) n from member_tags where tag = 'woke'`) === 50, 20_000);
      // Fired before the receiver answered anything; it holds at most its per-receiver share of sends.
      expect(count(db, `select count(*) n from outbox where channel = 'webhook' and status = 'sent'`)).toBe(0);
      expect(held.length).toBeLessThanOrEqual(4);
      hanging = false;
      for (const res of held.splice(0)) res.end('ok');
      await until('every send to be recorded once the receiver answers', () => count(db, `select count(*) n from outbox where channel = 'webhook' and status = 'sent'`) === 50);
      worker.stop();
      await running;
    } finally {
      delete process.env.WEBHOOK_ALLOWED_HOSTS;
      server.closeAllConnections();
      server.close();
    }
  }, 60_000);

  it('backs off from the time each attempt ended, not from when the pass began', async () => {
    process.env.WEBHOOK_ALLOWED_HOSTS = 'receiver.test';
    const db = openDb(':memory:');
    try {
      addMembers(db, [{ id: 'b1' }]);
      publish(db, chain('hook', [onEvent('go'), { id: 'send', kind: 'action.message', config: { channel: 'webhook', template: 'x', url: 'http://receiver.test/' } }]));
      const clock = new VirtualClock(T0);
      new JourneyRuntime(db, clock).ingest([{ memberId: 'b1', type: 'go' }]);
      // The receiver takes 25 s to fail.
      const slowFailure = (async () => {
        clock.advance(25_000);
        return new Response('busy', { status: 503 });
      }) as typeof fetch;
      const dispatcher = new Dispatcher(db, clock, { fetchImpl: slowFailure });
      expect(dispatcher.pump()).toBe(1);
      await dispatcher.idle();
      expect(rows(db, `select attempts, deliver_after as after, reason from outbox where channel = 'webhook'`)).toEqual([{ attempts: 1, after: T0 + 25_000 + 30_000, reason: 'http_503' }]);
    } finally {
      delete process.env.WEBHOOK_ALLOWED_HOSTS;
    }
  });
});
