// `npm run bench`: throughput and latency of the runtime, each beside a baseline measured in the same run.
// Not part of `npm test`: these machines are noisy, so nothing here is asserted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { createActor } from 'xstate';
import { openDb } from '@/db/client';
import { compileJourney, createJourneyMachine, initialSnapshot, journeyStepper, type EvalEnv, type JourneyDocument } from '@/journey';
import { systemClock, VirtualClock } from '@/runtime/clock';
import { EngineWorker } from '@/runtime/worker';
import { JourneyRuntime } from '@/runtime/engine';
import { StepWriter } from '@/db/step-writer';
import { createJourney, publishJourney } from '@/db/journeys';
import { journeyStats } from '@/analytics/node-stats';
import { runImportFigure } from './bench-import';
import { runHistoryFigure } from './bench-history';
import { runPostgresFigure } from './bench-postgres';
import { benchFirstEffect, benchFirstEffectInProcess, benchResponsiveness, benchWorkers } from './bench-workers';

const N = Number(process.env.BENCH_MEMBERS ?? 100_000);
const WAITING = Number(process.env.BENCH_WAITING ?? 1_000_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journey-bench-'));
const T0 = Date.parse('2026-11-02T12:00:00+08:00');
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** Six nodes: trigger, message, reward, wait, message, end. */
const sixNodes: JourneyDocument = {
  format: 'journey/v1',
  id: 'bench',
  name: 'Bench',
  entry: { reentry: 'never' },
  policy: { quietHours: 'off' },
  nodes: [
    { id: 't', kind: 'trigger.event', config: { event: 'member_joined' } },
    { id: 'm1', kind: 'action.message', config: { channel: 'sms', template: 'Hi {{member.name}}' } },
    { id: 'r', kind: 'action.reward', config: { reward: { type: 'points', amount: 10 } } },
    { id: 'w', kind: 'wait.duration', config: { duration: 'PT1H' } },
    { id: 'm2', kind: 'action.message', config: { channel: 'app_push', template: 'Still there?' } },
    { id: 'x', kind: 'end' },
  ],
  edges: [
    { source: 't', target: 'm1' },
    { source: 'm1', target: 'r' },
    { source: 'r', target: 'w' },
    { source: 'w', target: 'm2' },
    { source: 'm2', target: 'x' },
  ],
};

function freshDb(name: string, memberCount: number) {
  const db = openDb(path.join(dir, `${name}.db`));
  const insert = db.$client.prepare(`insert into members (id, name, tier, points, tz, consent, attributes, created_at) values (?, ?, 'silver', 0, 'Asia/Shanghai', '{}', '{}', ?)`);
  db.$client.transaction(() => {
    for (let i = 0; i < memberCount; i++) insert.run(`b${i}`, `Member ${i}`, T0);
  })();
  return db;
}

function timed<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const result = fn();
  return [result, (performance.now() - start) / 1000];
}

// (a) the engine, durable, batched
function benchEngine() {
  const db = freshDb('engine', N);
  const clock = new VirtualClock(T0);
  const runtime = new JourneyRuntime(db, clock);
  const id = createJourney(db, { name: 'Bench', document: sixNodes, preferredId: 'bench', now: T0 });
  publishJourney(db, id, T0);
  const [, seconds] = timed(() => {
    for (let i = 0; i < N; i += 1000) {
      runtime.ingest(Array.from({ length: Math.min(1000, N - i) }, (_, k) => ({ memberId: `b${i + k}`, type: 'member_joined' })));
    }
    clock.set(T0 + 3600_000);
    while (runtime.fireDueTimers(1000) > 0);
  });
  // A member-step is a node entered; the compact step log writes one row per node pass, so entries are read from the counters.
  const steps = db.$client.prepare(`select sum(n) from node_counts where kind = 'enter'`).pluck().get() as number;
  const rows = {
    snapshots: N,
    steps: db.$client.prepare(`select count(*) from step_log`).pluck().get() as number,
    outbox: db.$client.prepare(`select count(*) from outbox`).pluck().get() as number,
  };
  db.$client.close();
  return { steps, seconds, rate: steps / seconds, rows };
}

// (a0) the interpreter alone: the engine's own XState stepping for the same members, no storage at all. No durable engine on XState can beat it.
function benchInterpreter() {
  const machine = createJourneyMachine(compileJourney(sixNodes));
  const step = journeyStepper(machine);
  const member = { id: 'b', name: 'Member', tier: 'silver', points: 0, tz: 'Asia/Shanghai', consent: {}, attributes: {}, tags: [], groups: [] };
  const env = (now: number) => ({ now, member, segments: {}, history: () => [] }) as unknown as EvalEnv;
  let steps = 0;
  const [, seconds] = timed(() => {
    for (let i = 0; i < N; i++) {
      const start = initialSnapshot(machine, { journeyId: 'bench', memberId: `b${i}`, enteredAt: T0 });
      const [waiting, first] = step(start, { type: 'journey.start', env: env(T0) });
      // What the engine stores and reads back between the two steps.
      const stored = JSON.parse(JSON.stringify({ status: waiting.status, value: waiting.value, context: waiting.context }));
      const [, second] = step(machine.resolveState(stored), { type: 'timer.fire', env: env(T0 + 3600_000) });
      for (const action of [...first, ...second]) if (action.type === 'enter') steps++;
    }
  });
  return { steps, seconds, rate: steps / seconds };
}

// (b) the raw SQLite floor: the same rows, the same batching, no journey logic
function benchFloor(rows: { snapshots: number; steps: number; outbox: number }, memberSteps: number) {
  const db = freshDb('floor', N);
  const snapshot = JSON.stringify({ status: 'active', value: 'w', context: { journeyId: 'bench', memberId: 'b0', enteredAt: T0, wakeAt: T0 + 3600_000, visits: { t: 1, m1: 1, r: 1, w: 1 }, variants: {} } });
  db.$client.exec(`insert into journeys (id, name, status, draft, created_at, updated_at) values ('bench', 'Bench', 'live', '{}', 0, 0);
    insert into journey_versions (journey_id, number, hash, document, machine, published_at) values ('bench', 1, 'h', '{}', '{}', 0);`);
  const enrol = db.$client.prepare(`insert into enrolments (journey_id, version_id, member_id, entry_no, status, node_id, snapshot, wake_at, entered_at, updated_at) values ('bench', 1, ?, 1, 'waiting', 'w', ?, ?, ?, ?)`);
  const update = db.$client.prepare(`update enrolments set snapshot = ?, status = ?, node_id = ?, wake_at = ?, updated_at = ? where id = ?`);
  // Step log, outbox and counters go through the engine's own bulk writer: the same statements, the same batching.
  const writer = new StepWriter(db);
  const stepsPerMember = Math.round(rows.steps / N);
  const outboxPerMember = Math.round(rows.outbox / N);
  const entered = Array.from({ length: Math.round(memberSteps / N) }, (_, s) => `n${s}`);
  const [, seconds] = timed(() => {
    for (let i = 0; i < N; i += 1000) {
      writer.transaction(() => {
        for (let k = i; k < Math.min(N, i + 1000); k++) {
          const id = Number(enrol.run(`b${k}`, snapshot, T0 + 3600_000, T0, T0).lastInsertRowid);
          update.run(snapshot, 'waiting', 'w', T0 + 3600_000, T0, id);
          const base = { enrolmentId: id, journeyId: 'bench', versionId: 1, memberId: `b${k}`, visit: 1, at: T0 };
          writer.addSteps(Array.from({ length: stepsPerMember }, (_, s) => ({ ...base, nodeId: `n${s}`, kind: 'pass' as const, handle: 'out', leftAt: T0 })));
          writer.addEntries('bench', 1, entered, T0);
          writer.addEffects(
            Array.from({ length: outboxPerMember }, (_, o) => ({
              idempotencyKey: `${id}:${o}`, enrolmentId: id, journeyId: 'bench', nodeId: `n${o}`, memberId: `b${k}`,
              type: 'message', channel: 'sms', payload: { text: 'Hi' }, status: 'pending', createdAt: T0, deliverAfter: T0,
            })),
          );
        }
      });
    }
  });
  db.$client.close();
  return { seconds, rate: memberSteps / seconds };
}

// (c) the naive way: one XState actor per member, every row written on its own (autocommit), snapshot saved after each event
function benchNaive(members: number) {
  const db = freshDb('naive', members);
  db.$client.exec(`insert into journeys (id, name, status, draft, created_at, updated_at) values ('bench', 'Bench', 'live', '{}', 0, 0);
    insert into journey_versions (journey_id, number, hash, document, machine, published_at) values ('bench', 1, 'h', '{}', '{}', 0);`);
  const enrol = db.$client.prepare(`insert into enrolments (journey_id, version_id, member_id, entry_no, status, snapshot, entered_at, updated_at) values ('bench', 1, ?, 1, 'active', '{}', ?, ?)`);
  const save = db.$client.prepare(`update enrolments set snapshot = ?, node_id = ?, status = ?, updated_at = ? where id = ?`);
  const step = db.$client.prepare(`insert into step_log (enrolment_id, journey_id, version_id, member_id, node_id, kind, handle, visit, at, left_at) values (?, 'bench', 1, ?, ?, 'pass', ?, 1, ?, ?)`);
  const box = db.$client.prepare(`insert into outbox (idempotency_key, enrolment_id, journey_id, node_id, member_id, type, payload, status, created_at, deliver_after) values (?, ?, 'bench', ?, ?, 'message', '{}', 'pending', ?, ?)`);
  let current = { id: 0, member: '' };
  const machine = createJourneyMachine(compileJourney(sixNodes)).provide({
    actions: {
      enter: () => void steps++,
      leave: (_, p: { nodeId: string; handle: string }) => void step.run(current.id, current.member, p.nodeId, p.handle, T0, T0),
      effect: (_, p: { nodeId: string }) => void box.run(`${current.id}:${p.nodeId}`, current.id, p.nodeId, current.member, T0, T0),
    },
  });
  const member = { id: 'x', tz: 'Asia/Shanghai', tags: [] };
  let steps = 0;
  const [, seconds] = timed(() => {
    for (let i = 0; i < members; i++) {
      current = { id: Number(enrol.run(`b${i}`, T0, T0).lastInsertRowid), member: `b${i}` };
      const actor = createActor(machine, { input: { journeyId: 'bench', memberId: current.member, enteredAt: T0 } });
      actor.start();
      for (const event of [{ type: 'journey.start' as const, env: { now: T0, member } }, { type: 'timer.fire' as const, env: { now: T0 + 3600_000, member } }]) {
        actor.send(event);
        const snap = actor.getPersistedSnapshot() as unknown as { value: string; status: string };
        save.run(JSON.stringify(snap), snap.value, snap.status, T0, current.id);
      }
      actor.stop();
    }
  });
  db.$client.close();
  return { seconds, rate: steps / seconds };
}

// (d) ingest over HTTP on loopback, through the real /api/events handler
async function benchHttp() {
  process.env.DATABASE_PATH = path.join(dir, 'http.db');
  process.env.SEED_DEMO = '0';
  // Ingest needs a key since access control: the environment's admin key, as a deployment would send it.
  process.env.JOURNEY_ADMIN_KEY ??= 'bench-admin-key';
  const count = 20_000;
  const db = freshDb('http', count);
  db.$client.close();
  const { POST } = await import('@/app/api/events/route');
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const response = await POST(new Request('http://127.0.0.1/api/events', { method: 'POST', headers: { authorization: `Bearer ${process.env.JOURNEY_ADMIN_KEY}` }, body: Buffer.concat(chunks) }));
    res.writeHead(response.status, { 'content-type': 'application/json' });
    res.end(await response.text());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const batch = 500;
  const start = performance.now();
  for (let i = 0; i < count; i += batch) {
    const body = JSON.stringify(Array.from({ length: batch }, (_, k) => ({ id: `e${i + k}`, memberId: `b${i + k}`, type: 'page_view', properties: { page: '/home' } })));
    const res = await fetch(`http://127.0.0.1:${port}/api/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    if (res.status !== 202) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
  }
  const seconds = (performance.now() - start) / 1000;
  server.close();
  return { count, seconds, rate: count / seconds };
}

// (e) timer lateness with many waiting enrolments, on the wall clock
async function benchTimers() {
  const db = freshDb('timers', 1000);
  const id = createJourney(db, { name: 'Bench', document: sixNodes, preferredId: 'bench', now: Date.now() });
  const published = publishJourney(db, id, Date.now());
  if (!published.ok) throw new Error('publish failed');
  const machineSnapshot = (wakeAt: number, member: string) =>
    JSON.stringify({ status: 'active', value: 'w', historyValue: {}, children: {}, context: { journeyId: 'bench', memberId: member, enteredAt: 0, wakeAt, visits: { t: 1, m1: 1, r: 1, w: 1 }, variants: {} } });
  const insert = db.$client.prepare(`insert into enrolments (journey_id, version_id, member_id, entry_no, status, node_id, snapshot, wake_at, entered_at, updated_at) values ('bench', ?, ?, ?, 'waiting', 'w', ?, ?, 0, 0)`);
  const windowMs = 10_000;
  const dueInWindow = 20_000;
  const [, fillSeconds] = timed(() => {
    db.$client.transaction(() => {
      const later = Date.now() + 86_400_000;
      for (let i = 0; i < WAITING; i++) {
        // The first 20,000 get an offset into the window (made absolute below); the rest wait days ahead.
        const wakeAt = i < dueInWindow ? Math.floor((i / dueInWindow) * windowMs) : later + 86_400_000 * (i % 30);
        insert.run(published.version.id, `b${i % 1000}`, i + 1, machineSnapshot(wakeAt, `b${i % 1000}`), wakeAt);
      }
    })();
  });
  // The fill is one huge write: checkpoint it now, or copying it into the database file would stall the first timers measured.
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  // Filling takes a while: start the window only now, so that every timer is due in the future.
  const now = Date.now();
  db.$client
    .prepare(`update enrolments set wake_at = ? + wake_at, snapshot = json_set(snapshot, '$.context.wakeAt', ? + wake_at) where entry_no <= ?`)
    .run(now + 2000, now + 2000, dueInWindow);
  // A webhook receiver that never answers, with 2,000 messages queued for it: the worker must keep firing timers on time.
  const hung: http.ServerResponse[] = [];
  const receiver = http.createServer((_req, res) => hung.push(res));
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  process.env.WEBHOOK_ALLOWED_HOSTS = '127.0.0.1';
  const url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
  const hook = db.$client.prepare(
    `insert into outbox (idempotency_key, enrolment_id, journey_id, node_id, member_id, type, channel, payload, created_at, deliver_after) values (?, 1, 'bench', 'hook', ?, 'message', 'webhook', ?, ?, ?)`,
  );
  db.$client.transaction(() => {
    for (let i = 0; i < 2000; i++) hook.run(`hook-${i}`, `b${i % 1000}`, JSON.stringify({ url, text: 'x' }), now, now);
  })();
  // The engine worker as the app runs it (one per core there; here one, owning every partition).
  const worker = new EngineWorker({ index: 0, count: 1, db, clock: systemClock, dispatcher: { timeoutMs: 60_000 } });
  const running = worker.run();
  await new Promise((r) => setTimeout(r, 2000 + windowMs + 1500));
  worker.stop();
  const stats = worker.stats();
  for (const res of hung) res.destroy();
  receiver.closeAllConnections();
  receiver.close();
  await running;
  delete process.env.WEBHOOK_ALLOWED_HOSTS;
  db.$client.close();
  return { fillSeconds, p50: stats.latenessP50Ms, p99: stats.latenessP99Ms, fired: dueInWindow, hung: hung.length };
}

// (f) per-node funnel over 1M step-log rows
function benchFunnel() {
  const db = freshDb('funnel', 1000);
  db.$client.exec(`insert into journeys (id, name, status, draft, created_at, updated_at) values ('f', 'F', 'live', '{}', 0, 0);
    insert into journey_versions (journey_id, number, hash, document, machine, published_at) values ('f', 1, 'h', '{}', '{}', 0);`);
  const enrol = db.$client.prepare(`insert into enrolments (journey_id, version_id, member_id, entry_no, status, node_id, snapshot, entered_at, updated_at) values ('f', 1, ?, ?, ?, ?, '{}', ?, ?)`);
  const writer = new StepWriter(db);
  const nodes = ['t', 'a', 'b', 'c', 'd'];
  // Four weeks of history (one enrolment every 12 s), written like the engine writes it: step log (a row per node pass) and hourly counters.
  writer.transaction(() => {
    for (let e = 0; e < 200_000; e++) {
      const at = T0 - 28 * 86_400_000 + e * 12_000;
      const id = Number(enrol.run(`b${e % 1000}`, e + 1, e % 3 ? 'completed' : 'waiting', 'd', at, at).lastInsertRowid);
      const base = { enrolmentId: id, journeyId: 'f', versionId: 1, memberId: `b${e % 1000}`, visit: 1, at };
      writer.addSteps(nodes.map((nodeId) => ({ ...base, nodeId, kind: 'pass' as const, handle: e % 2 ? 'yes' : 'no', leftAt: at })));
      writer.addEntries('f', 1, nodes, at);
    }
  });
  journeyStats(db, 'f');
  const runs = 5;
  const [, seconds] = timed(() => {
    for (let i = 0; i < runs; i++) journeyStats(db, 'f');
  });
  db.$client.close();
  return { ms: (seconds / runs) * 1000, rows: 1_000_000 };
}

/** `BENCH_ONLY=e,f` runs some figures only (b and c need a, a needs a0), e.g. to look into one of them. */
const only = (process.env.BENCH_ONLY ?? 'a0,a,b,c,d,e,f,g,h,i,j,k').split(',');
const wanted = (figure: string): boolean => only.includes(figure) || (figure === 'a' && (only.includes('b') || only.includes('c'))) || (figure === 'a0' && wanted('a'));

async function main() {
  console.log(`Journey runtime benchmark — ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, Node ${process.version}, ${fmt(N)} members\n`);
  if (wanted('a0')) {
    const a0 = benchInterpreter();
    console.log(`(a0) XState alone: ${fmt(a0.rate)} member-steps/s  (the same ${fmt(a0.steps)} steps through the engine's transitions with no storage: the ceiling for any XState engine here)`);
    const a = benchEngine();
    // Rows written per member-step: step log (one per node pass), outbox, and the enrolment's insert and update.
    const perStep = (n: number) => (n / a.steps).toFixed(2);
    const written = `rows/member-step ${perStep(a.rows.steps + a.rows.outbox + 2 * a.rows.snapshots)} (step log ${perStep(a.rows.steps)}, outbox ${perStep(a.rows.outbox)}, enrolment ${perStep(2 * a.rows.snapshots)})`;
    // As the app runs it: engine worker processes on the inbox, one per core, and one alone for comparison.
    const all = await benchWorkers(dir, N, os.availableParallelism(), sixNodes);
    const single = await benchWorkers(dir, N, 1, sixNodes);
    console.log(
      `(a) engine:        ${fmt(all.rate)} member-steps/s with ${os.availableParallelism()} worker processes  (1 worker process: ${fmt(single.rate)}, ratio ${(all.rate / single.rate).toFixed(2)}; ` +
        `in-process, one thread: ${fmt(a.rate)}; ${fmt(all.steps)} steps, durable)   a/a0 = ${(all.rate / a0.rate).toFixed(2)}   ${written}`,
    );
    if (wanted('b')) {
      const b = benchFloor(a.rows, a.steps);
      console.log(`(b) SQLite floor:  ${fmt(b.rate)} member-steps/s  (same rows, same batching, no logic, one thread)   a/b = ${(all.rate / b.rate).toFixed(2)} (one thread: ${(a.rate / b.rate).toFixed(2)})`);
    }
    if (wanted('c')) {
      const naiveMembers = Math.min(N, 20_000);
      const c = benchNaive(naiveMembers);
      console.log(`(c) naive actors:  ${fmt(c.rate)} member-steps/s  (an actor per member, each row its own write, ${fmt(naiveMembers)} members)   a/c = ${(a.rate / c.rate).toFixed(1)}`);
    }
  }
  if (wanted('d')) {
    const d = await benchHttp();
    console.log(`(d) HTTP ingest:   ${fmt(d.rate)} events/s  (${fmt(d.count)} events in batches of 500 over loopback, node:http + the /api/events handler)`);
  }
  if (wanted('e')) {
    const e = await benchTimers();
    console.log(
      `(e) timers:        lateness p50 ${e.p50} ms, p99 ${e.p99} ms  (${fmt(WAITING)} waiting enrolments, ${fmt(e.fired)} due over 10 s, an engine worker, ` +
        `while a webhook receiver hangs on ${e.hung} requests with 2,000 messages queued for it; filled in ${e.fillSeconds.toFixed(0)} s)`,
    );
  }
  if (wanted('h')) {
    const h = await benchResponsiveness(dir, sixNodes);
    console.log(
      `(h) web app:       reader p99 ${h.busyP99.toFixed(1)} ms during ingest at 5,000 events/s vs ${h.idleP99.toFixed(1)} ms idle (ratio ${(h.busyP99 / h.idleP99).toFixed(2)}; p50 ${h.busyP50.toFixed(1)} vs ${h.idleP50.toFixed(1)} ms); ` +
        `slowest reader answer during one 10,000-event request ${h.bigMax.toFixed(0)} ms  (tRPC journeys.list every 10 ms for 10 s each, events enrol members, engine workers beside)`,
    );
  }
  if (wanted('i')) {
    const i = await benchFirstEffectInProcess(dir, sixNodes);
    const h = await benchFirstEffect(dir, sixNodes);
    const ms = (x: number) => `${x.toFixed(0)} ms`;
    console.log(
      `(i) first effect:  event → first effect recorded p50 ${ms(i.p50)}, p99 ${ms(i.p99)} in process  (${fmt(i.count)} single events at 1,000/s accepted by the app's runtime, ` +
        `each enrolling a member whose first node sends; accept answered p99 ${ms(i.answerP99)}, the worker's part p99 ${ms(i.workerP99)}); ` +
        `over HTTP (single-event requests, load generator on the same cores): p50 ${ms(h.p50)}, p99 ${ms(h.p99)}, 202 answered p99 ${ms(h.answerP99)}, the worker's part p99 ${ms(h.workerP99)}`,
    );
  }
  if (wanted('f')) {
    const f = benchFunnel();
    console.log(`(f) node funnel:   ${f.ms.toFixed(0)} ms per journey  (${fmt(f.rows)} step-log rows)`);
  }
  // (g) the engine on Postgres: one lease-mode worker process vs two, on a throwaway cluster, beside SQLite (scripts/bench-postgres.ts)
  if (wanted('g')) console.log(await runPostgresFigure(dir, sixNodes));
  // (k) member import from a 1,000,000-row CSV (BENCH_IMPORT_ROWS), in a child process so that its peak RSS is its own (scripts/bench-import.ts)
  if (wanted('k')) console.log(await runImportFigure(dir));
  // (j) ingest cost flat in history: 0 vs 100 finished enrolments per member (scripts/bench-history.ts)
  if (wanted('j')) console.log(runHistoryFigure(dir));
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
