import { describe, expect, it } from 'vitest';
import type { JourneyDocument } from '@/journey';
import { addMembers, count, DAY, HOUR, makeEngine, pathOf, publish, T0 } from '@/test/fixtures';
import { chain, iso, onEvent, rows } from '@/test/journeys';

/** `visit` → wait one hour → end, with the given entry rules. */
const visitJourney = (entry: JourneyDocument['entry']) =>
  chain('visits', [onEvent('visit'), { id: 'hold', kind: 'wait.duration', config: { duration: 'PT1H' } }], { entry });

/** Sends a `visit` at each offset from T0 and returns the entries as [entry_no, entered_at - T0]. */
function visitAt(entry: JourneyDocument['entry'], offsets: number[]): [number, number][] {
  const { db, runtime, advanceTo } = makeEngine();
  addMembers(db, [{ id: 'm1' }]);
  publish(db, visitJourney(entry));
  for (const t of offsets) {
    advanceTo(T0 + t);
    runtime.ingest([{ memberId: 'm1', type: 'visit' }]);
  }
  return rows<{ entry_no: number; entered_at: number }>(db, `select entry_no, entered_at from enrolments order by entry_no`).map((r) => [
    r.entry_no,
    r.entered_at - T0,
  ]);
}

describe('entry rules', () => {
  it('reentry never: only the first visit enrols', () => {
    expect(visitAt({ reentry: 'never' }, [0, 2 * HOUR, DAY])).toEqual([[1, 0]]);
  });

  it('reentry after_exit: not while in flight, again once the first entry completed', () => {
    expect(visitAt({ reentry: 'after_exit' }, [0, HOUR / 2, 2 * HOUR])).toEqual([
      [1, 0],
      [2, 2 * HOUR],
    ]);
  });

  it('reentry always: enters again while the first entry is still waiting', () => {
    const { db, runtime } = makeEngine();
    addMembers(db, [{ id: 'm1' }]);
    publish(db, visitJourney({ reentry: 'always' }));
    runtime.ingest([{ memberId: 'm1', type: 'visit' }]);
    runtime.ingest([{ memberId: 'm1', type: 'visit' }]);
    expect(rows(db, `select entry_no, status, node_id from enrolments order by entry_no`)).toEqual([
      { entry_no: 1, status: 'waiting', node_id: 'hold' },
      { entry_no: 2, status: 'waiting', node_id: 'hold' },
    ]);
  });

  it('minInterval: a visit sooner than the interval after the last entry is ignored', () => {
    expect(visitAt({ reentry: 'always', minInterval: 'PT6H' }, [0, HOUR, 6 * HOUR - 1, 6 * HOUR, 7 * HOUR])).toEqual([
      [1, 0],
      [2, 6 * HOUR],
    ]);
  });

  it('maxEntries caps the entries per member', () => {
    expect(visitAt({ reentry: 'always', maxEntries: 2 }, [0, HOUR, 2 * HOUR, 3 * HOUR])).toEqual([
      [1, 0],
      [2, HOUR],
    ]);
  });

  it('window: only visits between from and to enrol', () => {
    const window = { from: iso(T0 + DAY), to: iso(T0 + 2 * DAY) };
    expect(visitAt({ reentry: 'always', window }, [0, DAY - 1, DAY, 2 * DAY, 2 * DAY + 1, 3 * DAY])).toEqual([
      [1, DAY],
      [2, 2 * DAY],
    ]);
  });
});

describe('goal', () => {
  /** `signup` → wait ten days → reward → end; goal: an order within three days. */
  const goalJourney = (exitOnGoal: boolean, wait = 'P10D') =>
    chain(
      exitOnGoal ? 'goal-exit' : 'goal',
      [
        onEvent('signup'),
        { id: 'hold', kind: 'wait.duration', config: { duration: wait } },
        { id: 'pts', kind: 'action.reward', config: { reward: { type: 'points', amount: 10 } } },
      ],
      { goal: { event: 'order_paid', within: 'P3D', exitOnGoal } },
    );

  it('counts a goal reached within the window, not one reached too late', () => {
    const { db, runtime, advanceTo } = makeEngine();
    addMembers(db, [{ id: 'early' }, { id: 'late' }, { id: 'never' }]);
    publish(db, goalJourney(false));
    runtime.ingest(['early', 'late', 'never'].map((memberId) => ({ memberId, type: 'signup' })));
    advanceTo(T0 + 2 * DAY);
    runtime.ingest([{ memberId: 'early', type: 'order_paid' }]);
    advanceTo(T0 + 3 * DAY + 1);
    runtime.ingest([{ memberId: 'late', type: 'order_paid' }]);

    expect(rows(db, `select member_id, goal_at, status, node_id from enrolments order by member_id`)).toEqual([
      { member_id: 'early', goal_at: T0 + 2 * DAY, status: 'waiting', node_id: 'hold' },
      { member_id: 'late', goal_at: null, status: 'waiting', node_id: 'hold' },
      { member_id: 'never', goal_at: null, status: 'waiting', node_id: 'hold' },
    ]);
    expect(rows(db, `select member_id, node_id, at from step_log where kind = 'goal'`)).toEqual([{ member_id: 'early', node_id: 'hold', at: T0 + 2 * DAY }]);

    // Without exitOnGoal the member goes on, and a second order does not count twice.
    runtime.ingest([{ memberId: 'early', type: 'order_paid' }]);
    advanceTo(T0 + 10 * DAY);
    expect(pathOf(db, 'early')).toEqual(['enter:t', 'exit:t:out', 'enter:hold', 'goal', 'exit:hold:out', 'enter:pts', 'exit:pts:out', 'enter:end']);
    expect(count(db, `select count(*) n from step_log where kind = 'goal'`)).toBe(1);
  });

  it('a member who completed the path can still reach the goal within the window', () => {
    const { db, runtime, advanceTo } = makeEngine();
    addMembers(db, [{ id: 'm1' }]);
    publish(db, goalJourney(false, 'PT1H'));
    runtime.ingest([{ memberId: 'm1', type: 'signup' }]);
    advanceTo(T0 + DAY);
    expect(count(db, `select count(*) n from enrolments where status = 'completed'`)).toBe(1);
    runtime.ingest([{ memberId: 'm1', type: 'order_paid' }]);
    expect(rows(db, `select status, goal_at from enrolments`)).toEqual([{ status: 'completed', goal_at: T0 + DAY }]);
    expect(pathOf(db, 'm1').at(-1)).toBe('goal');
  });

  it('exitOnGoal takes the member out of the waiting node; nothing after it runs', () => {
    const { db, runtime, advanceTo } = makeEngine();
    addMembers(db, [{ id: 'buyer' }, { id: 'browser' }]);
    publish(db, goalJourney(true));
    runtime.ingest(['buyer', 'browser'].map((memberId) => ({ memberId, type: 'signup' })));
    advanceTo(T0 + DAY);
    runtime.ingest([{ memberId: 'buyer', type: 'order_paid' }]);

    expect(rows(db, `select status, exit_reason, goal_at, wake_at from enrolments where member_id = 'buyer'`)).toEqual([
      { status: 'exited', exit_reason: 'goal', goal_at: T0 + DAY, wake_at: null },
    ]);
    advanceTo(T0 + 20 * DAY);
    expect(pathOf(db, 'buyer')).toEqual(['enter:t', 'exit:t:out', 'enter:hold', 'goal', 'exit_journey:goal']);
    expect(rows(db, `select member_id from points_ledger`)).toEqual([{ member_id: 'browser' }]);
    expect(rows(db, `select member_id, status from enrolments order by member_id`)).toEqual([
      { member_id: 'browser', status: 'completed' },
      { member_id: 'buyer', status: 'exited' },
    ]);
  });
});

describe('exitWhen', () => {
  // go → sms → wait for an order (2 days) → reminder → wait a day → points → end
  const doc: JourneyDocument = {
    ...chain('exit-when', [
      onEvent('go'),
      { id: 'hello', kind: 'action.message', config: { channel: 'sms', template: 'Hello' } },
      { id: 'order', kind: 'wait.event', config: { event: 'order_paid', timeout: 'P2D' } },
      { id: 'remind', kind: 'action.message', config: { channel: 'sms', template: 'Reminder' } },
      { id: 'day', kind: 'wait.duration', config: { duration: 'P1D' } },
      { id: 'pts', kind: 'action.reward', config: { reward: { type: 'points', amount: 10 } } },
    ]),
    exitWhen: [{ event: 'unsubscribed' }],
  };
  // chain() wired order → remind by the default handle; wait.event leaves by event / timeout.
  doc.edges = doc.edges.flatMap((e) =>
    e.source === 'order' ? [{ ...e, sourceHandle: 'timeout' }, { source: 'order', sourceHandle: 'event', target: 'end' }] : [e],
  );

  it('an unsubscribe exits the member from whichever node they wait at; no later effects', () => {
    const { db, runtime, advanceTo } = makeEngine();
    addMembers(db, [{ id: 'early' }, { id: 'late' }, { id: 'stays' }]);
    publish(db, doc);
    runtime.ingest(['early', 'late', 'stays'].map((memberId) => ({ memberId, type: 'go' })));
    advanceTo(T0 + DAY);
    runtime.ingest([{ memberId: 'early', type: 'unsubscribed' }]);
    advanceTo(T0 + 2 * DAY + HOUR);
    runtime.ingest([{ memberId: 'late', type: 'unsubscribed' }]);
    advanceTo(T0 + 10 * DAY);

    expect(rows(db, `select member_id, status, exit_reason, node_id from enrolments order by member_id`)).toEqual([
      { member_id: 'early', status: 'exited', exit_reason: 'exit_criteria', node_id: 'order' },
      { member_id: 'late', status: 'exited', exit_reason: 'exit_criteria', node_id: 'day' },
      { member_id: 'stays', status: 'completed', exit_reason: null, node_id: 'end' },
    ]);
    expect(pathOf(db, 'early').slice(-2)).toEqual(['enter:order', 'exit_journey:exit_criteria']);
    expect(pathOf(db, 'late').slice(-2)).toEqual(['enter:day', 'exit_journey:exit_criteria']);
    expect(rows(db, `select member_id, node_id from outbox order by member_id, id`)).toEqual([
      { member_id: 'early', node_id: 'hello' },
      { member_id: 'late', node_id: 'hello' },
      { member_id: 'late', node_id: 'remind' },
      { member_id: 'stays', node_id: 'hello' },
      { member_id: 'stays', node_id: 'remind' },
      { member_id: 'stays', node_id: 'pts' },
    ]);
    expect(rows(db, `select member_id from points_ledger`)).toEqual([{ member_id: 'stays' }]);
    expect(count(db, `select count(*) n from members where unsubscribed_at is not null`)).toBe(2);
  });
});
