import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '@/db/client';
import { ownedPartitions } from '@/db/inbox';
import type { Clock } from './clock';
import { Dispatcher, type DispatcherOptions } from './dispatcher';
import { JourneyRuntime } from './engine';
import { providerChannels } from './provider-sends';
import { runQueuedRunNow } from './run-now';
import { requeueInterruptedRuns } from '@/db/run-requests';
import { isLeaseLost, type LeaseKeeper } from './leases';

/** Events, timers or effects per write transaction. */
const BATCH = 100;

export interface WorkerOptions {
  /** Static share (the app's supervisor on SQLite): worker `index` of `count` owns the partitions `p % count === index`. */
  index?: number;
  count?: number;
  /** Lease mode instead: the partitions follow these leases, shared with any number of workers on any machines. */
  leases?: LeaseKeeper;
  db: Db;
  clock: Clock;
  /** Sleep between polls when there was nothing to do. */
  idleMs?: number;
  dispatcher?: DispatcherOptions;
  /** Called after each pass with what the worker did (the supervisor forwards it as stats). */
  report?: (stats: WorkerReport) => void;
}

export interface WorkerReport {
  /** -1 in lease mode. */
  index: number;
  /** Lease mode: the worker's id (host:pid:random), as in `engine_workers`. */
  workerId?: string;
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
 * One engine worker: owns some member partitions (`p % count === index`, or
 * those its leases hold) and, in a loop, processes their inbox in arrival
 * order, fires their due timers, settles their in-process effects and starts
 * their outbound sends (which it never waits for). Worker 0 (in lease mode:
 * the owner of partition 0) also runs the time-driven triggers. The inbox and
 * the database are the truth: a worker killed at any point is simply started
 * again and continues where the last commit left off.
 */
export class EngineWorker {
  readonly runtime: JourneyRuntime;
  private readonly staticPartitions: number[];
  private readonly leases: LeaseKeeper | null;
  private readonly dispatcher: Dispatcher;
  private stopping = false;
  private totals = { processed: 0, timers: 0 };

  constructor(private readonly opts: WorkerOptions) {
    this.runtime = new JourneyRuntime(opts.db, opts.clock, true);
    // Only engine workers hand messages to providers; every other runtime records them.
    this.runtime.sends = providerChannels(opts.db);
    this.leases = opts.leases ?? null;
    this.staticPartitions = this.leases ? [] : ownedPartitions(opts.index ?? 0, opts.count ?? 1);
    this.dispatcher = new Dispatcher(opts.db, opts.clock, { ...opts.dispatcher, partitions: this.staticPartitions, fence: this.leases?.fence });
    if (this.leases) {
      this.runtime.fence = this.leases.fence;
      // Heartbeats carry the worker's figures: what the runtime page shows of workers on any machine.
      this.leases.reporter = () => this.figures();
      this.leasesChanged(this.leases.start().acquired);
    }
    // Worker 0 alone runs "run now" requests: one still marked running was cut short by its predecessor.
    else if (opts.index === 0) requeueInterruptedRuns(opts.db);
  }

  /** The partitions this worker steps now (in lease mode they change between passes). */
  get partitions(): number[] {
    return this.leases ? this.leases.partitions : this.staticPartitions;
  }

  /** Runs the time-driven triggers and "run now": worker 0, or the owner of partition 0. */
  private get singleton(): boolean {
    return this.leases ? this.leases.owns(0) : this.opts.index === 0;
  }

  /** Between passes: heartbeat, renew, take or give back partitions (not one with a send in flight). */
  private rebalance(): void {
    const leases = this.leases;
    if (!leases) return;
    this.leasesChanged(leases.tick((p) => !this.dispatcher.sending(p)).acquired);
  }

  private leasesChanged(acquired: readonly number[]): void {
    // Partition 0 brings the "run now" duty: a request still marked running was cut short by its previous owner.
    if (acquired.includes(0)) requeueInterruptedRuns(this.opts.db);
    this.dispatcher.partitions = this.partitions;
  }

  /** One pass; true when it found work (the loop then goes again at once). */
  pass(): boolean {
    this.rebalance();
    const { runtime, partitions } = this;
    let busy = false;
    if (!partitions.length) return false;
    // Small batches keep each hold on SQLite's one write lock to a few milliseconds: the web app writes (accepts events)
    // in write transactions of its own, and a 202 waits for them.
    const inbox = runtime.processInbox(partitions, BATCH);
    this.totals.processed += inbox.processed;
    busy ||= inbox.processed > 0;
    const timers = runtime.fireDueTimers(BATCH, partitions);
    this.totals.timers += timers;
    busy ||= timers > 0;
    if (this.singleton) busy = this.singletonDuties() || busy;
    busy = runtime.deliverOutboxFor(partitions, BATCH * 2) > 0 || busy;
    this.dispatcher.pump();
    return busy;
  }

  private singletonDuties(): boolean {
    const duties = () => {
      const enrolled = this.runtime.fireDueTriggers();
      // "Run now" from the canvas: asked on the web, carried out here like a scheduled run.
      return runQueuedRunNow(this.runtime) || enrolled > 0;
    };
    // Lease mode: each of their transactions is fenced on partition 0, so a stalled former owner cannot run them too.
    return this.leases ? this.runtime.fencedOn([0], duties) : duties();
  }

  async run(): Promise<void> {
    const idleMs = this.opts.idleMs ?? 5;
    let lastReport = 0;
    while (!this.stopping) {
      let busy = false;
      try {
        busy = this.pass();
      } catch (err) {
        if (this.leases && isLeaseLost(err)) {
          // Rolled back: those partitions are someone else's now; the rest goes on at once.
          this.leases.drop(err.partitions);
          this.dispatcher.partitions = this.partitions;
          busy = true;
        } else {
          console.error(`[worker ${this.leases?.id ?? this.opts.index}]`, err);
          await sleep(200);
        }
      }
      const now = Date.now();
      if (this.opts.report && now - lastReport >= 500) {
        lastReport = now;
        this.opts.report(this.stats());
      }
      // A short pause even when busy: SQLite's lock is not fair, and the web app's short writes (accepting events) must get
      // their turn between this worker's batches. It also lets finished sends record their outcome. `wake()` cuts it short.
      await this.nap(busy ? 2 : idleMs);
    }
    await this.drainSends();
    // Lease mode: everything back at once (others need not wait for the leases to expire), and off the list.
    this.leases?.stop();
  }

  private wakeUp: (() => void) | null = null;

  private nap(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wakeUp = null;
        resolve();
      }, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
    });
  }

  /** New events in the inbox (the app says so when it accepts some): the pause between passes ends now. */
  wake(): void {
    this.wakeUp?.();
  }

  /** Waits for the sends in flight; in lease mode the leases are kept renewed meanwhile, so their outcomes can be recorded. */
  private async drainSends(): Promise<void> {
    const leases = this.leases;
    const renew = leases
      ? setInterval(() => {
          try {
            leases.tick(() => false, true);
          } catch (err) {
            console.error(`[worker ${leases.id}]`, err);
          }
        }, leases.beatMs)
      : null;
    try {
      await this.dispatcher.idle();
    } finally {
      if (renew) clearInterval(renew);
    }
  }

  /** Finishes the pass in hand and the sends in flight, then `run()` returns (in lease mode, having given its leases back). */
  stop(): void {
    if (this.stopping) return;
    this.stopping = true;
    this.wake();
    try {
      this.leases?.beginStop();
    } catch (err) {
      // Only a hint to the others (they stop counting this worker); the leases are given back when the drain ends.
      console.error('[worker] marking the worker as stopping failed', err);
    }
  }

  /** What a lease-mode worker stores with its heartbeat (engine_workers.report); its partitions are in the leases already. */
  figures() {
    const { stepsPerSecond, latenessP50Ms, latenessP99Ms, processed, timers, inFlightSends, at } = this.stats();
    return { stepsPerSecond, latenessP50Ms, latenessP99Ms, processed, timers, inFlightSends, at };
  }

  stats(): WorkerReport {
    const m = this.runtime.metrics;
    return {
      index: this.leases ? -1 : (this.opts.index ?? 0),
      ...(this.leases ? { workerId: this.leases.id } : {}),
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
