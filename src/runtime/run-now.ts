import {
  anniversaryInstant,
  evaluateCondition,
  getNodeKind,
  nextCronRun,
  readPath,
  triggerNodeOf,
  type Condition,
  type EventFacts,
  type JourneyDocument,
  type ScheduledTrigger,
} from '@/journey';
import type { Db } from '@/db/client';
import { liveVersionOf } from '@/db/journey-versions';
import { liveMemberIds, loadHistory, loadManyMemberFacts, loadSegmentDefs } from '@/db/member-facts';
import { anniversaryRow, anniversaryRows, type AnniversaryRow } from '@/db/trigger-schedules';
import type { TriggerHost } from './scheduled-triggers';
import { claimRunRequest, enqueueRunRequest, finishRunRequest, hasQueuedRunRequest, type RunRequest } from '@/db/run-requests';

/**
 * What a time-driven trigger (trigger.segment / trigger.date / trigger.schedule) will do next, and "run now".
 * Kept apart from the scheduler loop (scheduled-triggers.ts) so it can move onto an engine worker as is:
 * `runNow` needs only a runtime, `upcomingRuns` only a database.
 */

const DAY = 24 * 3600 * 1000;
const BATCH = 500;

export interface UpcomingRun {
  at: number;
  /** The zone the run is scheduled in: the cron's, or the members' own for an anniversary (the most common one). */
  tz: string;
  /** Members the run would enrol if it ran with today's data (entry rules may still turn some away). */
  audience: number;
}

export interface Upcoming {
  type: ScheduledTrigger['type'];
  runs: UpcomingRun[];
}

/** The trigger's schedule spec, or null when the document's trigger is not time-driven. */
export function scheduleOf(doc: JourneyDocument): ScheduledTrigger | null {
  const node = triggerNodeOf(doc);
  const def = node && getNodeKind(node.kind);
  if (!node || !def?.scheduled) return null;
  const parsed = def.configSchema.safeParse(node.config ?? {});
  return parsed.success ? def.scheduled(parsed.data) : null;
}

function audienceCondition(spec: ScheduledTrigger): Condition | undefined {
  return spec.type === 'audience' && spec.segment ? { segment: spec.segment } : spec.condition;
}

/** Of `ids`, those the condition selects now, evaluated exactly as in a journey. */
function matching(db: Db, ids: string[], condition: Condition | undefined, now: number): string[] {
  if (!condition) return ids;
  const segments = loadSegmentDefs(db);
  const out: string[] = [];
  for (let i = 0; i < ids.length; i += BATCH) {
    for (const [id, member] of loadManyMemberFacts(db, ids.slice(i, i + BATCH))) {
      let history: EventFacts[] | undefined;
      if (evaluateCondition(condition, { now, member, segments, history: () => (history ??= loadHistory(db, id, now)) })) out.push(id);
    }
  }
  return out;
}

/** A member's date columns, as the anniversary scan reads them. */
type DateRow = AnniversaryRow;

/** A member's next anniversary instant strictly after `after` (this year or next), in their own zone. */
export function nextAnniversary(spec: Extract<ScheduledTrigger, { type: 'anniversary' }>, m: DateRow, after: number): number | null {
  const column = spec.attr === 'birthday' || spec.attr === 'joinDate';
  const date = column ? readPath(m, spec.attr) : readPath(JSON.parse(m.attributes || '{}'), spec.attr.replace(/^attributes\./, ''));
  if (typeof date !== 'string') return null;
  const year = new Date(after).getUTCFullYear();
  for (let y = year - 1; y <= year + 1; y++) {
    const at = anniversaryInstant(date, y, spec.offsetDays, spec.at, m.tz);
    if (at !== null && at > after) return at;
  }
  return null;
}

/** Anniversary runs grouped by instant: members who share a local date and zone run together. */
function anniversaryGroups(db: Db, spec: Extract<ScheduledTrigger, { type: 'anniversary' }>, now: number) {
  const rows = anniversaryRows(db);
  const groups = new Map<number, { ids: string[]; zones: Map<string, number> }>();
  for (const m of rows) {
    const at = nextAnniversary(spec, m, now);
    if (at === null || at > now + 400 * DAY) continue;
    const g = groups.get(at) ?? groups.set(at, { ids: [], zones: new Map() }).get(at)!;
    g.ids.push(m.id);
    g.zones.set(m.tz, (g.zones.get(m.tz) ?? 0) + 1);
  }
  return [...groups.entries()].sort((a, b) => a[0] - b[0]);
}

/** The next `count` runs of the document's time-driven trigger with their estimated audience; null for event triggers. */
export function upcomingRuns(db: Db, doc: JourneyDocument, now: number, count = 3): Upcoming | null {
  const spec = scheduleOf(doc);
  if (!spec) return null;
  const condition = audienceCondition(spec);
  if (spec.type === 'anniversary') {
    const runs: UpcomingRun[] = [];
    for (const [at, g] of anniversaryGroups(db, spec, now)) {
      const audience = matching(db, g.ids, condition, now).length;
      if (audience === 0) continue;
      const tz = [...g.zones.entries()].sort((a, b) => b[1] - a[1])[0][0];
      runs.push({ at, tz, audience });
      if (runs.length === count) break;
    }
    return { type: spec.type, runs };
  }
  const tz = spec.tz ?? 'Asia/Shanghai';
  const times: number[] = [];
  if (spec.once) times.push(Math.max(now, Date.parse(spec.once)));
  else if (spec.cron) {
    let t = now;
    for (let i = 0; i < count; i++) {
      const next = nextCronRun(spec.cron, tz, t);
      if (next === null) break;
      times.push(next);
      t = next;
    }
  }
  const audience = matching(db, liveMemberIds(db), condition, now).length;
  return { type: spec.type, runs: times.map((at) => ({ at, tz, audience })) };
}

/**
 * When a test run of this member should start: the trigger's real time for them (their next anniversary,
 * the next scheduled run), so quiet hours and waits behave as they will. Null for event triggers.
 */
export function firstRunFor(db: Db, doc: JourneyDocument, memberId: string, now: number): number | null {
  const spec = scheduleOf(doc);
  if (!spec) return null;
  if (spec.type === 'anniversary') {
    const m = anniversaryRow(db, memberId);
    return m ? nextAnniversary(spec, m, now) : null;
  }
  if (spec.once) return Math.max(now, Date.parse(spec.once));
  return spec.cron ? nextCronRun(spec.cron, spec.tz ?? 'Asia/Shanghai', now) : null;
}

export class RunNowError extends Error {}

/** The live version and its schedule, or a RunNowError saying why this journey cannot run now. */
function runnable(runtime: TriggerHost, journeyId: string) {
  const j = liveVersionOf(runtime.db, journeyId);
  if (!j) throw new RunNowError(`Journey "${journeyId}" not found`);
  if (j.versionId === null || j.status !== 'live') throw new RunNowError('Only a live journey can run now: publish it (or resume it) first');
  const version = runtime.versions.get(j.versionId);
  const spec = version.trigger.kind.scheduled?.(version.trigger.config);
  if (!spec) throw new RunNowError('This journey starts on an event, not on a schedule');
  return { version, spec };
}

/**
 * "Run now" in the started app: checked here (a journey that cannot run says why at once), carried out by
 * engine worker 0 (runQueuedRunNow), so enrolling a large audience never holds the web app's thread.
 */
export function requestRunNow(runtime: TriggerHost, journeyId: string, requestedBy: string): RunRequest {
  runnable(runtime, journeyId);
  return enqueueRunRequest(runtime.db, journeyId, requestedBy, runtime.clock.now());
}

/** Runs the oldest queued "run now" (engine worker 0, on each pass); true when there was one. */
export function runQueuedRunNow(runtime: TriggerHost): boolean {
  if (!hasQueuedRunRequest(runtime.db)) return false;
  // Through the runtime's transaction: a lease-mode worker fences it, so one that lost partition 0 takes no request.
  const request = runtime.transaction(() => claimRunRequest(runtime.db));
  if (!request) return false;
  try {
    finishRunRequest(runtime.db, request.id, runNow(runtime, request.journeyId), runtime.clock.now());
  } catch (err) {
    // Paused or archived since it was asked for: the request says so; anything else is a fault the worker logs.
    finishRunRequest(runtime.db, request.id, { error: (err as Error).message }, runtime.clock.now());
    if (!(err instanceof RunNowError)) throw err;
  }
  return true;
}

/**
 * "Run now": enrols the next run's audience at once, through the same entry rules as a scheduled run
 * (re-entry, minimum interval, window), so running now and then at the scheduled time reaches nobody twice
 * unless the journey allows it. For an anniversary the next run is the members whose date comes up next.
 */
export function runNow(runtime: TriggerHost, journeyId: string): { enrolled: number; audience: number } {
  const { db } = runtime;
  const { version, spec } = runnable(runtime, journeyId);
  const now = runtime.clock.now();
  const ids =
    spec.type === 'anniversary'
      ? (anniversaryGroups(db, spec, now)[0]?.[1].ids ?? [])
      : liveMemberIds(db);
  const audience = matching(db, ids, audienceCondition(spec), now);
  let enrolled = 0;
  for (let i = 0; i < audience.length; i += BATCH) {
    const chunk = audience.slice(i, i + BATCH);
    runtime.transaction(() => {
      runtime.refreshSegments();
      runtime.prefetchMembers(chunk);
      for (const memberId of chunk) {
        const env = runtime.envFor(memberId, now);
        if (env && runtime.enrolIfAllowed(version, memberId, env)) enrolled++;
      }
    });
  }
  return { enrolled, audience: audience.length };
}
