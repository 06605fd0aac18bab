import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { anniversaryInstant, evaluateCondition, nextTriggerRun, readPath, type EvalEnv, type ScheduledTrigger } from '@/journey';
import { journeys, members, triggerSchedules } from '@/db/schema';
import { prepared } from '@/db/prepared';
import type { JourneyRuntime } from './engine';

const CHUNK = 500;

/** The earliest pending run of a live journey's time-driven trigger. */
export function nextTriggerDue(runtime: JourneyRuntime): number | null {
  const row = runtime.db
    .select({ t: sql<number | null>`min(${triggerSchedules.nextRunAt})` })
    .from(triggerSchedules)
    .innerJoin(journeys, and(eq(journeys.liveVersionId, triggerSchedules.versionId), eq(journeys.status, 'live')))
    .get();
  return row?.t ?? null;
}

/**
 * Runs due audience, holiday and anniversary triggers: every member who
 * matches is enrolled (entry rules apply), a chunk of members per transaction.
 */
export function fireDueTriggers(runtime: JourneyRuntime): number {
  const { db } = runtime;
  const now = runtime.clock.now();
  // Polled by engine worker 0 on every pass: a prepared look first, the full query only when something is due.
  if (!prepared(db, 'select 1 from trigger_schedules where next_run_at <= ? limit 1').get(now)) return 0;
  const due = db
    .select({ versionId: triggerSchedules.versionId, lastRunAt: triggerSchedules.lastRunAt, cursor: triggerSchedules.cursor })
    .from(triggerSchedules)
    .innerJoin(journeys, and(eq(journeys.liveVersionId, triggerSchedules.versionId), eq(journeys.status, 'live')))
    .where(lte(triggerSchedules.nextRunAt, now))
    .all();
  let enrolled = 0;
  for (const { versionId, lastRunAt, cursor } of due) {
    const version = runtime.versions.get(versionId);
    const spec = version.trigger.kind.scheduled!(version.trigger.config);
    // The cursor is "runAt|lastMemberId": a run cut short by a crash resumes at the
    // same instant after the last member it committed, so nobody is enrolled twice or skipped.
    const [resumeAt, after] = cursor ? [Number(cursor.split('|')[0]), cursor.split('|')[1]] : [now, ''];
    const saveCursor = prepared(db, 'update trigger_schedules set cursor = ? where version_id = ?');
    if (!cursor) saveCursor.run(`${resumeAt}|`, versionId);
    const scan = spec.type === 'anniversary' ? anniversaryScan(runtime, spec, lastRunAt, resumeAt) : null;
    const candidates = (scan ? scan.due : allMemberIds(runtime)).filter((id) => id > after);
    for (let i = 0; i < candidates.length; i += CHUNK) {
      const chunk = candidates.slice(i, i + CHUNK);
      runtime.transaction(() => {
        runtime.refreshSegments();
        runtime.prefetchMembers(chunk);
        for (const memberId of chunk) {
          const env = runtime.envFor(memberId, resumeAt);
          if (env && inAudience(spec, env) && runtime.enrolIfAllowed(version, memberId, env)) enrolled++;
        }
        saveCursor.run(`${resumeAt}|${chunk[chunk.length - 1]}`, versionId);
      });
    }
    const nextRunAt = scan ? scan.next : nextTriggerRun(spec, resumeAt, false);
    db.update(triggerSchedules).set({ lastRunAt: resumeAt, nextRunAt, cursor: null }).where(eq(triggerSchedules.versionId, versionId)).run();
  }
  return enrolled;
}

function inAudience(spec: ScheduledTrigger, env: EvalEnv): boolean {
  const condition = spec.type === 'audience' && spec.segment ? { segment: spec.segment } : spec.condition;
  return condition ? evaluateCondition(condition, env) : true;
}

function allMemberIds(runtime: JourneyRuntime): string[] {
  return runtime.db.select({ id: members.id }).from(members).orderBy(asc(members.id)).all().map((m) => m.id);
}

const DAY = 24 * 3600 * 1000;
/** A UTC day boundary can be up to 14 hours away from any member's local one. */
const ZONE_SLACK = 1.1 * DAY;

interface AnniversaryScan {
  due: string[];
  /** The next exact anniversary instant within a day, or a day from now to pick up edited profiles. */
  next: number;
}

/**
 * Members whose date (shifted by the offset, at local time) fell in (since, now].
 * A cheap UTC pre-check on plain columns narrows the members before exact
 * time-zone arithmetic, and the scan also finds when the next one falls due,
 * so runs happen exactly when someone's moment arrives.
 */
function anniversaryScan(runtime: JourneyRuntime, spec: Extract<ScheduledTrigger, { type: 'anniversary' }>, since: number, now: number): AnniversaryScan {
  const rows = prepared(runtime.db, 'select id, tz, birthday, join_date as joinDate, attributes from members where erased_at is null order by id').all() as {
    id: string;
    tz: string;
    birthday: string | null;
    joinDate: string | null;
    attributes: string;
  }[];
  const column = spec.attr === 'birthday' || spec.attr === 'joinDate';
  const due: string[] = [];
  let next = now + DAY;
  for (const m of rows) {
    const date = column ? readPath(m, spec.attr) : readPath(JSON.parse(m.attributes), spec.attr.replace(/^attributes\./, ''));
    if (typeof date !== 'string') continue;
    const month = Number(date.slice(5, 7)) - 1;
    const day = Number(date.slice(8, 10));
    const firstYear = new Date(since).getUTCFullYear();
    for (let y = firstYear - 1; y <= firstYear + 1; y++) {
      const approx = Date.UTC(y, month, day) + spec.offsetDays * DAY;
      if (approx < since - ZONE_SLACK || approx > now + DAY + ZONE_SLACK) continue;
      const at = anniversaryInstant(date, y, spec.offsetDays, spec.at, m.tz);
      if (at === null) continue;
      if (at > since && at <= now) due.push(m.id);
      else if (at > now && at < next) next = at;
    }
  }
  return { due, next };
}

