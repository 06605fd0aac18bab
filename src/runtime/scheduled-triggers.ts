import { anniversaryInstant, evaluateCondition, nextTriggerRun, readPath, type EvalEnv, type ScheduledTrigger } from '@/journey';
import type { Db } from '@/db/client';
import { allMemberIds, anniversaryRows, anyTriggerDue, dueTriggers, earliestTriggerRun, finishTriggerRun, saveTriggerCursor } from '@/db/trigger-schedules';
import type { Clock } from './clock';
import type { LoadedVersion } from './versions';

const CHUNK = 500;

/**
 * What the scheduled triggers need from the engine (JourneyRuntime provides
 * it): its database and clock, its live versions, and enrolling a member in a
 * transaction exactly as an event would. Nothing else of the runtime.
 */
export interface TriggerHost {
  readonly db: Db;
  readonly clock: Clock;
  readonly versions: { get(versionId: number): LoadedVersion };
  transaction<T>(fn: () => T): T;
  /** Re-reads segment definitions for the members evaluated next. */
  refreshSegments(): void;
  /** Loads these members' facts in a few queries before they are evaluated one by one. */
  prefetchMembers(memberIds: string[]): void;
  /** What conditions see about the member at `now`; null for an unknown or erased member. */
  envFor(memberId: string, now: number): EvalEnv | null;
  /** Enrols the member if the version's entry rules allow it; true when enrolled. */
  enrolIfAllowed(version: LoadedVersion, memberId: string, env: EvalEnv): boolean;
}

/** The earliest pending run of a live journey's time-driven trigger. */
export function nextTriggerDue(host: Pick<TriggerHost, 'db'>): number | null {
  return earliestTriggerRun(host.db);
}

/**
 * Runs due audience, holiday and anniversary triggers: every member who
 * matches is enrolled (entry rules apply), a chunk of members per transaction.
 */
export function fireDueTriggers(runtime: TriggerHost): number {
  const { db } = runtime;
  const now = runtime.clock.now();
  // Polled by engine worker 0 on every pass: a prepared look first, the full query only when something is due.
  if (!anyTriggerDue(db, now)) return 0;
  const due = dueTriggers(db, now);
  let enrolled = 0;
  for (const { versionId, lastRunAt, cursor } of due) {
    const version = runtime.versions.get(versionId);
    const spec = version.trigger.kind.scheduled!(version.trigger.config);
    // The cursor is "runAt|lastMemberId": a run cut short by a crash resumes at the
    // same instant after the last member it committed, so nobody is enrolled twice or skipped.
    const [resumeAt, after] = cursor ? [Number(cursor.split('|')[0]), cursor.split('|')[1]] : [now, ''];
    if (!cursor) saveTriggerCursor(db, versionId, `${resumeAt}|`);
    const scan = spec.type === 'anniversary' ? anniversaryScan(db, spec, lastRunAt, resumeAt) : null;
    const candidates = (scan ? scan.due : allMemberIds(db)).filter((id) => id > after);
    for (let i = 0; i < candidates.length; i += CHUNK) {
      const chunk = candidates.slice(i, i + CHUNK);
      runtime.transaction(() => {
        runtime.refreshSegments();
        runtime.prefetchMembers(chunk);
        for (const memberId of chunk) {
          const env = runtime.envFor(memberId, resumeAt);
          if (env && inAudience(spec, env) && runtime.enrolIfAllowed(version, memberId, env)) enrolled++;
        }
        saveTriggerCursor(db, versionId, `${resumeAt}|${chunk[chunk.length - 1]}`);
      });
    }
    const nextRunAt = scan ? scan.next : nextTriggerRun(spec, resumeAt, false);
    finishTriggerRun(db, versionId, resumeAt, nextRunAt);
  }
  return enrolled;
}

function inAudience(spec: ScheduledTrigger, env: EvalEnv): boolean {
  const condition = spec.type === 'audience' && spec.segment ? { segment: spec.segment } : spec.condition;
  return condition ? evaluateCondition(condition, env) : true;
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
function anniversaryScan(db: Db, spec: Extract<ScheduledTrigger, { type: 'anniversary' }>, since: number, now: number): AnniversaryScan {
  const rows = anniversaryRows(db);
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

