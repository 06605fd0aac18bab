import { getDb, type Db } from '@/db/client';
import { systemClock } from './clock';
import { JourneyRuntime } from './engine';
import { ensureDemoData } from './demo-seed';
import { deliverWebhooks } from './webhooks';

interface AppRuntime {
  db: Db;
  runtime: JourneyRuntime;
}

// Kept on globalThis so route modules bundled separately share one engine and one timer loop.
const holder = globalThis as unknown as { __journeyApp?: AppRuntime; __journeyLoop?: ReturnType<typeof setInterval> };

export function getAppRuntime(): AppRuntime {
  if (!holder.__journeyApp) {
    const db = getDb();
    if (process.env.SEED_DEMO !== '0') ensureDemoData(db);
    holder.__journeyApp = { db, runtime: new JourneyRuntime(db, systemClock) };
  }
  return holder.__journeyApp;
}

/** The durable timer loop inside the started app: due waits fire and the outbox drains within ~200 ms. */
export function startRuntimeLoop(intervalMs = 200): void {
  if (holder.__journeyLoop) return;
  const { runtime } = getAppRuntime();
  let busy = false;
  holder.__journeyLoop = setInterval(() => {
    if (busy) return;
    busy = true;
    try {
      runtime.fireDueTriggers();
      while (runtime.fireDueTimers() > 0);
      while (runtime.deliverOutbox() > 0);
    } catch (err) {
      console.error('[runtime loop]', err);
    }
    deliverWebhooks(runtime.db, Date.now())
      .catch((err) => console.error('[webhooks]', err))
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  holder.__journeyLoop.unref?.();
}
