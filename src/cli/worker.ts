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
  // Workers share the write lock with each other and the web app; on a loaded machine a holder can be descheduled for
  // seconds, and a worker should wait for it rather than fail the pass.
  db.$client.pragma('busy_timeout = 30000');
  const worker = new EngineWorker({
    index,
    count,
    db,
    clock: systemClock,
    report: (report) => process.send?.({ type: 'stats', report }),
  });
  const stop = () => worker.stop();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // Started by the web app: when it goes away (IPC closed), so does the worker.
  process.once('disconnect', stop);
  await worker.run();
  return 0;
}
