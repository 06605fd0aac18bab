import { describe, expect, it } from 'vitest';
import { appRouter } from '@/server/root';
import { getJourney, publishJourney, saveDraft } from '@/db/journeys';
import { welcomeJourney } from '@/journey/examples';
import type { JourneyDocument } from '@/journey';
import { addMembers, count, DAY, HOUR, makeEngine, pathOf, publish, T0, TEST_ADMIN } from '@/test/fixtures';
import { changeJourneyStatus } from './resume';

// Welcome: message, reward, then wait up to 3 days for order_paid ("event" → done, "timeout" → reminder).
const welcome: JourneyDocument = { ...welcomeJourney, policy: { quietHours: 'off' } };

function setup(doc = welcome) {
  const env = makeEngine();
  addMembers(env.db, ['early', 'late', 'never', 'before'].map((id) => ({ id })));
  const { journeyId } = publish(env.db, doc);
  env.runtime.ingest(['early', 'late', 'never', 'before'].map((memberId) => ({ memberId, type: 'member_joined' })));
  return { ...env, journeyId };
}

const reminders = (env: ReturnType<typeof setup>) =>
  (env.db.$client.prepare(`select member_id from outbox where node_id = 'reminder' order by member_id`).pluck().all() as string[]);

describe('resuming a paused journey replays what held members did meanwhile', () => {
  it('an order during the pause leaves the wait by "event"; after its timeout, the timeout comes first', () => {
    const env = setup();
    const { runtime, advanceTo, journeyId, clock, db } = env;
    // An order before the pause is handled at once, as always.
    advanceTo(T0 + HOUR);
    runtime.ingest([{ memberId: 'before', type: 'order_paid' }]);
    expect(pathOf(db, 'before').at(-1)).toBe('enter:done');

    changeJourneyStatus(runtime, journeyId, 'paused');
    advanceTo(T0 + DAY);
    runtime.ingest([{ memberId: 'early', type: 'order_paid', properties: { amount: 300 } }]);
    advanceTo(T0 + 4 * DAY);
    // The wait's timeout (day 3) passed during the pause: for "late" it came before the order.
    runtime.ingest([{ memberId: 'late', type: 'order_paid' }]);
    advanceTo(T0 + 5 * DAY);
    // Held: the order counted toward the goal on arrival, but the member has not moved.
    expect(pathOf(db, 'early').slice(-2)).toEqual(['enter:wait_order', 'goal']);
    expect(reminders(env)).toEqual([]);

    expect(changeJourneyStatus(runtime, journeyId, 'live')).toEqual({ replayed: 2 });
    expect(pathOf(db, 'early').slice(-4)).toEqual(['enter:wait_order', 'goal', 'exit:wait_order:event', 'enter:done']);
    expect(pathOf(db, 'late').slice(-4)).toEqual(['exit:wait_order:timeout', 'enter:reminder', 'exit:reminder:out', 'enter:end_reminded']);
    // Nobody's order: the late timer fires on the next pass, at once.
    expect(pathOf(db, 'never').at(-1)).toBe('enter:wait_order');
    expect(runtime.fireDueTimers()).toBe(1);
    expect(reminders(env)).toEqual(['late', 'never']);
    // The goal of those who ordered during the pause was counted when the order arrived.
    expect(count(db, `select count(*) n from enrolments where goal_at is not null`)).toBe(3);
    expect(count(db, `select goal_at n from enrolments where member_id = 'early'`)).toBe(T0 + DAY);
    expect(clock.now()).toBe(T0 + 5 * DAY);
  });

  it('an exit on goal and an exit criterion met during the pause take effect on resume; nothing is replayed twice', () => {
    const env = setup({ ...welcome, goal: { event: 'order_paid', within: 'P7D', exitOnGoal: true } });
    const { runtime, advanceTo, journeyId, db } = env;
    changeJourneyStatus(runtime, journeyId, 'paused');
    advanceTo(T0 + DAY);
    runtime.ingest([
      { memberId: 'early', type: 'order_paid' },
      { memberId: 'late', type: 'unsubscribed' },
    ]);
    changeJourneyStatus(runtime, journeyId, 'paused');
    expect(changeJourneyStatus(runtime, journeyId, 'live')).toEqual({ replayed: 2 });
    expect(pathOf(db, 'early').at(-1)).toBe('exit_journey:goal');
    expect(pathOf(db, 'late').at(-1)).toBe('exit_journey:exit_criteria');
    const steps = count(db, `select count(*) n from step_log`);
    // Pausing and resuming again replays nothing: the pause began anew.
    changeJourneyStatus(runtime, journeyId, 'paused');
    expect(changeJourneyStatus(runtime, journeyId, 'live')).toEqual({ replayed: 0 });
    expect(count(db, `select count(*) n from step_log`)).toBe(steps);
  });

  it('several waits that all ran out before the event end first, in order', () => {
    const env = makeEngine();
    addMembers(env.db, [{ id: 'm' }]);
    const doc: JourneyDocument = {
      format: 'journey/v1',
      id: 'waits',
      name: 'Waits in a row',
      entry: { reentry: 'never' },
      policy: { quietHours: 'off' },
      nodes: [
        { id: 't', kind: 'trigger.event', config: { event: 'go' } },
        { id: 'w1', kind: 'wait.duration', config: { duration: 'PT1H' } },
        { id: 'w2', kind: 'wait.until', config: { at: new Date(T0 + 2 * HOUR).toISOString() } },
        { id: 'w3', kind: 'wait.event', config: { event: 'order_paid', timeout: 'P3D' } },
        { id: 'paid', kind: 'end' },
        { id: 'nudge', kind: 'action.message', config: { channel: 'sms', template: 'Still there?' } },
        { id: 'x', kind: 'end' },
      ],
      edges: [
        { source: 't', target: 'w1' },
        { source: 'w1', target: 'w2' },
        { source: 'w2', target: 'w3' },
        { source: 'w3', sourceHandle: 'event', target: 'paid' },
        { source: 'w3', sourceHandle: 'timeout', target: 'nudge' },
        { source: 'nudge', target: 'x' },
      ],
    };
    const { journeyId } = publish(env.db, doc);
    env.runtime.ingest([{ memberId: 'm', type: 'go' }]);
    changeJourneyStatus(env.runtime, journeyId, 'paused');
    env.advanceTo(T0 + 3 * HOUR);
    env.runtime.ingest([{ memberId: 'm', type: 'order_paid' }]);
    env.advanceTo(T0 + 4 * HOUR);
    expect(changeJourneyStatus(env.runtime, journeyId, 'live')).toEqual({ replayed: 1 });
    expect(pathOf(env.db, 'm').slice(-7)).toEqual(['enter:w1', 'exit:w1:out', 'enter:w2', 'exit:w2:out', 'enter:w3', 'exit:w3:event', 'enter:paid']);
  });

  it('the router resumes through the same replay', async () => {
    const env = setup();
    const api = appRouter.createCaller({ db: env.db, runtime: env.runtime, principal: TEST_ADMIN });
    await api.journeys.setStatus({ id: env.journeyId, status: 'paused' });
    expect((await api.journeys.get({ id: env.journeyId })).pausedAt).toBe(T0);
    env.advanceTo(T0 + DAY);
    env.runtime.ingest([{ memberId: 'early', type: 'order_paid' }]);
    expect(await api.journeys.setStatus({ id: env.journeyId, status: 'live' })).toEqual({ ok: true, replayed: 1 });
    expect(pathOf(env.db, 'early').at(-1)).toBe('enter:done');
    expect((await api.journeys.get({ id: env.journeyId })).pausedAt).toBeNull();
  });

  it('publishing a new version of a paused journey keeps it paused', async () => {
    const env = setup();
    changeJourneyStatus(env.runtime, env.journeyId, 'paused');
    saveDraft(env.db, env.journeyId, { ...welcome, name: 'Welcome v2' });
    const res = publishJourney(env.db, env.journeyId, T0 + HOUR);
    expect(res.ok && res.version.number).toBe(2);
    expect(getJourney(env.db, env.journeyId)).toMatchObject({ status: 'paused', pausedAt: T0 });
  });
});
