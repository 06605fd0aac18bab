import { whenWritable, type Db } from '@/db/client';
import { nextEngineDue } from '@/db/engine-counts';
import type { Clock } from './clock';
import { parseIncomingEvents, type IncomingEvent, type ParsedEvent } from './event-input';
import { InputError } from '@/members/errors';
import { resolveEventMembers } from './resolve-members';
import { tierChangeEvents, writeProfiles, type ProfileEvent } from '@/members/profiles';
import { deliverOutbox, recordOnly, type SendsFor } from './delivery';
import { applyConsentEvent } from './consent';
import { applyCouponEvent } from './coupons';
import { fireDueTriggers, nextTriggerDue } from './scheduled-triggers';
import { runtimeStats } from './runtime-stats';
import { claimInbox, claimInboxRow, deleteInbox, inboxHasWork, enqueue, failInbox, memberPartition, type InboxItem } from '@/db/inbox';
import { isStepBudgetExceeded, MemberStepper } from './stepper';
import { isLeaseLost } from '@/db/leases';

export { isStepBudgetExceeded, StepBudgetExceeded } from './stepper';

export interface IngestResult {
  accepted: number;
  duplicates: number;
  /** Members enrolled by these events: known only when the runtime processes them at once (not queued). */
  enrolled?: number;
}

/**
 * The journey engine. Events are accepted into the durable inbox and then
 * processed in order per member; timers, scheduled triggers and the outbox
 * are driven from here. Each member is stepped with XState's pure
 * `transition` (MemberStepper) and snapshot, step log and outbox are written
 * in one SQLite transaction per batch. Tests, the simulator, the engine
 * workers and the app all use it, with a different clock and database.
 */
export class JourneyRuntime extends MemberStepper {
  /** Which channels' messages go to a provider; by default none (record only): only the app's engine workers send. */
  sends: SendsFor = recordOnly;
  /**
   * Lease mode (src/runtime/leases.ts): called first inside each write transaction of the worker's partitions
   * (inbox batch, timers, effects) and throws LeaseLost, rolling it back, when one is no longer this worker's.
   */
  fence: ((partitions: readonly number[]) => void) | null = null;
  /** Partitions every transaction opened meanwhile is fenced on (`fencedOn`: the singleton duties of partition 0's owner). */
  private fenceScope: readonly number[] | null = null;
  /** Called when events were committed to the inbox: the app wakes its engine workers instead of letting them find out on their next poll. */
  onAccepted: (() => void) | null = null;

  constructor(
    db: Db,
    clock: Clock,
    /** Queued (the app): ingest only accepts into the inbox and engine workers process it. Otherwise ingest processes at once. */
    readonly queued = false,
  ) {
    super(db, clock);
  }

  /**
   * Accepts a batch of events and, unless this runtime is `queued`, processes
   * them at once (tests, the simulator, the demo seed). Each event names its
   * member by id or identity; a `profile` creates or updates the member first.
   * An unknown member without a profile rejects the whole batch (InputError
   * naming the field) and nothing of it is stored.
   */
  ingest(input: IncomingEvent[]): IngestResult {
    const accepted = this.accept(input);
    return this.queued ? accepted : { ...accepted, enrolled: this.settle() };
  }

  /**
   * Validates the events and commits them to the durable inbox in one short
   * transaction: the only part of ingest that runs on the HTTP thread. Profile
   * and consent changes apply here, so the sending gateway sees an unsubscribe
   * at once; journeys react when the worker owning the member's partition
   * processes the inbox.
   */
  accept(input: IncomingEvent[]): { accepted: number; duplicates: number } {
    // Callers inside the app pass parsed events; parsing again is cheap and keeps normalised identities.
    if (input.length === 0) return { accepted: 0, duplicates: 0 };
    const parsed = parseIncomingEvents(input);
    if (!parsed.ok) throw new InputError(parsed.errors);
    return this.accepted(this.acceptParsed(parsed.events));
  }

  private accepted<T extends { accepted: number }>(result: T): T {
    // Inside a caller's transaction the rows are not committed yet: the workers' next poll finds them.
    if (result.accepted > 0 && !this.db.$client.inTransaction) this.onAccepted?.();
    return result;
  }

  /** The transaction of `accept`, for events already validated. */
  private acceptParsed(batch: ParsedEvent[]): { accepted: number; duplicates: number } {
    return this.transaction(() => {
      const resolved = resolveEventMembers(this.db, batch);
      const result = { accepted: 0, duplicates: 0 };
      const now = this.clock.now();
      for (const { event: e, memberId, profile } of resolved) {
        if (profile) for (const change of writeProfiles(this.db, [profile], now).events) this.emitProfileEvent(change);
        const occurredAt = e.occurredAt ? Date.parse(e.occurredAt) : now;
        const seq = this.store.insertEvent({ id: e.id ?? null, memberId, type: e.type, occurredAt, receivedAt: now, properties: e.properties ?? {} });
        if (seq === null) {
          result.duplicates++;
          continue;
        }
        result.accepted++;
        applyConsentEvent(this.db, memberId, e.type, e.properties ?? {}, occurredAt);
        applyCouponEvent(this.db, memberId, e.type, e.properties ?? {}, occurredAt);
        enqueue(this.db, seq, memberId, memberPartition(memberId), now);
      }
      return result;
    });
  }

  override transaction<T>(fn: () => T): T {
    const scope = this.fenceScope;
    const fence = this.fence;
    if (!scope || !fence) return super.transaction(fn);
    return super.transaction(() => {
      fence(scope);
      return fn();
    });
  }

  /** Runs `fn` with each transaction it opens through this runtime fenced on `partitions` (no-op without a fence). */
  fencedOn<T>(partitions: readonly number[], fn: () => T): T {
    const previous = this.fenceScope;
    this.fenceScope = partitions;
    try {
      return fn();
    } finally {
      this.fenceScope = previous;
    }
  }

  protected override tierChanged(memberId: string, from: string, to: string): void {
    for (const change of tierChangeEvents(this.db, memberId, from, to)) this.emitProfileEvent(change);
  }

  /**
   * `accept` for the web app: the same validation and transaction, but the
   * wait for SQLite's write lock (held by an engine worker's batch) does not
   * block the thread, so other requests are answered meanwhile.
   */
  async acceptWhenWritable(body: unknown): Promise<{ accepted: number; duplicates: number }> {
    // Validated once, before waiting: a bad request is answered without the lock.
    const parsed = parseIncomingEvents(body);
    if (!parsed.ok) throw new InputError(parsed.errors);
    return whenWritable(this.db, () => this.acceptParsed(parsed.events)).then((result) => this.accepted(result));
  }

  /** A profile change (tier, fields) as an event of its own: stored and queued like any other. */
  emitProfileEvent(change: ProfileEvent): void {
    const now = this.clock.now();
    this.members.delete(change.memberId);
    const seq = this.store.insertEvent({ id: null, memberId: change.memberId, type: change.type, occurredAt: now, receivedAt: now, properties: change.properties });
    if (seq !== null) enqueue(this.db, seq, change.memberId, memberPartition(change.memberId), now);
  }

  /** In-process mode: processes everything queued so far. Returns members enrolled. A queued runtime leaves it to the workers. */
  settle(): number {
    if (this.queued) return 0;
    let enrolled = 0;
    for (;;) {
      const r = this.processInbox(null);
      if (r.processed === 0) return enrolled;
      enrolled += r.enrolled;
    }
  }

  /**
   * Processes the oldest inbox rows of the given partitions (all for null) in
   * one transaction: the steps and the removal of the rows commit together, so
   * a crash repeats the batch, never half of it. A row that fails on its own is
   * retried and finally parked, without holding up the member's partition.
   */
  processInbox(partitions: readonly number[] | null, limit = 1000): { processed: number; enrolled: number } {
    // Claimed inside the (immediate) transaction: two processes draining the same partition can never both take a row.
    const run = (claim: () => InboxItem[]) =>
      this.transaction(() => {
        if (partitions && this.fence) this.fence(partitions);
        const batch = claim();
        if (!batch.length) return { processed: 0, enrolled: 0 };
        this.refreshSegments();
        this.liveByEvent.clear();
        this.prefetchMembers([...new Set(batch.map((i) => i.memberId))]);
        let enrolled = 0;
        // Never before the event was accepted: a virtual clock restarted after a crash must not step it earlier than an uninterrupted run.
        for (const i of batch) enrolled += this.processEvent(i.memberId, { type: i.type, occurredAt: i.occurredAt, properties: JSON.parse(i.properties) }, Math.max(this.clock.now(), i.acceptedAt));
        deleteInbox(this.db, batch.map((i) => i.id));
        return { processed: batch.length, enrolled };
      });
    // A read without the write lock first: an idle engine worker polls this often.
    if (!inboxHasWork(this.db, partitions)) return { processed: 0, enrolled: 0 };
    try {
      return run(() => claimInbox(this.db, partitions, limit));
    } catch (batchError) {
      // A lost lease is no fault of the rows: they stay for the partition's new owner.
      if (isStepBudgetExceeded(batchError) || isLeaseLost(batchError)) throw batchError;
      console.error('[inbox] batch failed, retrying row by row', batchError);
      // One bad row must not hold back the others: one by one, and a member whose row failed waits for its retry.
      const items = claimInbox(this.db, partitions, limit);
      const held = new Set<string>();
      let enrolled = 0;
      for (const item of items) {
        if (held.has(item.memberId)) continue;
        try {
          enrolled += run(() => claimInboxRow(this.db, item.id)).enrolled;
        } catch (err) {
          if (isLeaseLost(err)) throw err;
          held.add(item.memberId);
          failInbox(this.db, item.id, String((err as Error)?.message ?? err));
          console.error('[inbox] event failed', item.id, err);
        }
      }
      return { processed: items.length, enrolled };
    }
  }

  /** Resumes members whose wait is due, a batch per transaction. Returns how many were stepped. */
  fireDueTimers(limit = 500, partitions: readonly number[] | null = null): number {
    const now = this.clock.now();
    // Members of a paused journey are held: their timers fire once it is live again.
    // A read without the write lock first (an idle worker polls often), then again inside the (immediate) transaction: a timer fires in one process only.
    if (!this.store.due(now, 1, partitions).length) return 0;
    return this.transaction(() => {
      if (partitions && this.fence) this.fence(partitions);
      const due = this.store.due(now, limit, partitions);
      if (!due.length) return 0;
      this.refreshSegments();
      this.prefetchMembers([...new Set(due.map((e) => e.memberId))]);
      for (const e of due) {
        const env = this.envFor(e.memberId, now, { enteredAt: e.enteredAt });
        if (!env) continue;
        this.metrics.recordLateness(now - (e.wakeAt ?? now));
        this.step(e, this.versions.get(e.versionId), { type: 'timer.fire', env });
      }
      return due.length;
    });
  }

  /** The next moment something is due: a waiting member's timer or a scheduled trigger. */
  nextDueAt(): number | null {
    const { wake, deferred } = nextEngineDue(this.db, this.clock.now());
    const times = [wake, nextTriggerDue(this), deferred].filter((t): t is number => t !== null);
    return times.length ? Math.min(...times) : null;
  }

  /** Runs due audience / anniversary / holiday triggers. Returns members enrolled. */
  fireDueTriggers(): number {
    return fireDueTriggers(this);
  }

  /** Queue depth, due timers, lateness and throughput for `runtime.stats`. */
  stats() {
    return runtimeStats(this.db, this.metrics, this.clock.now());
  }

  deliverOutbox(limit = 1000): number {
    const n = this.deliverOutboxFor(null, limit);
    this.settle();
    return n;
  }

  /** Settles the due in-process effects of some member partitions (an engine worker's own). */
  deliverOutboxFor(partitions: readonly number[] | null, limit = 1000): number {
    // A tier set by `action.asset` is a profile change like any other: `tier_changed` is queued in the same transaction.
    const fence = partitions && this.fence;
    return deliverOutbox(this.db, this.clock.now(), limit, (m, from, to) => this.tierChanged(m, from, to), partitions, this.sends, fence ? () => fence(partitions) : undefined);
  }

  /** Runs everything due up to `until` on a virtual clock, each at its due time. */
  runUntil(until: number, setTime: (t: number) => void): void {
    this.settle();
    this.deliverOutbox();
    for (;;) {
      const next = this.nextDueAt();
      if (next === null || next > until) break;
      setTime(next);
      this.fireDueTriggers();
      while (this.fireDueTimers() > 0);
      while (this.deliverOutbox() > 0);
    }
    setTime(until);
  }
}

