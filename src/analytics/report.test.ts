import { describe, expect, it } from 'vitest';
import { crowdCsv, listCrowd, saveCrowdAsGroup } from '@/analytics/crowds';
import { memberPaths } from '@/analytics/member-path';
import { conversionByDay, funnel, journeyReport } from '@/analytics/report';
import { welcomeJourney } from '@/journey/examples';
import { evaluateCondition } from '@/journey';
import { loadMemberFacts } from '@/db/member-facts';
import { addMembers, DAY, HOUR, makeEngine, publish, T0 } from '@/test/fixtures';

const doc = { ...welcomeJourney, policy: { quietHours: 'off' as const } };

function setup() {
  const env = makeEngine();
  addMembers(
    env.db,
    Array.from({ length: 20 }, (_, i) => ({ id: `m${String(i).padStart(2, '0')}`, tier: i < 5 ? 'gold' : 'silver', consent: { sms: i !== 7 } })),
  );
  env.db.$client.prepare(`update members set phone = '13812345678', email = 'alice@example.com' where id = 'm00'`).run();
  const { journeyId } = publish(env.db, doc);
  env.runtime.ingest(Array.from({ length: 20 }, (_, i) => ({ memberId: `m${String(i).padStart(2, '0')}`, type: 'member_joined' })));
  // m00–m05 order after 2 hours: they leave the wait by "event" and reach the goal.
  env.advanceTo(T0 + 2 * HOUR);
  env.runtime.ingest(Array.from({ length: 6 }, (_, i) => ({ memberId: `m0${i}`, type: 'order_paid' })));
  env.advanceTo(T0 + 4 * DAY);
  return { ...env, journeyId };
}

describe('journey report', () => {
  it('funnel along the main path (buyers who skip the reminder count as converted, not as drop-off), waits and conversion by tier', () => {
    const { db, journeyId } = setup();
    const r = journeyReport(db, journeyId, doc);
    expect(r.path).toEqual(['trigger', 'welcome_msg', 'bonus', 'wait_order', 'reminder', 'end_reminded']);
    expect(r.funnel.map((s) => s.entered)).toEqual([20, 20, 20, 20, 14, 14]);
    // The 6 who did not get the reminder paid: converted, not dropped (drop-off used to count them: 6).
    expect(r.funnel[4]).toMatchObject({ fromPrevious: 0.7, converted: 6, waiting: 0, dropOff: 0 });
    // The last step: all 14 reminded reached the end, so nobody was lost between the two.
    expect(r.funnel[5]).toMatchObject({ fromPrevious: 1, converted: 0, waiting: 0, dropOff: 0 });
    expect(r.totals).toMatchObject({ enrolled: 20, goalReached: 6, goalMissed: 14 });
    expect(r.goalRate).toBeCloseTo(0.3, 10);
    // Buyers waited 2 hours, the rest the full 3 days: median is 3 days, so is p90.
    expect(r.waits.wait_order).toEqual({ count: 20, medianMs: 3 * DAY, p90Ms: 3 * DAY });
    expect(r.breakdown.rows).toEqual([
      { value: 'silver', enrolled: 15, reached: 1, rate: 1 / 15 },
      { value: 'gold', enrolled: 5, reached: 5, rate: 1 },
    ]);
    expect(r.byDay).toEqual([{ day: '2026-11-02', enrolled: 20, reached: 6, rate: 0.3 }]);
    const custom = journeyReport(db, journeyId, doc, { path: ['trigger', 'wait_order', 'done'] });
    expect(custom.funnel.map((s) => s.entered)).toEqual([20, 20, 6]);
    // Of the 20 at the wait, 14 did not reach `done`: they finished without paying (drop-off), none converted elsewhere.
    expect(custom.funnel[2]).toMatchObject({ converted: 0, waiting: 0, dropOff: 14 });
  });

  it('crowds at a node, masked, exported, and saved as a group usable as a segment', () => {
    const { db, journeyId } = setup();
    const reached = listCrowd(db, { journeyId, nodeId: 'wait_order', kind: 'reached' }, { limit: 4, offset: 0 });
    expect(reached.total).toBe(6);
    expect(reached.rows.map((r) => r.memberId)).toEqual(['m00', 'm01', 'm02', 'm03']);
    expect(reached.rows[0]).toMatchObject({ phone: '138****5678', email: 'a***@example.com' });
    expect(listCrowd(db, { journeyId, nodeId: 'wait_order', kind: 'missed' }, { limit: 50, offset: 0 }).total).toBe(14);
    expect(listCrowd(db, { journeyId, nodeId: 'reminder', kind: 'passed' }, { limit: 50, offset: 0 }).total).toBe(14);
    expect(listCrowd(db, { journeyId, nodeId: 'wait_order', kind: 'at' }, { limit: 50, offset: 0 }).total).toBe(0);

    const csv = crowdCsv(db, { journeyId, nodeId: 'wait_order', kind: 'reached' }).trim().split('\n');
    expect(csv).toHaveLength(7);
    expect(csv[1]).toContain('138****5678');
    expect(csv.join('\n')).not.toContain('13812345678');

    expect(saveCrowdAsGroup(db, { journeyId, nodeId: 'wait_order', kind: 'reached' }, 'welcome_buyers', T0)).toBe(6);
    const member = loadMemberFacts(db, 'm03')!;
    expect(evaluateCondition({ segment: 'welcome_buyers' }, { now: T0, member })).toBe(true);
    expect(evaluateCondition({ segment: 'welcome_buyers' }, { now: T0, member: loadMemberFacts(db, 'm10')! })).toBe(false);
  });

  it('crowds count node moves made in the date range; "at the node" is now, whatever the range', () => {
    const { db, journeyId, runtime } = setup();
    const total = (nodeId: string, kind: 'at' | 'passed' | 'reached' | 'missed', range?: { from?: number; to?: number }) =>
      listCrowd(db, { journeyId, nodeId, kind, range }, { limit: 50, offset: 0 }).total;
    // The 14 who did not order left the wait by timeout on day 3 and passed the reminder then.
    expect(total('reminder', 'passed', { from: T0, to: T0 + DAY })).toBe(0);
    expect(total('reminder', 'passed', { from: T0 + 3 * DAY, to: T0 + 4 * DAY })).toBe(14);
    expect(total('reminder', 'passed', { from: T0 + 3 * DAY })).toBe(14);
    // Reached / missed: entered the node in the range.
    expect(total('wait_order', 'reached', { from: T0, to: T0 + HOUR })).toBe(6);
    expect(total('wait_order', 'reached', { from: T0 + DAY })).toBe(0);
    expect(total('wait_order', 'missed', { to: T0 + HOUR })).toBe(14);

    addMembers(db, [{ id: 'late' }]);
    runtime.ingest([{ memberId: 'late', type: 'member_joined' }]);
    expect(total('wait_order', 'at', { from: T0, to: T0 + DAY })).toBe(1);
    expect(crowdCsv(db, { journeyId, nodeId: 'reminder', kind: 'passed', range: { to: T0 + DAY } }).trim().split('\n')).toHaveLength(1);
  });

  it("buckets conversion into the viewer's days, half-hour zones and DST included", () => {
    // 2026-11-01 (a Sunday): US clocks go back at 06:00 UTC. Entries at 03:30, 04:40, 18:40 and 19:10 UTC.
    const at = ['2026-11-01T03:30:00Z', '2026-11-01T04:40:00Z', '2026-11-01T18:40:00Z', '2026-11-01T19:10:00Z'];
    const env = makeEngine(':memory:', Date.parse(at[0]));
    addMembers(env.db, ['a', 'b', 'c', 'd'].map((id) => ({ id })));
    const { journeyId } = publish(env.db, doc, Date.parse(at[0]));
    ['a', 'b', 'c', 'd'].forEach((memberId, i) => {
      env.clock.set(Date.parse(at[i]));
      env.runtime.ingest([{ memberId, type: 'member_joined' }]);
    });
    env.runtime.ingest([{ memberId: 'c', type: 'order_paid' }]);
    const days = (tz: string) => conversionByDay(env.db, journeyId, undefined, tz).map((d) => `${d.day}:${d.enrolled}/${d.reached}`);
    expect(days('Asia/Shanghai')).toEqual(['2026-11-01:2/0', '2026-11-02:2/1']);
    // Kolkata is UTC+5:30: 18:40 UTC is already 00:10 the next day, 18:10 would not be.
    expect(days('Asia/Kolkata')).toEqual(['2026-11-01:2/0', '2026-11-02:2/1']);
    expect(days('UTC')).toEqual(['2026-11-01:4/1']);
    // New York is still on UTC-4 until 06:00 UTC: 03:30 UTC is 23:30 on 31 October, 04:40 UTC is 00:40 on 1 November
    // (a fixed UTC-5 would put it on 31 October).
    expect(days('America/New_York')).toEqual(['2026-10-31:1/0', '2026-11-01:3/1']);
  });

  it("one member's path: steps, effects and policy decisions", () => {
    const { db } = setup();
    const [path] = memberPaths(db, 'm07');
    expect(path.steps.map((s) => `${s.kind}:${s.nodeId}${s.handle ? `:${s.handle}` : ''}`)).toEqual([
      'enter:trigger', 'exit:trigger:out', 'enter:welcome_msg', 'exit:welcome_msg:out', 'enter:bonus', 'exit:bonus:out',
      'enter:wait_order', 'exit:wait_order:timeout', 'enter:reminder', 'exit:reminder:out', 'enter:end_reminded',
    ]);
    expect(path.effects.map((e) => `${e.nodeId}:${e.status}:${e.reason}`)).toEqual(['welcome_msg:skipped:no_consent', 'bonus:sent:sent', 'reminder:skipped:no_consent']);
    expect(path.effects[0].decisions).toEqual([{ at: T0, decision: 'skipped', reason: 'no_consent' }]);
    expect(path).toMatchObject({ journeyName: 'New member welcome', version: 1, status: 'completed', goalAt: null });
  });
});

describe('funnel where branches merge', () => {
  it('counts arrivals on the edge from the previous step, not everyone at the node (from stats alone, all who did not arrive count as left)', () => {
    const stats = {
      nodes: {
        t: { entered: 100, exited: 100, waiting: 0, byHandle: { out: 100 } },
        ab: { entered: 100, exited: 100, waiting: 0, byHandle: { points: 40, coupon: 40, control: 20 } },
        give_points: { entered: 40, exited: 40, waiting: 0, byHandle: { out: 40 } },
        sms_points: { entered: 40, exited: 40, waiting: 0, byHandle: { out: 40 } },
        wait: { entered: 80, exited: 80, waiting: 0, byHandle: { out: 80 } },
      },
      variants: {},
      totals: { enrolled: 100, inFlight: 0, completed: 100, exited: 0, goalReached: 0, goalMissed: 100 },
    };
    const doc = {
      ...welcomeJourney,
      edges: [
        { source: 't', target: 'ab' },
        { source: 'ab', sourceHandle: 'points', target: 'give_points' },
        { source: 'give_points', target: 'sms_points' },
        { source: 'sms_points', target: 'wait' },
        { source: 'give_coupon', target: 'wait' },
      ],
    };
    const steps = funnel(stats, ['t', 'ab', 'give_points', 'sms_points', 'wait'], doc);
    expect(steps.at(-1)).toEqual({ nodeId: 'wait', entered: 80, fromStart: 0.4, fromPrevious: 1, converted: 0, waiting: 0, dropOff: 0 });
    expect(steps[2]).toMatchObject({ fromPrevious: 0.4, dropOff: 60 });
  });
});
