import { describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { appRouter } from '@/server/root';
import { welcomeJourney } from '@/journey/examples';
import type { JourneyDocument } from '@/journey';
import { addMembers, DAY, makeEngine, publish, T0, TEST_ADMIN } from '@/test/fixtures';

function caller() {
  const env = makeEngine();
  addMembers(env.db, [{ id: 'm1' }, { id: 'm2' }]);
  const { journeyId } = publish(env.db, { ...welcomeJourney, policy: { quietHours: 'off' } });
  env.runtime.ingest([{ memberId: 'm1', type: 'member_joined' }]);
  env.advanceTo(T0 + 2 * DAY);
  env.runtime.ingest([{ memberId: 'm2', type: 'member_joined' }]);
  return { api: appRouter.createCaller({ db: env.db, runtime: env.runtime, principal: TEST_ADMIN }), journeyId };
}

/** The BAD_REQUEST error a call fails with, and the zod issues behind it. */
async function badRequest(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  const trpcError = error as TRPCError;
  expect(trpcError.code).toBe('BAD_REQUEST');
  return (trpcError.cause as unknown as { issues: { path: (string | number)[]; message: string }[] }).issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('analytics router: date range and path inputs', () => {
  it('filters node stats and the report by the range', async () => {
    const { api, journeyId } = caller();
    const day1 = await api.analytics.nodeStats({ journeyId, from: T0, to: T0 + DAY });
    expect(day1.nodes.trigger.entered).toBe(1);
    expect(day1.totals.enrolled).toBe(1);
    expect((await api.analytics.nodeStats({ journeyId })).nodes.trigger.entered).toBe(2);
    const report = await api.analytics.report({ journeyId, from: T0 + DAY, path: ['trigger', 'wait_order'] });
    expect(report.funnel.map((s) => s.entered)).toEqual([1, 1]);
    expect(report.range).toEqual({ from: T0 + DAY, to: null });
  });

  it('limits crowds and experiments to the range', async () => {
    const { api, journeyId } = caller();
    expect((await api.analytics.crowd({ journeyId, nodeId: 'trigger', kind: 'passed' })).total).toBe(2);
    const later = await api.analytics.crowd({ journeyId, nodeId: 'trigger', kind: 'passed', from: T0 + DAY });
    expect(later.rows.map((r) => r.memberId)).toEqual(['m2']);
    expect(await api.analytics.saveCrowd({ journeyId, nodeId: 'trigger', kind: 'passed', to: T0 + DAY, groupId: 'first_day' })).toEqual({ groupId: 'first_day', members: 1 });
    expect(await api.analytics.experiments({ journeyId, from: T0, to: T0 + DAY })).toEqual([]);
    expect(await badRequest(api.analytics.crowd({ journeyId, nodeId: 'trigger', kind: 'passed', from: T0 + DAY, to: T0 }))).toEqual(['to: must not be before "from"']);
    expect(await badRequest(api.analytics.experiments({ journeyId, from: T0 + DAY, to: T0 }))).toEqual(['to: must not be before "from"']);
  });

  it('rejects "from" after "to" as a bad request naming "to"', async () => {
    const { api, journeyId } = caller();
    expect(await badRequest(api.analytics.nodeStats({ journeyId, from: T0 + DAY, to: T0 }))).toEqual(['to: must not be before "from"']);
    expect(await badRequest(api.analytics.report({ journeyId, from: T0 + DAY, to: T0 }))).toEqual(['to: must not be before "from"']);
    expect((await badRequest(api.analytics.report({ journeyId, from: -5 })))[0]).toMatch(/^from: /);
    expect((await badRequest(api.analytics.report({ journeyId, path: Array(21).fill('trigger') })))[0]).toMatch(/^path: /);
    expect(await badRequest(api.analytics.report({ journeyId, timeZone: 'Mars/Olympus' }))).toEqual(['timeZone: Unknown time zone (e.g. "Asia/Shanghai")']);
    expect((await api.analytics.report({ journeyId, timeZone: 'America/Los_Angeles' })).byDay.map((d) => d.enrolled)).toEqual([1, 1]);
  });

  it('counts an experiment over the members who entered in the range', async () => {
    const env = makeEngine();
    addMembers(env.db, ['a1', 'a2', 'a3', 'b1', 'b2'].map((id) => ({ id })));
    const ab: JourneyDocument = {
      format: 'journey/v1',
      id: 'ab_range',
      name: 'AB by day',
      entry: { reentry: 'never' },
      goal: { event: 'order_paid', within: 'P7D', exitOnGoal: false },
      policy: { quietHours: 'off' },
      nodes: [
        { id: 't', kind: 'trigger.event', config: { event: 'checkout_started' } },
        { id: 'ab', kind: 'split.ab', config: { experiment: 'offer', variants: [{ key: 'A', weight: 50, control: true }, { key: 'B', weight: 50 }] } },
        { id: 'endA', kind: 'end' },
        { id: 'endB', kind: 'end' },
      ],
      edges: [
        { source: 't', target: 'ab' },
        { source: 'ab', sourceHandle: 'A', target: 'endA' },
        { source: 'ab', sourceHandle: 'B', target: 'endB' },
      ],
    };
    const { journeyId } = publish(env.db, ab);
    env.runtime.ingest(['a1', 'a2', 'a3'].map((memberId) => ({ memberId, type: 'checkout_started' })));
    env.advanceTo(T0 + 2 * DAY);
    env.runtime.ingest(['b1', 'b2'].map((memberId) => ({ memberId, type: 'checkout_started' })));
    const api = appRouter.createCaller({ db: env.db, runtime: env.runtime, principal: TEST_ADMIN });
    const assigned = async (range: { from?: number; to?: number }) =>
      (await api.analytics.experiments({ journeyId, ...range }))[0].result.variants.reduce((n, v) => n + v.assigned, 0);
    expect(await assigned({})).toBe(5);
    expect(await assigned({ to: T0 + DAY })).toBe(3);
    expect(await assigned({ from: T0 + DAY })).toBe(2);
  });
});
