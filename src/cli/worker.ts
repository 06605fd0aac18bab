import { setMemberEventIngest } from '@/channels/events';
import { closeSmtpPools } from '@/channels/providers/smtp-pool';
import { getDb, useAsWorkerConnection } from '@/db/client';
import { analyzeEngineTables } from '@/db/pg/maintenance';
import { systemClock } from '@/runtime/clock';
import { LeaseKeeper } from '@/runtime/leases';
import { EngineWorker } from '@/runtime/worker';

/**
 * `journey worker [--index I --count N]`: one engine worker against the app's
 * database. Started by the web app (one per core) or by hand. With --index and
 * --count it owns the partitions `p % N === I`; without them it takes its share
 * through partition leases, so any number of workers on any machines can run
 * side by side (lease mode). SIGTERM drains: the pass in hand and the sends in
 * flight finish, leases are given back, then it exits.
 */
export async function runWorkerCommand(share: { index: number; count: number } | null): Promise<number> {
  if (share) {
    const { index, count } = share;
    if (!Number.isInteger(index) || !Number.isInteger(count) || count < 1 || index < 0 || index >= count) {
      throw new Error(`worker needs 0 <= --index < --count, got --index ${index} --count ${count}`);
    }
  }
  const db = getDb();
  useAsWorkerConnection(db);
  // Postgres: the planner's statistics may predate the rows (a young database); a no-op on SQLite.
  analyzeEngineTables(db, (line) => console.warn(line));
  const leases = share ? undefined : new LeaseKeeper({ db, log: (line) => console.warn(line) });
  const worker = new EngineWorker({
    ...(share ?? {}),
    leases,
    db,
    clock: systemClock,
    // The app may be gone (the worker then stops on 'disconnect'): a report it cannot take is dropped, not thrown.
    report: (report) => {
      if (process.connected) process.send?.({ type: 'stats', report }, undefined, {}, () => {});
      // Started by the app, which has gone away (perhaps before the 'disconnect' listener below existed): stop too.
      else if (process.send) worker.stop();
    },
  });
  if (leases) process.stdout.write(JSON.stringify({ worker: leases.id, mode: 'lease', ttlMs: leases.ttlMs, partitions: worker.partitions }) + '\n');
  // A provider that reports a refused channel (revokeConsent) records `unsubscribed` through this worker's queued engine.
  setMemberEventIngest((events) => worker.runtime.ingest(events));
  const stop = () => worker.stop();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // Started by the web app: when it goes away (IPC closed), so does the worker. It says when it accepted events.
  process.once('disconnect', stop);
  process.on('message', (m: unknown) => {
    if ((m as { type?: string } | null)?.type === 'wake') worker.wake();
  });
  await worker.run();
  // The sends have drained: pooled SMTP connections would otherwise keep the process alive until they idle out.
  closeSmtpPools();
  if (leases) process.stdout.write(JSON.stringify({ worker: leases.id, stopped: true, processed: worker.stats().processed }) + '\n');
  return 0;
}
