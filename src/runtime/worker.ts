import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '@/db/client';
import { ownedPartitions } from '@/db/inbox';
import type { Clock } from './clock';
import { Dispatcher, type DispatcherOptions } from './dispatcher';
import { JourneyRuntime } from './engine';
import { providerChannels } from './provider-sends';
import { runQueuedRunNow } from './run-now';
import { requeueInterruptedRuns } from '@/db/run-requests';

/** Events, timers or effects per write transaction. */
const BATCH = 100;

export interface WorkerOptions {
  index: number;
  count: number;
  db: Db;
  clock: Clock;
  /** Sleep between polls when there was nothing to do. */
  idleMs?: number;
  dispatcher?: DispatcherOptions;
  /** Called after each pass with what the worker did (the supervisor forwards it as stats). */
  report?: (stats: WorkerReport) => void;
}

export interface WorkerReport {
  index: number;
  partitions: number[];
  processed: number;
  timers: number;
  stepsPerSecond: number;
  latenessP50Ms: number | null;
  latenessP99Ms: number | null;
  inFlightSends: number;
  at: number;
}

/**
 * One engine worker: owns the member partitions `p % count === index` and,
 * in a loop, processes their inbox in arrival order, fires their due timers,
 * settles their in-process effects and starts their outbound sends (which it
 * never waits for). Worker 0 also runs the time-driven triggers. The inbox and
 * the database are the truth: a worker killed at any point is simply started
 * again and continues where the last commit left off.
 */
export class EngineWorker {
  readonly runtime: JourneyRuntime;
  readonly partitions: number[];
  private readonly dispatcher: Dispatcher;
  private stopping = false;
  private totals = { processed: 0, timers: 0 };

  constructor(private readonly opts: WorkerOptions) {
    this.runtime = new JourneyRuntime(opts.db, opts.clock, true);
    // Only engine workers hand messages to providers; every other runtime records them.
    this.runtime.sends = providerChannels(opts.db);
    this.partitions = ownedPartitions(opts.index, opts.count);
    this.dispatcher = new Dispatcher(opts.db, opts.clock, { ...opts.dispatcher, partitions: this.partitions });
    // Worker 0 alone runs "run now" requests: one still marked running was cut short by its predecessor.
    if (opts.index === 0) requeueInterruptedRuns(opts.db);
  }

  /** One pass; true when it found work (the loop then goes again at once). */
  pass(): boolean {
    const { runtime, partitions } = this;
    let busy = false;
    // Small batches keep each hold on SQLite's one write lock to a few milliseconds: the web app writes (accepts events)
    // synchronously on its only thread, so a long hold here would stall every request there.
    const inbox = runtime.processInbox(partitions, BATCH);
    this.totals.processed += inbox.processed;
    busy ||= inbox.processed > 0;
    const timers = runtime.fireDueTimers(BATCH, partitions);
    this.totals.timers += timers;
    busy ||= timers > 0;
    if (this.opts.index === 0) busy = runtime.fireDueTriggers() > 0 || busy;
    // "Run now" from the canvas: asked on the web, carried out here like a scheduled run.
    if (this.opts.index === 0) busy = runQueuedRunNow(runtime) || busy;
    busy = runtime.deliverOutboxFor(partitions, BATCH * 2) > 0 || busy;
    this.dispatcher.pump();
    return busy;
  }

  async run(): Promise<void> {
    const idleMs = this.opts.idleMs ?? 5;
    let lastReport = 0;
    while (!this.stopping) {
      let busy = false;
      try {
        busy = this.pass();
      } catch (err) {
        console.error(`[worker ${this.opts.index}]`, err);
        await sleep(200);
      }
      const now = Date.now();
      if (this.opts.report && now - lastReport >= 500) {
        lastReport = now;
        this.opts.report(this.stats());
      }
      // A short pause even when busy: SQLite's lock is not fair, and the web app's short writes (accepting events) must get
      // their turn between this worker's batches. It also lets finished sends record their outcome.
      await sleep(busy ? 2 : idleMs);
    }
    await this.dispatcher.idle();
  }

  /** Finishes the pass in hand and the sends in flight, then `run()` returns. */
  stop(): void {
    this.stopping = true;
  }

  stats(): WorkerReport {
    const m = this.runtime.metrics;
    return {
      index: this.opts.index,
      partitions: this.partitions,
      processed: this.totals.processed,
      timers: this.totals.timers,
      stepsPerSecond: m.stepsPerSecond(Date.now()),
      latenessP50Ms: m.latenessPercentile(50),
      latenessP99Ms: m.latenessPercentile(99),
      inFlightSends: this.dispatcher.busy,
      at: Date.now(),
    };
  }
}
