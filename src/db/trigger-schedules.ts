import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Db } from './client';
import { prepared } from './prepared';
import { journeys, members, triggerSchedules } from './schema';

// The rows behind time-driven triggers (audience, holiday, anniversary): one per live version, with its next run
// and a cursor so a run cut short resumes. The runs themselves are in src/runtime/scheduled-triggers.ts.

type Schedule = typeof triggerSchedules.$inferSelect;
type Member = typeof members.$inferSelect;

/** Joins each schedule to a journey whose live version it belongs to, and that is live (not paused). */
const ofLiveJourney = and(eq(journeys.liveVersionId, triggerSchedules.versionId), eq(journeys.status, 'live'));

/** The earliest pending run of a live journey's time-driven trigger. */
export function earliestTriggerRun(db: Db): number | null {
  const row = db
    .select({ t: sql<number | null>`min(${triggerSchedules.nextRunAt})` })
    .from(triggerSchedules)
    .innerJoin(journeys, ofLiveJourney)
    .get();
  return row?.t ?? null;
}

/** A cheap look (prepared, polled on every pass of engine worker 0): is any schedule due, live or not? */
export function anyTriggerDue(db: Db, now: number): boolean {
  return prepared(db, 'select 1 from trigger_schedules where next_run_at <= ? limit 1').get(now) !== undefined;
}

/** The live journeys' schedules due at `now`. */
export function dueTriggers(db: Db, now: number): Pick<Schedule, 'versionId' | 'lastRunAt' | 'cursor'>[] {
  return db
    .select({ versionId: triggerSchedules.versionId, lastRunAt: triggerSchedules.lastRunAt, cursor: triggerSchedules.cursor })
    .from(triggerSchedules)
    .innerJoin(journeys, ofLiveJourney)
    .where(lte(triggerSchedules.nextRunAt, now))
    .all();
}

/** Where a run in progress has got to ("runAt|lastMemberId"). */
export function saveTriggerCursor(db: Db, versionId: number, cursor: string): void {
  prepared(db, 'update trigger_schedules set cursor = ? where version_id = ?').run(cursor, versionId);
}

/** A run is complete: when it ran, when the next is due, and no cursor. */
export function finishTriggerRun(db: Db, versionId: number, lastRunAt: number, nextRunAt: number | null): void {
  db.update(triggerSchedules).set({ lastRunAt, nextRunAt, cursor: null }).where(eq(triggerSchedules.versionId, versionId)).run();
}

/** Every member id in id order (erased members too: their env is null, so they are never enrolled). */
export function allMemberIds(db: Db): string[] {
  return db.select({ id: members.id }).from(members).orderBy(asc(members.id)).all().map((m) => m.id);
}

/** What an anniversary scan reads of each live member (attributes still JSON text). */
export type AnniversaryRow = Pick<Member, 'id' | 'tz' | 'birthday' | 'joinDate'> & { attributes: string };

export function anniversaryRows(db: Db): AnniversaryRow[] {
  return prepared(db, 'select id, tz, birthday, join_date as joinDate, attributes from members where erased_at is null order by id').all() as AnniversaryRow[];
}

/** One member's date columns (erased or not); undefined for an unknown id. */
export function anniversaryRow(db: Db, memberId: string): AnniversaryRow | undefined {
  return prepared(db, 'select id, tz, birthday, join_date as joinDate, attributes from members where id = ?').get(memberId) as AnniversaryRow | undefined;
}
