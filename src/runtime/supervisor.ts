import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { isPostgresUrl } from '@/db/pg/open';
import type { WorkerReport } from './worker';

export interface SupervisorOptions {
  /** Engine worker processes (default: ENGINE_WORKERS, else one). */
  count?: number;
  /** The project root (where `src/cli/journey.ts` and node_modules are). */
  root?: string;
  env?: NodeJS.ProcessEnv;
  /** Worker processes run at a lower CPU priority so the web app stays responsive under load. */
  nice?: number;
  log?: (line: string) => void;
}

export interface WorkerState {
  index: number;
  pid: number | null;
  restarts: number;
  /** Deaths in a row within seconds of starting: they slow the restarts down. */
  quickDeaths: number;
  startedAt: number;
  report: WorkerReport | null;
}

/**
 * How many engine workers the app starts: ENGINE_WORKERS, else one. On SQLite
 * one process writes at a time and the engine does its work inside the write
 * transaction, so a second worker adds little throughput (measured: `npm run
 * bench`, line (a), 1.0–1.4×) but competes with the web app for the lock and the CPU.
 * On Postgres, 0 is allowed: web-only app instances, with workers started
 * elsewhere (`journey worker`).
 */
export function workerCount(env: NodeJS.ProcessEnv = process.env): number {
  const n = env.ENGINE_WORKERS === undefined || env.ENGINE_WORKERS === '' ? NaN : Number(env.ENGINE_WORKERS);
  const least = onPostgres(env) ? 0 : 1;
  return Number.isInteger(n) && n >= least && n <= 64 ? n : 1;
}

/** On Postgres (DATABASE_URL) workers share the partitions through leases, with any other workers on any machine. */
function onPostgres(env: NodeJS.ProcessEnv): boolean {
  return isPostgresUrl(env.DATABASE_URL);
}

/**
 * Starts the engine workers as child processes of the web app and keeps them
 * running: a worker that exits or is killed is started again (after a short
 * pause if it keeps dying). The web app's own thread never steps a member.
 * A worker notices its parent going away (the IPC channel closes) and stops.
 */
export class WorkerSupervisor {
  readonly count: number;
  private readonly children = new Map<number, ChildProcess>();
  private readonly states = new Map<number, WorkerState>();
  private stopping = false;

  constructor(private readonly opts: SupervisorOptions = {}) {
    this.count = opts.count ?? workerCount(opts.env);
  }

  start(): void {
    for (let i = 0; i < this.count; i++) this.spawnWorker(i);
  }

  workers(): WorkerState[] {
    return [...this.states.values()].sort((a, b) => a.index - b.index);
  }

  pid(index: number): number | null {
    return this.children.get(index)?.pid ?? null;
  }

  /**
   * Events were accepted: workers sleeping between polls look at the inbox now. An IPC message is a fraction of a
   * millisecond; the poll it saves is up to the worker's idle pause. (Which worker owns the members does not matter:
   * a wake is cheap, a missed one costs a poll interval.)
   */
  wake(): void {
    for (const child of this.children.values()) {
      if (child.connected) child.send({ type: 'wake' }, undefined, {}, () => {});
    }
  }

  /** Asks every worker to finish its pass and its sends in flight, then waits for them to exit. */
  async stop(timeoutMs = 10_000): Promise<void> {
    this.stopping = true;
    const exits = [...this.children.values()].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    );
    await Promise.all(exits);
  }

  private spawnWorker(index: number): void {
    const root = this.opts.root ?? process.cwd();
    const previous = this.states.get(index);
    const env = this.opts.env ?? process.env;
    // SQLite: a fixed share of the partitions each. Postgres: lease mode, so that workers on other machines share them too.
    const share = onPostgres(env) ? [] : ['--index', String(index), '--count', String(this.count)];
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'src/cli/journey.ts'), 'worker', ...share],
      { cwd: root, env: { ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    const state: WorkerState = {
      index,
      pid: child.pid ?? null,
      restarts: previous ? previous.restarts + 1 : 0,
      quickDeaths: previous?.quickDeaths ?? 0,
      startedAt: Date.now(),
      report: null,
    };
    this.states.set(index, state);
    this.children.set(index, child);
    if (child.pid) {
      try {
        os.setPriority(child.pid, this.opts.nice ?? 5);
      } catch {
        // Not allowed here: the workers run at normal priority.
      }
    }
    child.on('message', (m: unknown) => {
      if (m && typeof m === 'object' && (m as { type?: string }).type === 'stats') state.report = (m as { report: WorkerReport }).report;
    });
    child.on('exit', (code, signal) => {
      if (this.children.get(index) !== child) return;
      this.children.delete(index);
      if (this.stopping) return;
      // A worker that keeps dying at start-up (bad configuration, a broken database) is retried ever more slowly,
      // up to once a minute, instead of burning a core on start-ups.
      const quickDeath = Date.now() - state.startedAt < 5_000;
      state.quickDeaths = quickDeath ? state.quickDeaths + 1 : 0;
      const delay = quickDeath ? Math.min(60_000, 1_000 * 2 ** (state.quickDeaths - 1)) : 50;
      this.opts.log?.(`[engine] worker ${index} exited (${signal ?? code}); starting it again in ${delay} ms`);
      setTimeout(() => !this.stopping && this.spawnWorker(index), delay).unref();
    });
  }
}
