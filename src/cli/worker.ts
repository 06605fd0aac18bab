import { setMemberEventIngest } from '@/channels/events';
import { getDb } from '@/db/client';
import { systemClock } from '@/runtime/clock';
import { EngineWorker } from '@/runtime/worker';

/**
 * `journey worker [--index I --count N]`: one engine worker against the app's
 * database. Started by the web app (one per core) or by hand. SIGTERM drains:
 * the pass in hand and the sends in flight finish, then it exits.
 */
export async function runWorkerCommand(index: number, count: number): Promise<number> {
  if (!Number.isInteger(index) || !Number.isInteger(count) || count < 1 || index < 0 || index >= count) {
    throw new Error(`worker needs 0 <= --index < --count, got --index ${index} --count ${count}`);
  }
  const db = getDb();
  // A worker may wait longer than the web app for the write lock: nobody waits on its event loop.
  db.$client.pragma('busy_timeout = 30000');
  const worker = new EngineWorker({
    index,
    count,
    db,
    clock: systemClock,
    // The app may be gone (the worker then stops on 'disconnect'): a report it cannot take is dropped, not thrown.
    report: (report) => {
      if (process.connected) process.send?.({ type: 'stats', report }, undefined, {}, () => {});
      // Started by the app, which has gone away (perhaps before the 'disconnect' listener below existed): stop too.
      else if (process.send) worker.stop();
    },
  });
  // A provider that reports a refused channel (revokeConsent) records `unsubscribed` through this worker's queued engine.
  setMemberEventIngest((events) => worker.runtime.ingest(events));
  const stop = () => worker.stop();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // Started by the web app: when it goes away (IPC closed), so does the worker.
  process.once('disconnect', stop);
  await worker.run();
  return 0;
}
