import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type { WorkerReport } from './worker';

export interface SupervisorOptions {
  /** Engine worker processes (default: one per core). */
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
  startedAt: number;
  report: WorkerReport | null;
}

/** How many engine workers the app starts: ENGINE_WORKERS, else one per core. */
export function workerCount(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.ENGINE_WORKERS);
  return Number.isInteger(n) && n >= 1 && n <= 64 ? n : Math.max(1, os.availableParallelism());
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
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'src/cli/journey.ts'), 'worker', '--index', String(index), '--count', String(this.count)],
      { cwd: root, env: { ...(this.opts.env ?? process.env) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    const state: WorkerState = { index, pid: child.pid ?? null, restarts: previous ? previous.restarts + 1 : 0, startedAt: Date.now(), report: null };
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
      const quickDeath = Date.now() - state.startedAt < 5_000;
      this.opts.log?.(`[engine] worker ${index} exited (${signal ?? code}); starting it again`);
      setTimeout(() => !this.stopping && this.spawnWorker(index), quickDeath ? 1_000 : 50).unref();
    });
  }
}
