import { setMemberEventIngest } from '@/channels/events';
import { getDb, type Db } from '@/db/client';
import { systemClock } from './clock';
import { JourneyRuntime } from './engine';
import { ensureDemoData } from './demo-seed';
import { WorkerSupervisor, type WorkerState } from './supervisor';

interface AppRuntime {
  db: Db;
  /** Queued: requests only accept events into the inbox; the engine workers step members. */
  runtime: JourneyRuntime;
}

// Kept on globalThis so route modules bundled separately share one runtime and one set of workers.
const holder = globalThis as unknown as { __journeyApp?: AppRuntime; __journeyWorkers?: WorkerSupervisor };

// Channel callbacks (receipts, clicks, unsubscribes, read receipts) reach the engine through the app runtime.
setMemberEventIngest((events) => getAppRuntime().runtime.ingest(events));

export function getAppRuntime(): AppRuntime {
  if (!holder.__journeyApp) {
    const db = getDb();
    // The seed replays weeks of behaviour on a virtual clock in this process, before any worker starts.
    if (process.env.SEED_DEMO !== '0') ensureDemoData(db);
    holder.__journeyApp = { db, runtime: new JourneyRuntime(db, systemClock, true) };
  }
  return holder.__journeyApp;
}

/**
 * Starts the engine workers (child processes, one per core unless
 * ENGINE_WORKERS says otherwise): they process the inbox, fire timers and
 * triggers, settle effects and send messages. They stop with the app.
 */
export function startEngineWorkers(): WorkerSupervisor {
  if (holder.__journeyWorkers) return holder.__journeyWorkers;
  const { runtime } = getAppRuntime();
  const supervisor = new WorkerSupervisor({ log: (line) => console.warn(line) });
  supervisor.start();
  runtime.onAccepted = () => supervisor.wake();
  holder.__journeyWorkers = supervisor;
  // No signal handlers here: when the app exits, the workers' IPC channel closes and they drain and stop by themselves.
  return supervisor;
}

/** The engine workers' latest reports, for `runtime.stats` (empty outside the started app). */
export function engineWorkers(): WorkerState[] {
  return holder.__journeyWorkers?.workers() ?? [];
}

/** Whether this process is the started app with its engine workers (then heavy work such as test runs goes off-thread too). */
export function engineStarted(): boolean {
  return holder.__journeyWorkers !== undefined;
}
