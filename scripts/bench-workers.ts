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

/**
 * (a) with worker processes: N members' events accepted into the inbox first, then `workers` engine
 * processes step them (four nodes each) and, once their waits are made due, the last two. Steps are
 * node entries; the clock runs from the workers' start to the last member finished.
 */
export async function benchWorkers(dir: string, members: number, workers: number, doc: JourneyDocument) {
  const file = path.join(dir, `workers-${workers}.db`);
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
    for (let i = 0; i < 20; i++) await read(port);
    const idle = await readerDuring(port, () => sleep(5000));
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
    });
    const big = await readerDuring(port, async () => void (await post(Array.from({ length: 10_000 }, () => ({ memberId: `b${next++}`, type: 'member_joined' })))), 5);
    return { idleP99: percentile(idle, 99), busyP99: percentile(busy, 99), bigMax: Math.max(...big), sent: next };
  } finally {
    child.kill('SIGTERM');
  }
}

/** (i) event → first effect recorded: single events at `rate`/s, each enrolling a member whose first node writes a message effect. */
export async function benchFirstEffect(dir: string, doc: JourneyDocument, rate = 1000, seconds = 5) {
  const count = rate * seconds;
  const file = path.join(dir, 'first-effect.db');
  seed(file, count, doc).$client.close();
  const { port, child } = await startServer(file);
  const sentAt = new Map<string, number>();
  try {
    // Warm the handlers and the workers.
    await request(port, 'POST', '/api/events', JSON.stringify({ memberId: `b${count - 1}`, type: 'page_view' }));
    await sleep(3000);
    const start = performance.now();
    const posts: Promise<unknown>[] = [];
    const answered: number[] = [];
    for (let i = 0; i < count; i++) {
      const memberId = `b${i}`;
      sentAt.set(memberId, Date.now());
      const t = performance.now();
      posts.push(request(port, 'POST', '/api/events', JSON.stringify({ memberId, type: 'member_joined' })).then(() => answered.push(performance.now() - t)));
      const wait = start + ((i + 1) * 1000) / rate - performance.now();
      if (wait > 0) await sleep(wait);
    }
    await Promise.all(posts);
    const db = openDb(file);
    await until(() => (db.$client.prepare(`select count(distinct member_id) from outbox`).pluck().get() as number) >= count, 120_000);
    const first = db.$client.prepare(`select member_id m, min(created_at) t from outbox group by member_id`).all() as { m: string; t: number }[];
    db.$client.close();
    const latencies = first.map((r) => r.t - (sentAt.get(r.m) ?? r.t));
    return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), count, acceptP50: percentile(answered, 50), acceptP99: percentile(answered, 99) };
  } finally {
    child.kill('SIGTERM');
  }
}
