import { and, asc, eq } from 'drizzle-orm';
import type { Db } from './client';
import { runRequests } from './schema';

export type RunRequest = typeof runRequests.$inferSelect;

export function enqueueRunRequest(db: Db, journeyId: string, requestedBy: string, now: number): RunRequest {
  return db.insert(runRequests).values({ journeyId, requestedBy, requestedAt: now, status: 'queued' }).returning().get();
}

export function runRequest(db: Db, id: number): RunRequest | undefined {
  return db.select().from(runRequests).where(eq(runRequests.id, id)).get();
}

/** The oldest queued request, marked running in the same (immediate) transaction so only one worker takes it. */
export function claimRunRequest(db: Db): RunRequest | undefined {
  return db.transaction(() => {
    const next = db.select().from(runRequests).where(eq(runRequests.status, 'queued')).orderBy(asc(runRequests.id)).limit(1).get();
    if (!next) return undefined;
    // Postgres has no write lock taken up front: another worker may read the same row meanwhile; the update that
    // still finds it queued (the other waits for it, then finds it running) is the one that claims it.
    const claimed = db.update(runRequests).set({ status: 'running' }).where(and(eq(runRequests.id, next.id), eq(runRequests.status, 'queued'))).run().changes > 0;
    return claimed ? next : undefined;
  });
}

/** Whether a request waits: the worker's cheap poll, outside any transaction. */
export function hasQueuedRunRequest(db: Db): boolean {
  return db.select({ id: runRequests.id }).from(runRequests).where(eq(runRequests.status, 'queued')).limit(1).get() !== undefined;
}

export function finishRunRequest(db: Db, id: number, outcome: { audience: number; enrolled: number } | { error: string }, now: number): void {
  const set = 'error' in outcome ? { status: 'failed' as const, error: outcome.error.slice(0, 500) } : { status: 'done' as const, ...outcome };
  db.update(runRequests).set({ ...set, finishedAt: now }).where(eq(runRequests.id, id)).run();
}

/**
 * A request left running by a worker that died: queued again. Running it again is safe, the journey's entry
 * rules (re-entry, minimum interval) keep anyone enrolled the first time from being enrolled twice.
 */
export function requeueInterruptedRuns(db: Db): number {
  return db.update(runRequests).set({ status: 'queued' }).where(and(eq(runRequests.status, 'running'))).run().changes;
}
