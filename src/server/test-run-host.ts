import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { MemberJourneyPath } from '@/analytics/member-path';
import type { TestRunInput } from './test-run';

/** Wall-clock limit of one test run; past it the runner process is killed and started again. */
export const TEST_RUN_TIMEOUT_MS = 15_000;

interface Pending {
  id: number;
  payload: { input: TestRunInput; maskPii: boolean };
  resolve: (r: MemberJourneyPath | null) => void;
  reject: (e: Error) => void;
}

type Reply = { id: number; ok: true; result: MemberJourneyPath | null } | { id: number; ok: false; message: string };

/**
 * Runs test runs in a separate process (`journey test-runner`), one at a
 * time, so a heavy draft never blocks the web app's requests or the engine.
 * A run that takes longer than the limit is stopped by killing the process,
 * which is started again for the next run.
 */
export class TestRunHost {
  private child: ChildProcess | null = null;
  private queue: Pending[] = [];
  private current: Pending | null = null;
  private timer: NodeJS.Timeout | null = null;
  private nextId = 1;

  constructor(private readonly opts: { root?: string; timeoutMs?: number } = {}) {}

  run(input: TestRunInput, maskPii: boolean): Promise<MemberJourneyPath | null> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, payload: { input, maskPii }, resolve, reject });
      this.next();
    });
  }

  stop(): void {
    this.child?.kill('SIGKILL');
    this.child = null;
  }

  private next(): void {
    if (this.current || !this.queue.length) return;
    const job = (this.current = this.queue.shift()!);
    const child = this.ensureChild();
    this.timer = setTimeout(() => {
      this.finish(job, () => job.reject(new TestRunTimeout(`The test run took longer than ${Math.round((this.opts.timeoutMs ?? TEST_RUN_TIMEOUT_MS) / 1000)} s and was stopped: shorten the horizon or simplify the loop.`)));
      this.stop();
    }, this.opts.timeoutMs ?? TEST_RUN_TIMEOUT_MS);
    child.send({ id: job.id, ...job.payload });
  }

  private finish(job: Pending, settle: () => void): void {
    if (this.current !== job) return;
    if (this.timer) clearTimeout(this.timer);
    this.current = null;
    settle();
    this.next();
  }

  private ensureChild(): ChildProcess {
    if (this.child && this.child.connected) return this.child;
    const root = this.opts.root ?? process.cwd();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/journey.ts'), 'test-runner'], {
      cwd: root,
      env: process.env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (m: Reply) => {
      const job = this.current;
      if (!job || m.id !== job.id) return;
      this.finish(job, () => (m.ok ? job.resolve(m.result) : job.reject(new Error(m.message))));
    });
    child.on('exit', () => {
      if (this.child === child) this.child = null;
      const job = this.current;
      if (job) this.finish(job, () => job.reject(new Error('The test runner stopped unexpectedly; try again')));
    });
    this.child = child;
    return child;
  }
}

export class TestRunTimeout extends Error {
  readonly name = 'TestRunLimitError';
}

const holder = globalThis as unknown as { __journeyTestRuns?: TestRunHost };

/** The app's one test-run process, started on first use. */
export function testRunHost(): TestRunHost {
  return (holder.__journeyTestRuns ??= new TestRunHost());
}
