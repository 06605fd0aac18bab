// Short leases, so that a stalled worker's partitions run out within the test; read by LeaseKeeper and runtime stats alike.
process.env.ENGINE_LEASE_MS = '900';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { openDb } from '@/db/client';
import { memberPartition, PARTITIONS } from '@/db/inbox';
import { appRouter } from '@/server/root';
import { VirtualClock } from '@/runtime/clock';
import { JourneyRuntime } from '@/runtime/engine';
import { LeaseKeeper } from '@/runtime/leases';
import { withWorkers } from '@/runtime/runtime-stats';
import { EngineWorker } from '@/runtime/worker';
import { compressRanges } from '@/components/partition-ranges';
import { addMembers, publish, T0, TEST_ADMIN } from '@/test/fixtures';
import { chain, onEvent } from '@/test/journeys';

// Workers on their own connections to one SQLite file, as processes on other machines would share one Postgres.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journey-cluster-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const BEAT = 300;
const all = Array.from({ length: PARTITIONS }, (_, p) => p);
const range = (from: number, to: number) => all.filter((p) => p >= from && p < to);
const ids = Array.from({ length: 200 }, (_, i) => `m${i}`);
const perPartition = (p: number) => ids.filter((id) => memberPartition(id) === p).length;

/** Two lease-mode workers splitting the partitions 32/32, and a web runtime that accepts events into the inbox. */
function cluster(name: string) {
  const f = path.join(dir, `${name}.db`);
  const db = openDb(f);
  addMembers(db, ids.map((id) => ({ id })));
  publish(db, chain('cluster', [onEvent('joined'), { id: 'w', kind: 'wait.duration', config: { duration: 'PT1S' } }, { id: 'tag', kind: 'action.tag', config: { add: ['done'] } }], { policy: { quietHours: 'off' } }));
  const clock = new VirtualClock(T0);
  const web = new JourneyRuntime(db, clock, true);
  const keeperA = new LeaseKeeper({ db: openDb(f), clock, id: 'a' });
  const a = new EngineWorker({ db: openDb(f), clock, leases: keeperA });
  const keeperB = new LeaseKeeper({ db: openDb(f), clock, id: 'b' });
  const b = new EngineWorker({ db: openDb(f), clock, leases: keeperB });
  clock.advance(BEAT);
  a.pass();
  b.pass();
  expect([a.partitions, b.partitions]).toEqual([range(0, 32), range(32, 64)]);
  const caller = appRouter.createCaller({ db, runtime: web, principal: TEST_ADMIN });
  return { db, clock, web, a, b, keeperA, keeperB, caller };
}

describe('runtime.stats: engine workers, their partitions and the lag per partition, from the database', () => {
  it('lists both lease-mode workers with their partitions and figures, and the lag of partitions with events or timers waiting', async () => {
    const { clock, web, a, keeperA, keeperB, caller } = cluster('two');
    web.accept(ids.map((memberId) => ({ memberId, type: 'joined', id: `j-${memberId}` })));
    const acceptedAt = clock.now();
    // Only a steps its half: its members now wait 1 s; b’s events stay in the inbox.
    while (a.pass());
    const processedByA = ids.filter((id) => memberPartition(id) < 32).length;
    expect(a.stats().processed).toBe(processedByA);
    // Heartbeats only (no stepping) until a’s timers are 200 ms overdue.
    for (let i = 0; i < 4; i++) {
      clock.advance(BEAT);
      keeperA.tick();
      keeperB.tick();
    }
    const now = clock.now();
    const stats = await caller.runtime.stats();

    expect(stats.cluster.workers).toEqual([
      expect.objectContaining({ id: 'a', mode: 'lease', host: os.hostname(), pid: process.pid, live: true, stopping: false, heartbeatAt: now, partitions: range(0, 32), processed: processedByA, timers: 0 }),
      expect.objectContaining({ id: 'b', mode: 'lease', live: true, partitions: range(32, 64), processed: 0 }),
    ]);
    expect(stats.cluster.unowned).toEqual([]);
    const busyB = range(32, 64).find((p) => perPartition(p) > 0)!;
    expect(stats.cluster.partitions[busyB]).toEqual({ partition: busyB, owner: 'b', pending: perPartition(busyB), lagMs: now - acceptedAt, dueTimers: 0, timerLagMs: null });
    const busyA = range(0, 32).find((p) => perPartition(p) > 0)!;
    expect(stats.cluster.partitions[busyA]).toEqual({ partition: busyA, owner: 'a', pending: 0, lagMs: null, dueTimers: perPartition(busyA), timerLagMs: now - (acceptedAt + 1000) });
    expect(stats.cluster.partitions.map((p) => p.partition)).toEqual(all);
    expect(stats.dueTimers).toBe(processedByA);

    // The top-level figures are the workers’: throughput summed, lateness the worst (none fired a timer yet).
    const [wa, wb] = stats.cluster.workers;
    expect(wa.stepsPerSecond).toBeGreaterThan(0);
    expect(stats.stepsPerSecond).toBe(wa.stepsPerSecond! + wb.stepsPerSecond!);
    expect([wa.latenessP99Ms, wb.latenessP99Ms, stats.latenessP99Ms]).toEqual([null, null, null]);

    // a fires its timers 200 ms late; its next heartbeat carries that, and the page’s lateness is a’s.
    while (a.pass());
    clock.advance(BEAT);
    keeperA.tick();
    keeperB.tick();
    const after = await caller.runtime.stats();
    expect(after.cluster.workers[0]).toMatchObject({ timers: processedByA, latenessP99Ms: 200 });
    expect(after.latenessP99Ms).toBe(200);
    expect(after.cluster.partitions[busyA]).toMatchObject({ dueTimers: 0, timerLagMs: null });

    // On Postgres the app’s own workers lease too: their IPC report (fresher than the heartbeat’s) updates their row, nothing is added.
    const leasing = { ...after, cluster: { ...after.cluster, appWorkerMode: 'lease' as const } };
    const ipc = { ...a.stats(), stepsPerSecond: 99 };
    const merged = withWorkers(leasing, [{ index: 0, pid: process.pid, restarts: 0, quickDeaths: 0, startedAt: T0, report: ipc }]);
    expect(merged.cluster.workers.map((w) => [w.id, w.stepsPerSecond])).toEqual([
      ['a', 99],
      ['b', after.cluster.workers[1].stepsPerSecond],
    ]);
    expect(merged.stepsPerSecond).toBe(99 + after.cluster.workers[1].stepsPerSecond!);
  });

  it('a worker that stopped heartbeating is shown silent and its partitions unowned until another takes them', async () => {
    const { clock, keeperA, caller } = cluster('stalled');
    // b stalls; a keeps beating. b’s leases run out TTL after its last renewal.
    const lastB = clock.now();
    for (let i = 0; i < 3; i++) {
      clock.advance(BEAT);
      keeperA.tick();
    }
    clock.set(lastB + 901);
    const stats = await caller.runtime.stats();
    expect(stats.cluster.workers.map((w) => [w.id, w.live, w.partitions])).toEqual([
      ['a', true, range(0, 32)],
      ['b', false, []],
    ]);
    expect(stats.cluster.unowned).toEqual(range(32, 64));
    expect(stats.cluster.partitions[40].owner).toBeNull();
    // a’s next rebalance takes them: nothing is unowned any more.
    keeperA.tick(undefined, true);
    expect((await caller.runtime.stats()).cluster.unowned).toEqual([]);
  });

  it('without lease-mode workers nothing is reported unowned; the app’s static workers join the list from their IPC reports', async () => {
    const f = path.join(dir, 'static.db');
    const db = openDb(f);
    const clock = new VirtualClock(T0);
    const web = new JourneyRuntime(db, clock, true);
    const onStore = web.stats();
    expect(onStore.cluster).toEqual({ workers: [], partitions: expect.any(Array), unowned: [], appWorkerMode: process.env.TEST_STORE === 'pg' ? 'lease' : 'static' });
    // As on SQLite, where the app’s supervisor gives its workers fixed shares (on Postgres they lease, and are listed from the database).
    const stats = { ...onStore, cluster: { ...onStore.cluster, appWorkerMode: 'static' as const } };
    const report = { index: 0, partitions: range(0, 64).filter((p) => p !== 5), processed: 7, timers: 2, stepsPerSecond: 3, latenessP50Ms: 10, latenessP99Ms: 40, inFlightSends: 1, at: T0 };
    const merged = withWorkers(stats, [{ index: 0, pid: 123, restarts: 0, quickDeaths: 0, startedAt: T0 - 1000, report }]);
    expect(merged.cluster.workers).toEqual([
      { id: 'worker-0', mode: 'static', host: os.hostname(), pid: 123, startedAt: T0 - 1000, heartbeatAt: T0, live: true, stopping: false, partitions: report.partitions, stepsPerSecond: 3, latenessP50Ms: 10, latenessP99Ms: 40, processed: 7, timers: 2, inFlightSends: 1 },
    ]);
    expect(merged.cluster.unowned).toEqual([5]);
    expect(merged.cluster.partitions[0].owner).toBe('worker-0');
    expect([merged.stepsPerSecond, merged.latenessP99Ms]).toEqual([3, 40]);
    // Before its first report a static worker is listed with its fixed share (1 of 2: the odd partitions), not as missing.
    const starting = withWorkers(stats, [
      { index: 0, pid: 123, restarts: 0, quickDeaths: 0, startedAt: T0, report: { ...report, partitions: range(0, 64).filter((p) => p % 2 === 0) } },
      { index: 1, pid: 124, restarts: 0, quickDeaths: 0, startedAt: T0, report: null },
    ]);
    expect(starting.cluster.workers[1]).toMatchObject({ id: 'worker-1', partitions: range(0, 64).filter((p) => p % 2 === 1), stepsPerSecond: null });
    expect(starting.cluster.unowned).toEqual([]);
    expect(starting.stepsPerSecond).toBe(3);
  });

  it('a caller without runtime:read is refused the stats', async () => {
    const db = openDb(':memory:');
    const runtime = new JourneyRuntime(db, new VirtualClock(T0), true);
    const ingestKey = appRouter.createCaller({ db, runtime, principal: { kind: 'key', id: 'k-ingest', name: 'ingest', scope: 'ingest' } });
    const err = await ingestKey.runtime.stats().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe('FORBIDDEN');
  });

  it('partition lists are shown compressed into ranges', () => {
    expect(compressRanges(range(0, 16))).toBe('0–15');
    expect(compressRanges([0, 1, 2, 5, 7, 8, 63])).toBe('0–2, 5, 7–8, 63');
    expect(compressRanges([])).toBe('');
  });
});
