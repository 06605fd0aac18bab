import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { anniversaryInstant, evaluateCondition, localYear, nextTriggerRun, readPath, type EvalEnv, type ScheduledTrigger } from '@/journey';
import { journeys, members, triggerSchedules } from '@/db/schema';
import type { JourneyRuntime } from './engine';
import type { LoadedVersion } from './versions';

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
  const due = db
    .select({ versionId: triggerSchedules.versionId, lastRunAt: triggerSchedules.lastRunAt })
    .from(triggerSchedules)
    .innerJoin(journeys, and(eq(journeys.liveVersionId, triggerSchedules.versionId), eq(journeys.status, 'live')))
    .where(lte(triggerSchedules.nextRunAt, now))
    .all();
  let enrolled = 0;
  for (const { versionId, lastRunAt } of due) {
    const version = runtime.versions.get(versionId);
    const spec = version.trigger.kind.scheduled!(version.trigger.config);
    const candidates = spec.type === 'anniversary' ? anniversaryCandidates(runtime, spec, lastRunAt, now) : allMemberIds(runtime);
    for (let i = 0; i < candidates.length; i += CHUNK) {
      db.transaction(() => {
        runtime.refreshSegments();
        for (const memberId of candidates.slice(i, i + CHUNK)) {
          const env = runtime.envFor(memberId, now);
          if (env && inAudience(spec, env) && runtime.enrolIfAllowed(version, memberId, env)) enrolled++;
        }
      });
    }
    db.update(triggerSchedules).set({ lastRunAt: now, nextRunAt: nextTriggerRun(spec, now, false) }).where(eq(triggerSchedules.versionId, versionId)).run();
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

/** Members whose date (shifted by the offset, at local time) fell in (since, now]; checked on plain columns first. */
function anniversaryCandidates(runtime: JourneyRuntime, spec: Extract<ScheduledTrigger, { type: 'anniversary' }>, since: number, now: number): string[] {
  const rows = runtime.db
    .select({ id: members.id, tz: members.tz, birthday: members.birthday, joinDate: members.joinDate, attributes: members.attributes })
    .from(members)
    .orderBy(asc(members.id))
    .all();
  const out: string[] = [];
  for (const m of rows) {
    const date = readPath(m, spec.attr) ?? readPath(m.attributes, spec.attr.replace(/^attributes\./, ''));
    if (typeof date !== 'string') continue;
    const year = localYear(now, m.tz);
    for (const y of [year - 1, year, year + 1]) {
      const at = anniversaryInstant(date, y, spec.offsetDays, spec.at, m.tz);
      if (at !== null && at > since && at <= now) {
        out.push(m.id);
        break;
      }
    }
  }
  return out;
}

export type { LoadedVersion };
