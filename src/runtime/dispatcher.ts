import type { Db } from '@/db/client';
import { claimExternal, type OutboxRecord } from '@/db/outbox-external';
import type { Clock } from './clock';
import { isWebhook, postWebhook, settleWebhook } from './webhooks';
import { sendThroughProvider } from './provider-sends';
import { admitSends } from './rate-limit';
import { memberPartition } from '@/db/inbox';
import { isLeaseLost } from '@/db/leases';

export interface DispatcherOptions {
  /** Sends in flight at once, across all receivers. */
  concurrency?: number;
  /** Sends in flight at once to one receiver (host): a hanging receiver can hold only these. */
  perTarget?: number;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  /** Member partitions whose messages this dispatcher sends (null: all). */
  partitions?: readonly number[] | null;
  /** Lease mode: see `Dispatcher.fence`. */
  fence?: ((partitions: readonly number[]) => void) | null;
}

/**
 * Sends messages that leave the process — webhooks and channel providers —
 * without ever being awaited by the engine: `pump()` starts what may
 * start and returns at once, so timers and events keep being stepped while
 * receivers answer. Concurrency is bounded overall and per receiver, each
 * request has its own timeout, and each outcome is recorded when it arrives,
 * with backoff measured from that attempt.
 */
export class Dispatcher {
  private readonly inFlight = new Map<number, string>();
  /** Partition of each send in flight: a lease-mode worker keeps a partition until its sends are recorded. */
  private readonly inFlightPartition = new Map<number, number>();
  /** Member partitions whose messages this dispatcher sends (null: all); a lease-mode worker's follow its leases. */
  partitions: readonly number[] | null;
  /**
   * Lease mode: called first inside the claim's transaction and each outcome's, throwing (so rolling it back) when a
   * partition is no longer this worker's; a send is then neither started nor recorded here but by the new owner.
   */
  fence: ((partitions: readonly number[]) => void) | null;
  private readonly perTargetCount = new Map<string, number>();
  private readonly running = new Set<Promise<void>>();
  private readonly concurrency: number;
  private readonly perTarget: number;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly opts: DispatcherOptions = {},
  ) {
    this.concurrency = opts.concurrency ?? 32;
    this.perTarget = opts.perTarget ?? 4;
    this.partitions = opts.partitions ?? null;
    this.fence = opts.fence ?? null;
    // Providers take several sends at once; a hanging one still holds only its own share.
  }

  get busy(): number {
    return this.inFlight.size;
  }

  /** Whether a send of this partition is in flight. */
  sending(partition: number): boolean {
    for (const p of this.inFlightPartition.values()) if (p === partition) return true;
    return false;
  }

  /** Starts due sends up to the limits; returns how many it started. */
  pump(): number {
    const free = this.concurrency - this.inFlight.size;
    if (free <= 0) return 0;
    const partitions = this.partitions;
    const fence = this.fence;
    let admitted: OutboxRecord[];
    if (!fence || !partitions) admitted = this.claim(free, partitions);
    else {
      // Lease mode: a look without the write lock first, then the claim again inside a fenced transaction.
      if (!partitions.length || !this.claim(free, partitions, true).length) return 0;
      admitted = this.db.transaction(() => {
        fence(partitions);
        return this.claim(free, partitions);
      });
    }
    // Started once the claim has committed.
    for (const row of admitted) this.start(row);
    return admitted.length;
  }

  /** The due sends that may start now, counted against the rate limits (`dryRun`: the candidates only, nothing written). */
  private claim(free: number, partitions: readonly number[] | null, dryRun = false): OutboxRecord[] {
    const now = this.clock.now();
    const inFlight = [...this.inFlight.keys()];
    // Ask for more than the free slots: some candidates belong to receivers that are already at their limit.
    const claimed = claimExternal(this.db, { now, limit: free * 4, partitions, exclude: new Set(inFlight), channels: ['webhook'], providers: true });
    // Receivers already at their limit wait for an answer first: with none left, no transaction (and no write lock) at all.
    const due = claimed.filter((row) => (this.perTargetCount.get(targetOf(row)) ?? 0) < this.perTarget);
    if (!due.length || dryRun) return due;
    // Send rate limits apply here, at claim time (not when a provider answers): admitSends counts what it lets go in
    // the same immediate transaction, and moves what must wait to when its limit has room (see rate-limit.ts).
    // Concurrency is only planned inside it: a failed transaction starts nothing.
    const planned = new Map<string, number>();
    let slots = free;
    return admitSends(this.db, due, { now, partitions, inFlight }, (row) => {
      const target = targetOf(row);
      const n = (this.perTargetCount.get(target) ?? 0) + (planned.get(target) ?? 0);
      if (slots <= 0 || n >= this.perTarget) return false;
      planned.set(target, (planned.get(target) ?? 0) + 1);
      slots--;
      return true;
    });
  }

  private start(row: OutboxRecord): void {
    const target = targetOf(row);
    this.perTargetCount.set(target, (this.perTargetCount.get(target) ?? 0) + 1);
    this.inFlight.set(row.id, target);
    this.inFlightPartition.set(row.id, memberPartition(row.memberId));
    const p = this.send(row).finally(() => {
      this.inFlight.delete(row.id);
      this.inFlightPartition.delete(row.id);
      const left = (this.perTargetCount.get(target) ?? 1) - 1;
      if (left > 0) this.perTargetCount.set(target, left);
      else this.perTargetCount.delete(target);
      this.running.delete(p);
    });
    this.running.add(p);
  }

  /** Waits for the sends in flight (a worker draining on SIGTERM, tests). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }

  /** Records a send's outcome, fenced on its partition in lease mode. */
  private record(row: OutboxRecord, write: () => void): void {
    const fence = this.fence;
    if (!fence) return write();
    this.db.transaction(() => {
      fence([memberPartition(row.memberId)]);
      write();
    });
  }

  private async send(row: OutboxRecord): Promise<void> {
    try {
      if (isWebhook(row)) {
        const outcome = await postWebhook(row, this.opts.fetchImpl, this.opts.timeoutMs);
        this.record(row, () => settleWebhook(this.db, row, outcome, this.clock.now()));
      } else await sendThroughProvider(this.db, row, () => this.clock.now(), (record) => this.record(row, record));
    } catch (err) {
      // Recording failed (e.g. the database is closing): the row stays pending and is sent again later.
      // A lost lease: by the partition's new owner (at least once, as after a crash).
      if (isLeaseLost(err)) console.warn(`[dispatcher] outcome of ${row.id} not recorded: ${err.message}`);
      else console.error('[dispatcher]', row.id, err);
    }
  }
}

/** The receiver a send waits on: a webhook's host, or a channel's provider. */
function targetOf(row: OutboxRecord): string {
  if (!isWebhook(row)) return `channel:${row.channel}`;
  try {
    return new URL(String(row.payload.url)).host;
  } catch {
    return '?';
  }
}
