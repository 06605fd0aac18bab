import type { JourneyDocument } from '@/journey';
import type { IncomingEvent } from '@/runtime/event-input';
import { addMembers, DAY, HOUR, makeEngine, publish, T0 } from './fixtures';

/** A journey with waits, a branch, an A/B split, messages and point rewards; quiet hours off so timing cannot change decisions. */
export const crashJourney: JourneyDocument = {
  format: 'journey/v1',
  id: 'crash',
  name: 'Crash',
  entry: { reentry: 'never' },
  goal: { event: 'order_paid', within: 'P5D', exitOnGoal: false },
  policy: { quietHours: 'off' },
  nodes: [
    { id: 't', kind: 'trigger.event', config: { event: 'member_joined' } },
    { id: 'hi', kind: 'action.message', config: { channel: 'sms', template: 'Hi {{member.name}}' } },
    { id: 'pts', kind: 'action.reward', config: { reward: { type: 'points', amount: 7 } } },
    { id: 'wait', kind: 'wait.event', config: { event: 'order_paid', timeout: 'PT6H' } },
    { id: 'thanks', kind: 'action.reward', config: { reward: { type: 'points', amount: 50 } } },
    { id: 'end1', kind: 'end' },
    { id: 'ab', kind: 'split.ab', config: { experiment: 'nudge', variants: [{ key: 'A', weight: 1 }, { key: 'B', weight: 1 }] } },
    { id: 'nudge', kind: 'action.message', config: { channel: 'app_push', template: 'Come back' } },
    { id: 'later', kind: 'wait.duration', config: { duration: 'P1D' } },
    { id: 'bonus', kind: 'action.reward', config: { reward: { type: 'points', amount: 3 } } },
    { id: 'end2', kind: 'end' },
  ],
  edges: [
    { source: 't', target: 'hi' },
    { source: 'hi', target: 'pts' },
    { source: 'pts', target: 'wait' },
    { source: 'wait', sourceHandle: 'event', target: 'thanks' },
    { source: 'thanks', target: 'end1' },
    { source: 'wait', sourceHandle: 'timeout', target: 'ab' },
    { source: 'ab', sourceHandle: 'A', target: 'nudge' },
    { source: 'nudge', target: 'later' },
    { source: 'ab', sourceHandle: 'B', target: 'later' },
    { source: 'later', target: 'bonus' },
    { source: 'bonus', target: 'end2' },
  ],
};

export const CRASH_MEMBERS = 400;

/** Events in time order, each with an id so that a replay after a crash is a no-op for what was stored. */
export function crashEvents(): (IncomingEvent & { at: number })[] {
  const out: (IncomingEvent & { at: number })[] = [];
  for (let i = 0; i < CRASH_MEMBERS; i++) {
    const at = T0 + i * 3 * 60_000;
    out.push({ id: `join-${i}`, memberId: `c${i}`, type: 'member_joined', at, occurredAt: new Date(at).toISOString() });
    if (i % 3 === 0) {
      const paid = at + (i % 2 ? 2 : 9) * HOUR;
      out.push({ id: `pay-${i}`, memberId: `c${i}`, type: 'order_paid', at: paid, occurredAt: new Date(paid).toISOString() });
    }
  }
  return out.sort((a, b) => a.at - b.at || a.id!.localeCompare(b.id!));
}

/** Runs (or resumes) the whole plan against a database file. Safe to repeat: it converges on the same state. */
export function runCrashPlan(file: string): void {
  const { db, runtime, clock, advanceTo } = makeEngine(file);
  const ready = db.$client.prepare(`select count(*) n from journeys`).get() as { n: number };
  if (ready.n === 0) {
    db.transaction(() => {
      addMembers(db, Array.from({ length: CRASH_MEMBERS }, (_, i) => ({ id: `c${i}`, name: `C${i}` })));
      publish(db, crashJourney);
    });
  }
  for (const { at, ...event } of crashEvents()) {
    if (at > clock.now()) advanceTo(at);
    runtime.ingest([event]);
  }
  advanceTo(T0 + CRASH_MEMBERS * 3 * 60_000 + 3 * DAY);
  db.$client.close();
}
