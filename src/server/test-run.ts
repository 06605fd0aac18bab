import { maskEmail, maskPhone } from '@/analytics/masking';
import { memberPaths, type MemberJourneyPath } from '@/analytics/member-path';
import type { Db } from '@/db/client';
import { openDb } from '@/db/client';
import { createJourney, publishJourney } from '@/db/journeys';
import { JourneyInvalidError, getNodeKind, journeyDocumentSchema, triggerNodeOf, validateJourney, type JourneyDocument } from '@/journey';
import { VirtualClock } from '@/runtime/clock';
import { isStepBudgetExceeded, JourneyRuntime } from '@/runtime/engine';
import { copyMemberInto } from '@/db/member-copy';
import { copyPoolsForTestRun } from '@/db/coupons';
import { loadMemberFacts } from '@/db/member-facts';
import { firstRunFor } from '@/runtime/run-now';

export interface TestRunInput {
  document: JourneyDocument;
  /** The member to copy from the workspace (profile, tags, groups, consent, recent events). */
  memberId: string;
  /** Events the member does after entering, by offset from the start in ms. */
  events?: { afterMs: number; type: string; properties?: Record<string, unknown> }[];
  /** How long to run on the virtual clock (default 30 days). */
  horizonMs?: number;
  start?: number;
}

const DAY = 24 * 3600 * 1000;
/** One member rarely takes more than a few hundred steps in a year; a draft looping through short waits is stopped here. */
export const TEST_RUN_MAX_STEPS = 2_000;

/** A test run that hit its step or time limit: answered as a clear 400, not a crash. */
export class TestRunLimitError extends Error {
  readonly name = 'TestRunLimitError';
}

/**
 * Runs a draft for one member on a virtual clock in a throwaway in-memory
 * database — the real engine and sending policy, nothing sent for real — and
 * returns the member's path with effects and policy decisions.
 */
/** `maskPii`: for callers without pii:read the copy holds masked phone, email and birth year, so rendered messages show no more than the UI would. */
export function testRun(app: Db, input: TestRunInput, opts: { maskPii?: boolean } = {}): MemberJourneyPath | null {
  const problems = validateJourney(input.document);
  if (problems.length) throw new JourneyInvalidError(problems);
  const doc = journeyDocumentSchema.parse(input.document);
  // A time-driven trigger starts the member at its real time for them (their birthday run, the next cron run),
  // so quiet hours and waits behave as they will live; event triggers start now.
  const start = input.start ?? firstRunFor(app, doc, input.memberId, Date.now()) ?? Date.now();
  const facts = loadMemberFacts(app, input.memberId);
  if (!facts) throw new Error(`Unknown member "${input.memberId}"`);

  const db = openDb(':memory:');
  try {
    copyMember(app, db, input.memberId, !!opts.maskPii);
    // Coupon pools with placeholder codes: a reward from a pool shows whether it would issue a code, using none.
    copyPoolsForTestRun(app, db, start);
    const clock = new VirtualClock(start);
    const journeyId = createJourney(db, { name: doc.name, document: doc, preferredId: doc.id, now: start });
    const published = publishJourney(db, journeyId, start);
    if (!published.ok) throw new JourneyInvalidError(published.problems);
    const runtime = new JourneyRuntime(db, clock);
    runtime.stepBudget = TEST_RUN_MAX_STEPS;
    const version = runtime.versions.get(published.version.id);
    // An event-driven trigger starts the member with the event it listens for.
    const trigger = triggerNodeOf(doc);
    const triggerKind = getNodeKind(trigger.kind)!;
    const startEvent = triggerKind.listensTo?.(triggerKind.configSchema.parse(trigger.config ?? {}))[0]?.event;
    if (startEvent) {
      runtime.ingest([{ memberId: input.memberId, type: startEvent, properties: {} }]);
    } else {
      // Time-driven triggers: start the member now rather than waiting for the schedule.
      runtime.transaction(() => {
        runtime.refreshSegments();
        const env = runtime.envFor(input.memberId, start);
        if (env) runtime.enrolIfAllowed(version, input.memberId, env);
      });
    }
    const setTime = (t: number) => clock.set(t);
    for (const e of [...(input.events ?? [])].sort((a, b) => a.afterMs - b.afterMs)) {
      runtime.runUntil(start + e.afterMs, setTime);
      runtime.ingest([{ memberId: input.memberId, type: e.type, properties: e.properties ?? {} }]);
    }
    runtime.runUntil(start + (input.horizonMs ?? 30 * DAY), setTime);
    return memberPaths(db, input.memberId)[0] ?? null;
  } catch (err) {
    if (isStepBudgetExceeded(err)) throw new TestRunLimitError(`The test run stopped after ${TEST_RUN_MAX_STEPS.toLocaleString('en')} steps: the journey loops without a real wait. Add a wait to the loop or shorten the horizon.`);
    throw err;
  } finally {
    db.$client.close();
  }
}

function copyMember(from: Db, to: Db, memberId: string, maskPii: boolean): void {
  copyMemberInto(from, to, memberId, (row) => {
    if (!maskPii) return;
    row.phone = maskPhone(row.phone as string | null);
    row.email = maskEmail(row.email as string | null);
    // Month and day stay, so anniversary triggers still fire on the right day; 2000 keeps 29 February valid.
    if (typeof row.birthday === 'string') row.birthday = `2000-${row.birthday.slice(5)}`;
  });
}
