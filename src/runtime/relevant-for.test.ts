import { describe, expect, it } from 'vitest';
import { addMembers, DAY, HOUR, makeEngine, pathOf, publish, T0 } from '@/test/fixtures';
import { chain, onEvent } from '@/test/journeys';
import { EnrolmentStore } from '@/db/enrolment-store';

/** Enrolments an event at `at` looks at, as "journey:status". */
const relevant = (store: EnrolmentStore, memberId: string, at: number | null) =>
  store
    .relevantFor(memberId, at)
    .map((e) => `${e.journeyId}:${e.status}`)
    .sort();

describe('which enrolments an event looks at', () => {
  function scenario() {
    const env = makeEngine();
    addMembers(env.db, [{ id: 'm' }]);
    // Finished at once (trigger → end): one journey with a one-day goal, one without a goal; one still waiting.
    const withGoal = publish(env.db, chain('withgoal', [onEvent('joined')], { goal: { event: 'order_paid', within: 'P1D', exitOnGoal: false } })).journeyId;
    const noGoal = publish(env.db, chain('nogoal', [onEvent('joined')])).journeyId;
    const waiting = publish(env.db, chain('waiting', [onEvent('joined'), { id: 'w', kind: 'wait.duration', config: { duration: 'P30D' } }])).journeyId;
    env.runtime.ingest([{ memberId: 'm', type: 'joined' }]);
    return { ...env, store: new EnrolmentStore(env.db), withGoal, noGoal, waiting };
  }

  it('in flight always; finished only while a goal can still be reached; never in a journey without a goal', () => {
    const { store, db, withGoal } = scenario();
    expect(relevant(store, 'm', T0 + HOUR)).toEqual(['waiting:waiting', 'withgoal:completed']);
    expect(relevant(store, 'm', T0 + DAY)).toEqual(['waiting:waiting', 'withgoal:completed']);
    expect(relevant(store, 'm', T0 + DAY + 1)).toEqual(['waiting:waiting']);
    expect(relevant(store, 'm', null)).toEqual(['waiting:waiting']);
    expect(db.$client.prepare(`select goal_until from enrolments where journey_id = ?`).pluck().get(withGoal)).toBe(T0 + DAY);
  });

  it('reads finished members through the partial index, not the member’s whole history', () => {
    const { db } = scenario();
    const query = `select id from enrolments where member_id = ? and status = 'completed' and goal_at is null and goal_until >= ?`;
    if (process.env.TEST_STORE === 'pg') {
      // Postgres plans by statistics: a table of three rows is read whole whatever the indexes. Without sequential
      // scans it must still choose the partial index over the member’s other indexes.
      db.$client.exec('set enable_seqscan = off');
      const plan = db.$client.prepare(`explain ${query}`).all('m', T0) as { 'QUERY PLAN': string }[];
      db.$client.exec('reset enable_seqscan');
      expect(plan.map((p) => p['QUERY PLAN']).join('\n')).toContain('enrolments_goal_pending');
      return;
    }
    const plan = db.$client.prepare(`explain query plan ${query}`).all('m', T0) as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toContain('enrolments_goal_pending');
  });

  it('a goal reached after completion is still recorded inside the window, and not after it', () => {
    const { runtime, clock } = scenario();
    clock.set(T0 + 2 * HOUR);
    runtime.ingest([{ memberId: 'm', type: 'order_paid' }]);
    expect(pathOf(runtime.db, 'm', 'withgoal').at(-1)).toBe('goal');
    const late = makeEngine();
    addMembers(late.db, [{ id: 'm' }]);
    publish(late.db, chain('withgoal', [onEvent('joined')], { goal: { event: 'order_paid', within: 'P1D', exitOnGoal: false } }));
    late.runtime.ingest([{ memberId: 'm', type: 'joined' }]);
    late.clock.set(T0 + 2 * DAY);
    late.runtime.ingest([{ memberId: 'm', type: 'order_paid' }]);
    expect(pathOf(late.db, 'm')).not.toContain('goal');
  });
});
