// Figure (g) of `npm run bench`: the engine on Postgres, scaled out — member-steps/s with one lease-mode worker
// process and with two, on a throwaway cluster of its own, beside one worker on SQLite in the same run.
// `BENCH_PG_MEMBERS` (default 10,000); `BENCH_PG_PROFILE=1` also prints, on stderr, what the Postgres sessions
// waited on (pg_stat_activity sampled through the run) and the CPU time of the workers and of Postgres.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openDb, type Db } from '@/db/client';
import { createJourney, publishJourney } from '@/db/journeys';
import type { JourneyDocument } from '@/journey';
import { systemClock } from '@/runtime/clock';
import { JourneyRuntime } from '@/runtime/engine';
import { startPgCluster, type PgCluster } from '@/test/pg-cluster';
import { benchWorkers } from './bench-workers';

const root = path.resolve(import.meta.dirname, '..');
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const profiling = !!process.env.BENCH_PG_PROFILE;
/** BENCH_PG_ANALYZE=0: no ANALYZE before the timed phases (as on a database younger than autovacuum's first pass). */
const analyze = process.env.BENCH_PG_ANALYZE !== '0';

/**
 * Durability as the SQLite figures have it (WAL, synchronous=NORMAL: a commit is written, not flushed): fsync stays on,
 * so the cluster survives a crash intact, and a commit does not wait for its WAL flush (synchronous_commit=off, which
 * may lose the last fraction of a second of commits on a crash, never half of one). Both are fair production settings
 * for this engine; full_page_writes is on, as production has it. autovacuum_naptime 1 s: the tables grow from nothing
 * within the figure, and a plan chosen while a table was empty (a frequency-cap count walking every sent message)
 * would make the run quadratic; a live database has its statistics.
 */
const SETTINGS = { fsync: 'on', synchronous_commit: 'off', full_page_writes: 'on', shared_buffers: '256MB', max_wal_size: '2GB', autovacuum_naptime: '1s' };

/** CPU seconds (user + system) of a process and of its children it has waited for, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14–17 of stat (utime, stime, cutime, cstime), counted from the state field (3).
    const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
    return ticks / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds the whole machine has spent busy since boot (/proc/stat: every state but idle and iowait). */
function machineBusySeconds(): number {
  const [, ...ticks] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = ticks;
  return (user + nice + system + irq + softirq + steal) / 100;
}

/** The postmaster and every process it runs (backends, WAL writer, checkpointer…). */
function postgresPids(cluster: PgCluster): number[] {
  const postmaster = Number(fs.readFileSync(path.join(cluster.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).filter((d) => {
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster;
    } catch {
      return false;
    }
  });
  return [postmaster, ...children.map(Number)];
}

function seed(db: Db, members: number, doc: JourneyDocument): void {
  // Multi-row inserts: one round trip per 500 members rather than one each.
  const rows = 500;
  const insert = db.$client.prepare(
    `insert into members (id, name, tier, points, tz, consent, attributes, created_at) values ${Array(rows).fill(`(?, ?, 'silver', 0, 'Asia/Shanghai', '{"sms":true,"app_push":true}', '{}', 0)`).join(', ')}`,
  );
  db.$client.transaction(() => {
    for (let i = 0; i < members; i += rows) insert.run(...Array.from({ length: rows }, (_, k) => [`b${i + k}`, `Member ${i + k}`]).flat());
  })();
  const id = createJourney(db, { name: doc.name, document: doc, preferredId: doc.id, now: Date.now() });
  publishJourney(db, id, Date.now());
}

async function until(check: () => boolean, timeoutMs = 600_000, everyMs = 50): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('bench (g): timed out');
    await sleep(everyMs);
  }
}

function startWorker(url: string): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, SEED_DEMO: '0' };
  delete env.DATABASE_PATH;
  // No --index/--count: lease mode, the partitions shared through partition_leases as separate machines would.
  // BENCH_PG_CPU_PROF=DIR: each worker writes a V8 CPU profile there when it stops (main thread and connection thread).
  const prof = process.env.BENCH_PG_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PG_CPU_PROF}`] : [];
  return spawn(process.execPath, [...prof, '--import', 'tsx', path.join(root, 'src/cli/journey.ts'), 'worker'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
}

function stopWorker(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export interface PgRun {
  workers: number;
  steps: number;
  seconds: number;
  /** Of which: stepping the accepted events to the waits, and firing the waits to the end. */
  phases: [number, number];
  rate: number;
  /** CPU seconds during the timed phases: the worker processes, and Postgres (all its processes). */
  cpu: { workers: number; postgres: number };
  /** Cores kept busy meanwhile by processes outside the figure (other work on the machine): the figure is only as good as this is low. */
  otherCores: number;
  /** Samples of the worker sessions’ wait events (pg_stat_activity), "active on CPU" counted as `cpu`. */
  waits: Record<string, number>;
  /** BENCH_PG_PROFILE: the statements the run sent, most called first (pg_stat_statements). */
  statements: { calls: number; ms: number; query: string }[];
}

/**
 * One measurement: a fresh database, `workers` lease-mode worker processes started and holding their fair share of
 * the partitions, then N members' events made visible in the inbox at once (one transaction), stepped to their waits;
 * the waits made due, stepped to the end. Steps are node entries; the clock runs while the workers step.
 */
async function measure(cluster: PgCluster, admin: Db, members: number, workers: number, doc: JourneyDocument): Promise<PgRun> {
  const name = `bench_g_${workers}_${Date.now()}`;
  admin.$client.exec(`create database ${name}`);
  const url = cluster.url.replace(/\/postgres$/, `/${name}`);
  const db = openDb(url);
  seed(db, members, doc);
  const one = (sql: string, ...params: unknown[]) => Number(db.$client.prepare(sql).pluck().get(...params));
  // A live database has planner statistics (autovacuum analyzes a table once a tenth of it changed, within a minute):
  // without them, the timer scan picks the (journey, status) index and hashes every waiting member's id per batch.
  if (analyze) db.$client.exec('analyze');
  const children = Array.from({ length: workers }, () => startWorker(url));
  try {
    // The first worker takes every partition; the others get theirs at its next rebalance (a third of the lease TTL).
    const balanced = () =>
      one(`select count(*) from (select owner from partition_leases where owner is not null and expires_at > ? group by owner having count(*) >= ?) o`, Date.now(), Math.floor(64 / workers)) === workers;
    await until(balanced, 120_000, 200);
    const app = new JourneyRuntime(db, systemClock, true);
    db.$client.transaction(() => {
      for (let i = 0; i < members; i += 5000) app.accept(Array.from({ length: Math.min(5000, members - i) }, (_, k) => ({ memberId: `b${i + k}`, type: 'member_joined' })));
    })();
    if (profiling) admin.$client.prepare(`select pg_stat_statements_reset()`).get();
    const profile = sampler(db, cluster, children);
    const t0 = performance.now();
    await until(() => one(`select count(*) from inbox`) === 0);
    const t1 = performance.now();
    if (analyze) db.$client.exec('analyze enrolments');
    // The waits are an hour long: made due now (the row's wake_at and the snapshot's wakeAt), then the workers fire them.
    const now = Date.now();
    db.$client
      .prepare(`update enrolments set wake_at = ?, snapshot = jsonb_set(snapshot::jsonb, '{context,wakeAt}', to_jsonb(cast(? as bigint)))::text where status = 'waiting'`)
      .run(now, now);
    const t2 = performance.now();
    await until(() => one(`select count(*) from enrolments where status = 'waiting'`) === 0);
    const t3 = performance.now();
    const { cpu, waits, otherCores } = profile.stop();
    const statements = profiling ? topStatements(admin, name) : [];
    const steps = one(`select sum(n) from node_counts where kind = 'enter'`);
    const seconds = (t1 - t0 + (t3 - t2)) / 1000;
    return { workers, steps, seconds, phases: [(t1 - t0) / 1000, (t3 - t2) / 1000], rate: steps / seconds, cpu, otherCores, waits, statements };
  } finally {
    await Promise.all(children.map(stopWorker));
    db.$client.close();
    admin.$client.exec(`drop database if exists ${name}`);
  }
}

function topStatements(admin: Db, database: string) {
  const rows = admin.$client
    .prepare(
      `select calls, total_exec_time as ms, query from pg_stat_statements s join pg_database d on d.oid = s.dbid
       where d.datname = ? order by calls desc limit 25`,
    )
    .all(database) as { calls: number; ms: number; query: string }[];
  return rows.map((r) => ({ calls: Number(r.calls), ms: Number(r.ms), query: r.query.replace(/\s+/g, ' ').slice(0, 160) }));
}

/** CPU of workers and Postgres from now to `stop()`, and (BENCH_PG_PROFILE) the worker sessions’ wait events every 100 ms. */
function sampler(db: Db, cluster: PgCluster, children: ChildProcess[]) {
  const cpuNow = () => ({
    workers: children.reduce((s, c) => s + cpuSeconds(c.pid!), 0),
    postgres: postgresPids(cluster).reduce((s, p) => s + cpuSeconds(p), 0),
    bench: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
    machine: machineBusySeconds(),
    at: performance.now(),
  });
  const start = cpuNow();
  const waits: Record<string, number> = {};
  const sample = db.$client.prepare(
    `select coalesce(wait_event_type || ':' || wait_event, 'cpu') as w, count(*) as n from pg_stat_activity
     where application_name = 'journey-canvas' and state = 'active' and pid <> pg_backend_pid() group by 1`,
  );
  const timer = process.env.BENCH_PG_PROFILE
    ? setInterval(() => {
        for (const r of sample.all() as { w: string; n: number }[]) waits[r.w] = (waits[r.w] ?? 0) + Number(r.n);
      }, 100)
    : null;
  return {
    stop() {
      if (timer) clearInterval(timer);
      const end = cpuNow();
      const d = (k: keyof typeof end) => end[k] - start[k];
      const otherCores = Math.max(0, d('machine') - d('workers') - d('postgres') - d('bench')) / (d('at') / 1000);
      return { cpu: { workers: d('workers'), postgres: d('postgres') }, otherCores, waits };
    },
  };
}

export async function benchPostgres(dir: string, doc: JourneyDocument, members = Number(process.env.BENCH_PG_MEMBERS ?? 10_000)) {
  const cluster = await startPgCluster({ settings: profiling ? { ...SETTINGS, shared_preload_libraries: "'pg_stat_statements'" } : SETTINGS });
  try {
    const admin = openDb(cluster.url);
    if (profiling) admin.$client.exec('create extension if not exists pg_stat_statements');
    const version = String(admin.$client.prepare(`select current_setting('server_version')`).pluck().get()).split(' ')[0];
    const one = await measure(cluster, admin, members, 1, doc);
    const two = await measure(cluster, admin, members, 2, doc);
    admin.$client.close();
    const sqlite = await benchWorkers(dir, members, 1, doc);
    return { one, two, sqlite, members, version };
  } finally {
    await cluster.stop();
  }
}

export function postgresLine(g: Awaited<ReturnType<typeof benchPostgres>>): string {
  const per = (r: PgRun) => `${(r.cpu.workers / (r.steps / 1000)).toFixed(2)}+${(r.cpu.postgres / (r.steps / 1000)).toFixed(2)}`;
  return (
    `(g) postgres engine: 1 worker ${fmt(g.one.rate)} member-steps/s, 2 workers ${fmt(g.two.rate)} member-steps/s, ratio 2/1 = ${(g.two.rate / g.one.rate).toFixed(2)} (target ≥ 1.5); ` +
    `sqlite 1 worker ${fmt(g.sqlite.rate)} member-steps/s; ${fmt(g.members)} members, ${Math.round(g.one.steps / g.members)} steps each; ` +
    `CPU s per 1,000 steps worker+postgres: 1 worker ${per(g.one)}, 2 workers ${per(g.two)}; other processes kept ${g.one.otherCores.toFixed(1)} / ${g.two.otherCores.toFixed(1)} cores busy meanwhile; ` +
    `pg ${g.version}, fsync on, synchronous_commit off, ${analyze ? 'analyzed' : 'not analyzed'}, lease-mode worker processes`
  );
}

function profileLines(g: Awaited<ReturnType<typeof benchPostgres>>): string {
  return [g.one, g.two]
    .map((r) => {
      const total = Object.values(r.waits).reduce((a, b) => a + b, 0) || 1;
      const top = Object.entries(r.waits).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([w, n]) => `${w} ${((100 * n) / total).toFixed(0)}%`);
      const statements = r.statements.map((q) => `    ${String(q.calls).padStart(8)} calls ${q.ms.toFixed(0).padStart(7)} ms  ${q.query}`);
      return [
        `(g) ${r.workers} worker(s): ${r.seconds.toFixed(1)} s (events ${r.phases[0].toFixed(1)} s, waits ${r.phases[1].toFixed(1)} s), CPU workers ${r.cpu.workers.toFixed(1)} s, postgres ${r.cpu.postgres.toFixed(1)} s; sessions: ${top.join(', ')}`,
        ...statements,
      ].join('\n');
    })
    .join('\n');
}

/** Runs figure (g) and returns its line (with BENCH_PG_PROFILE, the profile goes to stderr). */
export async function runPostgresFigure(dir: string, doc: JourneyDocument): Promise<string> {
  const g = await benchPostgres(dir, doc);
  if (process.env.BENCH_PG_PROFILE) console.error(profileLines(g));
  return postgresLine(g);
}
