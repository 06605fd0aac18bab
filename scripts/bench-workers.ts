// Figures of the engine as the app runs it: worker processes, the inbox, the web thread beside them.
// (a) all workers, (h) web responsiveness during ingest, (i) event → first effect. Nothing here is asserted.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { openDb, type Db } from '@/db/client';
import { createJourney, publishJourney } from '@/db/journeys';
import type { JourneyDocument } from '@/journey';
import { systemClock } from '@/runtime/clock';
import { JourneyRuntime } from '@/runtime/engine';
import { WorkerSupervisor } from '@/runtime/supervisor';

const root = path.resolve(import.meta.dirname, '..');
const KEY = 'bench-admin-key';
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};

function seed(file: string, members: number, doc: JourneyDocument): Db {
  const db = openDb(file);
  const insert = db.$client.prepare(`insert into members (id, name, tier, points, tz, consent, attributes, created_at) values (?, ?, 'silver', 0, 'Asia/Shanghai', '{"sms":true,"app_push":true}', '{}', 0)`);
  db.$client.transaction(() => {
    for (let i = 0; i < members; i++) insert.run(`b${i}`, `Member ${i}`);
  })();
  const id = createJourney(db, { name: doc.name, document: doc, preferredId: doc.id, now: Date.now() });
  publishJourney(db, id, Date.now());
  return db;
}

async function until(check: () => boolean, timeoutMs = 600_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('bench: timed out');
    await sleep(20);
  }
}

/** Runs of benchWorkers so far in this process: each seeds a file of its own. */
let runs = 0;

/**
 * (a) with worker processes: N members' events accepted into the inbox first, then `workers` engine
 * processes step them (four nodes each) and, once their waits are made due, the last two. Steps are
 * node entries; the clock runs from the workers' start to the last member finished.
 */
export async function benchWorkers(dir: string, members: number, workers: number, doc: JourneyDocument) {
  // A file of its own per run: (g) measures SQLite's single worker again after (a) did, in the same directory.
  const file = path.join(dir, `workers-${workers}-${members}-${++runs}.db`);
  const db = seed(file, members, doc);
  const app = new JourneyRuntime(db, systemClock, true);
  for (let i = 0; i < members; i += 5000) app.accept(Array.from({ length: Math.min(5000, members - i) }, (_, k) => ({ memberId: `b${i + k}`, type: 'member_joined' })));
  const one = (sql: string) => db.$client.prepare(sql).pluck().get() as number;
  const supervisor = new WorkerSupervisor({ count: workers, root, env: { ...process.env, DATABASE_PATH: file, SEED_DEMO: '0' }, nice: 0 });
  // Workers start up (tsx) before the clock starts: the figure is stepping, not start-up.
  const started = performance.now();
  supervisor.start();
  await until(() => supervisor.workers().every((w) => w.report !== null), 60_000);
  const t0 = performance.now();
  await until(() => one(`select count(*) from inbox`) === 0);
  const t1 = performance.now();
  // The waits are an hour long: make them due now, then the workers fire them.
  db.$client.prepare(`update enrolments set wake_at = ?, snapshot = json_set(snapshot, '$.context.wakeAt', ?) where status = 'waiting'`).run(Date.now(), Date.now());
  const t2 = performance.now();
  await until(() => one(`select count(*) from enrolments where status = 'waiting'`) === 0);
  const t3 = performance.now();
  await supervisor.stop();
  const steps = one(`select sum(n) from node_counts where kind = 'enter'`);
  const seconds = (t1 - t0 + (t3 - t2)) / 1000;
  db.$client.close();
  return { steps, seconds, rate: steps / seconds, startup: (t0 - started) / 1000 };
}

function startServer(file: string): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/bench-server.ts')], {
    cwd: root,
    env: { ...process.env, DATABASE_PATH: file, SEED_DEMO: '0', JOURNEY_ADMIN_KEY: KEY },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', (d) => resolve({ port: Number(String(d).trim()), child }));
    child.once('exit', (code) => reject(new Error(`bench server exited ${code}`)));
  });
}

const auth = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
/** A client as a load balancer would be: a bounded pool of kept-alive connections, requests queued beside it. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

function request(port: number, method: 'GET' | 'POST', url: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: url, agent, headers: auth }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** One reader request (tRPC journeys.list): its latency in ms. */
async function read(port: number): Promise<number> {
  const start = performance.now();
  const res = await request(port, 'GET', '/api/trpc/journeys.list');
  if (res.status !== 200) throw new Error(`reader: HTTP ${res.status}`);
  return performance.now() - start;
}

async function readerDuring(port: number, work: () => Promise<void>, everyMs = 20): Promise<number[]> {
  const latencies: number[] = [];
  let done = false;
  const reader = (async () => {
    while (!done) {
      latencies.push(await read(port));
      await sleep(everyMs);
    }
  })();
  await work();
  done = true;
  await reader;
  return latencies;
}

/**
 * (h) the web app stays responsive: a reader's p99 idle, during sustained ingest at `rate` events/s
 * (enrolling members, so the workers are busy), and its slowest answer during one 10,000-event request.
 */
export async function benchResponsiveness(dir: string, doc: JourneyDocument, rate = 5000, seconds = 10) {
  const members = rate * seconds + 10_000;
  const file = path.join(dir, 'responsive.db');
  seed(file, members, doc).$client.close();
  const { port, child } = await startServer(file);
  try {
    // Warm (JIT), then as long idle as busy, a read every 10 ms: about 1,000 answers each, so that a p99 is not one outlier.
    for (let i = 0; i < 300; i++) await read(port);
    const idle = await readerDuring(port, () => sleep(seconds * 1000), 10);
    let next = 0;
    const post = async (events: unknown[]) => {
      const res = await request(port, 'POST', '/api/events', JSON.stringify(events));
      if (res.status !== 202) throw new Error(`ingest: HTTP ${res.status} ${res.text}`);
    };
    const busy = await readerDuring(port, async () => {
      const batch = rate / 100;
      const start = performance.now();
      for (let tick = 0; tick < seconds * 100; tick++) {
        const events = Array.from({ length: batch }, () => ({ memberId: `b${next++}`, type: 'member_joined' }));
        void post(events);
        const wait = start + (tick + 1) * 10 - performance.now();
        if (wait > 0) await sleep(wait);
      }
    }, 10);
    const big = await readerDuring(port, async () => void (await post(Array.from({ length: 10_000 }, () => ({ memberId: `b${next++}`, type: 'member_joined' })))), 5);
    return { idleP50: percentile(idle, 50), idleP99: percentile(idle, 99), busyP50: percentile(busy, 50), busyP99: percentile(busy, 99), bigMax: Math.max(...big), sent: next };
  } finally {
    child.kill('SIGTERM');
  }
}

/** Members enrolled before (i) measures, at the same pace: a running app is warm (JIT, caches, prepared statements). */
const WARM_UP = 500;

/**
 * Event → first effect, split at the commit of the accept: `events.received_at` is the accepting transaction's
 * time, an outbox row's `created_at` the time of the step that wrote it.
 */
function firstEffectLatencies(file: string, sentAt: Map<string, number>) {
  const db = openDb(file);
  const first = db.$client.prepare(`select member_id m, min(created_at) t from outbox group by member_id`).all() as { m: string; t: number }[];
  const received = new Map((db.$client.prepare(`select member_id m, min(received_at) t from events group by member_id`).all() as { m: string; t: number }[]).map((r) => [r.m, r.t]));
  db.$client.close();
  const measured = first.filter((r) => sentAt.has(r.m));
  const total = measured.map((r) => r.t - sentAt.get(r.m)!);
  const worker = measured.map((r) => r.t - received.get(r.m)!);
  return { p50: percentile(total, 50), p99: percentile(total, 99), workerP50: percentile(worker, 50), workerP99: percentile(worker, 99) };
}

/** Sends `count` single events at `rate`/s through `send` (not waiting for one before the next); returns each call's answer time. */
async function paced(count: number, rate: number, sentAt: Map<string, number>, first: number, send: (memberId: string) => Promise<unknown>) {
  const start = performance.now();
  const calls: Promise<unknown>[] = [];
  const answered: number[] = [];
  for (let i = 0; i < count; i++) {
    const memberId = `b${first + i}`;
    sentAt.set(memberId, Date.now());
    const t = performance.now();
    calls.push(send(memberId).then(() => answered.push(performance.now() - t)));
    const wait = start + ((i + 1) * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
  }
  await Promise.all(calls);
  return { answerP50: percentile(answered, 50), answerP99: percentile(answered, 99) };
}

/**
 * (i) event → first effect recorded, in process (as DESIGN states the target): the app's runtime accepts single
 * events at `rate`/s — what /api/events does once the request is parsed — and the engine worker the app starts
 * (one on SQLite, woken by each accept) steps each member into a journey whose first node sends a message.
 */
export async function benchFirstEffectInProcess(dir: string, doc: JourneyDocument, rate = 1000, seconds = 5) {
  const count = rate * seconds;
  const file = path.join(dir, 'first-effect-in-process.db');
  const db = seed(file, count + WARM_UP, doc);
  const app = new JourneyRuntime(db, systemClock, true);
  const supervisor = new WorkerSupervisor({ count: 1, root, env: { ...process.env, DATABASE_PATH: file, SEED_DEMO: '0' } });
  app.onAccepted = () => supervisor.wake();
  const warm = new Map<string, number>();
  const sentAt = new Map<string, number>();
  const one = (sql: string) => db.$client.prepare(sql).pluck().get() as number;
  supervisor.start();
  try {
    await until(() => supervisor.workers().every((w) => w.report !== null), 60_000);
    const accept = (memberId: string) => app.acceptWhenWritable({ memberId, type: 'member_joined' });
    await paced(WARM_UP, rate, warm, count, accept);
    await sleep(1000);
    const answered = await paced(count, rate, sentAt, 0, accept);
    await until(() => one(`select count(distinct member_id) from outbox`) >= count + WARM_UP, 120_000);
    return { ...firstEffectLatencies(file, sentAt), ...answered, count };
  } finally {
    await supervisor.stop();
    db.$client.close();
  }
}

/** (i) over HTTP beside it: single-event requests to /api/events on the started handlers, the load generator on the same two cores. */
export async function benchFirstEffect(dir: string, doc: JourneyDocument, rate = 1000, seconds = 5) {
  const count = rate * seconds;
  const file = path.join(dir, 'first-effect.db');
  seed(file, count + WARM_UP, doc).$client.close();
  const { port, child } = await startServer(file);
  const sentAt = new Map<string, number>();
  try {
    const post = (memberId: string) => request(port, 'POST', '/api/events', JSON.stringify({ memberId, type: 'member_joined' }));
    await paced(WARM_UP, rate, new Map(), count, post);
    await sleep(1000);
    const answered = await paced(count, rate, sentAt, 0, post);
    const db = openDb(file);
    await until(() => (db.$client.prepare(`select count(distinct member_id) from outbox`).pluck().get() as number) >= count + WARM_UP, 120_000);
    db.$client.close();
    return { ...firstEffectLatencies(file, sentAt), ...answered, count };
  } finally {
    child.kill('SIGTERM');
  }
}
