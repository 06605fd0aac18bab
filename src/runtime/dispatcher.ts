import type { Db } from '@/db/client';
import { claimExternal, type OutboxRecord } from '@/db/outbox-external';
import type { Clock } from './clock';
import { isWebhook, postWebhook, settleWebhook } from './webhooks';
import { sendThroughProvider } from './provider-sends';
import { admitSends } from './rate-limit';

export interface DispatcherOptions {
  /** Sends in flight at once, across all receivers. */
  concurrency?: number;
  /** Sends in flight at once to one receiver (host): a hanging receiver can hold only these. */
  perTarget?: number;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  /** Member partitions whose messages this dispatcher sends (null: all). */
  partitions?: readonly number[] | null;
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
    // Providers take several sends at once; a hanging one still holds only its own share.
  }

  get busy(): number {
    return this.inFlight.size;
  }

  /** Starts due sends up to the limits; returns how many it started. */
  pump(): number {
    const free = this.concurrency - this.inFlight.size;
    if (free <= 0) return 0;
    const now = this.clock.now();
    const partitions = this.opts.partitions ?? null;
    const inFlight = [...this.inFlight.keys()];
    // Ask for more than the free slots: some candidates belong to receivers that are already at their limit.
    const claimed = claimExternal(this.db, { now, limit: free * 4, partitions, exclude: new Set(inFlight), channels: ['webhook'], providers: true });
    // Receivers already at their limit wait for an answer first: with none left, no transaction (and no write lock) at all.
    const due = claimed.filter((row) => (this.perTargetCount.get(targetOf(row)) ?? 0) < this.perTarget);
    if (!due.length) return 0;
    // Send rate limits apply here, at claim time (not when a provider answers): admitSends counts what it lets go in
    // the same immediate transaction, and moves what must wait to when its limit has room (see rate-limit.ts).
    // Concurrency is only planned inside it: a failed transaction starts nothing.
    const planned = new Map<string, number>();
    let slots = free;
    const admitted = admitSends(this.db, due, { now, partitions, inFlight }, (row) => {
      const target = targetOf(row);
      const n = (this.perTargetCount.get(target) ?? 0) + (planned.get(target) ?? 0);
      if (slots <= 0 || n >= this.perTarget) return false;
      planned.set(target, (planned.get(target) ?? 0) + 1);
      slots--;
      return true;
    });
    for (const row of admitted) this.start(row);
    return admitted.length;
  }

  private start(row: OutboxRecord): void {
    const target = targetOf(row);
    this.perTargetCount.set(target, (this.perTargetCount.get(target) ?? 0) + 1);
    this.inFlight.set(row.id, target);
    const p = this.send(row).finally(() => {
      this.inFlight.delete(row.id);
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

  private async send(row: OutboxRecord): Promise<void> {
    try {
      if (isWebhook(row)) settleWebhook(this.db, row, await postWebhook(row, this.opts.fetchImpl, this.opts.timeoutMs), this.clock.now());
      else await sendThroughProvider(this.db, row, () => this.clock.now());
    } catch (err) {
      // Recording failed (e.g. the database is closing): the row stays pending and is sent again later.
      console.error('[dispatcher]', row.id, err);
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
