import { and, desc, eq, gte, sql } from 'drizzle-orm';
import type { Db } from './client';
import { events, journeys, publishRequests } from './schema';

export type PublishRequestRecord = typeof publishRequests.$inferSelect;

export function insertPublishRequest(db: Db, r: typeof publishRequests.$inferInsert): number {
  return Number(db.insert(publishRequests).values(r).run().lastInsertRowid);
}

export function publishRequestById(db: Db, id: number): PublishRequestRecord | undefined {
  return db.select().from(publishRequests).where(eq(publishRequests.id, id)).get();
}

/** Requests newest first with their journey's name; pending only unless `all`. */
export function listPublishRequests(db: Db, opts: { status?: PublishRequestRecord['status']; journeyId?: string; limit?: number } = {}) {
  return db
    .select({ request: publishRequests, journeyName: journeys.name })
    .from(publishRequests)
    .innerJoin(journeys, eq(journeys.id, publishRequests.journeyId))
    .where(and(opts.status ? eq(publishRequests.status, opts.status) : undefined, opts.journeyId ? eq(publishRequests.journeyId, opts.journeyId) : undefined))
    .orderBy(desc(publishRequests.requestedAt), desc(publishRequests.id))
    .limit(opts.limit ?? 100)
    .all()
    .map((r) => ({ ...r.request, journeyName: r.journeyName }));
}

/** Settles a pending request; false when it was no longer pending (decided by someone else meanwhile). */
export function decidePublishRequest(db: Db, id: number, d: { status: 'approved' | 'rejected'; decidedBy: string; decidedAt: number; comment: string | null }): boolean {
  return db.update(publishRequests).set(d).where(and(eq(publishRequests.id, id), eq(publishRequests.status, 'pending'))).run().changes > 0;
}

/** Distinct members who sent an event type since `since`: the trigger rate a publish is judged by. */
export function membersWithEventSince(db: Db, type: string, since: number): number {
  return (
    db
      .select({ n: sql<number>`count(distinct ${events.memberId})` })
      .from(events)
      .where(and(eq(events.type, type), gte(events.occurredAt, since)))
      .get()?.n ?? 0
  );
}

export function pendingCount(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(publishRequests).where(eq(publishRequests.status, 'pending')).get()?.n ?? 0;
}
