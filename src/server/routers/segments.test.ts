import { describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { appRouter } from '@/server/root';
import type { JourneyDocument } from '@/journey';
import { addMembers, count, DAY, makeEngine, publish, T0, TEST_ADMIN } from '@/test/fixtures';

function setup() {
  const env = makeEngine();
  addMembers(env.db, [
    { id: 'a', points: 50, tags: ['vip'] },
    { id: 'b', points: 500 },
    { id: 'c', points: 5000, tags: ['vip'] },
  ]);
  env.runtime.ingest([{ memberId: 'b', type: 'order_paid', properties: { amount: 300 } }]);
  env.advanceTo(T0 + DAY);
  return { ...env, api: appRouter.createCaller({ db: env.db, runtime: env.runtime, principal: TEST_ADMIN }) };
}

async function badRequest(call: Promise<unknown>): Promise<string[]> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe('BAD_REQUEST');
  const issues = ((error as TRPCError).cause as unknown as { issues?: { path: (string | number)[]; message: string }[] } | undefined)?.issues;
  return issues ? issues.map((i) => `${i.path.join('.')}: ${i.message}`) : [(error as TRPCError).message];
}

describe('segments (人群): preview, save, list with sizes, delete, upload', () => {
  it('previews who a condition selects, profile and behaviour alike, before saving', async () => {
    const { api } = setup();
    expect(await api.segments.preview({ condition: { attr: 'points', op: 'gte', value: 500 } })).toEqual({ members: 3, matching: 2, sample: ['b', 'c'] });
    expect(await api.segments.preview({ condition: { all: [{ tag: 'vip' }, { not: { attr: 'points', op: 'gt', value: 1000 } }] } })).toMatchObject({ matching: 1, sample: ['a'] });
    const buyers = { event: 'order_paid', within: 'P7D', where: { attr: 'properties.amount', op: 'gte', value: 200 } } as const;
    expect(await api.segments.preview({ condition: buyers })).toMatchObject({ matching: 1, sample: ['b'] });
  });

  it('saves a segment, lists it with its size, and refuses bad ids and conditions naming the field', async () => {
    const { api, db } = setup();
    await api.segments.save({ id: 'big_points', name: 'Big points', condition: { attr: 'points', op: 'gte', value: 500 } });
    await api.segments.save({ id: 'vip_big', name: 'VIP with big points', condition: { all: [{ segment: 'big_points' }, { tag: 'vip' }] } });
    expect((await api.segments.list()).map((s) => `${s.id}:${s.members}`)).toEqual(['big_points:2', 'vip_big:1']);
    // Saving again replaces the definition.
    await api.segments.save({ id: 'big_points', name: 'Big points', condition: { attr: 'points', op: 'gte', value: 5000 } });
    expect((await api.segments.list()).map((s) => `${s.id}:${s.members}`)).toEqual(['big_points:1', 'vip_big:1']);

    expect((await badRequest(api.segments.save({ id: 'big points', name: 'x', condition: { tag: 'vip' } })))[0]).toMatch(/^id: Segment ids use letters/);
    expect(await badRequest(api.segments.save({ id: 'ok', name: ' ', condition: { tag: 'vip' } }))).toEqual(['name: Name the segment']);
    expect((await badRequest(api.segments.save({ id: 'ok', name: 'OK', condition: { attr: 'points', op: 'about' } as never })))[0]).toMatch(/^condition/);
    expect(count(db, `select count(*) n from segments`)).toBe(2);
  });

  it('refuses to delete a segment a published journey tests, naming the journey; deletes it otherwise', async () => {
    const { api, db } = setup();
    await api.segments.save({ id: 'big_points', name: 'Big points', condition: { attr: 'points', op: 'gte', value: 500 } });
    const doc: JourneyDocument = {
      format: 'journey/v1',
      id: 'uses_segment',
      name: 'Rich members only',
      entry: { reentry: 'never' },
      nodes: [
        { id: 't', kind: 'trigger.event', config: { event: 'go' } },
        { id: 'b', kind: 'branch.segment', config: { condition: { segment: 'big_points' } } },
        { id: 'y', kind: 'end' },
        { id: 'n', kind: 'end' },
      ],
      edges: [
        { source: 't', target: 'b' },
        { source: 'b', sourceHandle: 'yes', target: 'y' },
        { source: 'b', sourceHandle: 'no', target: 'n' },
      ],
    };
    publish(db, doc);
    expect(await badRequest(api.segments.delete({ id: 'big_points' }))).toEqual(['Segment "big_points" is used by "Rich members only"']);
    expect(count(db, `select count(*) n from segments`)).toBe(1);
    await api.segments.save({ id: 'unused', name: 'Unused', condition: { tag: 'vip' } });
    expect(await api.segments.delete({ id: 'unused' })).toEqual({ ok: true });
    await expect(api.segments.delete({ id: 'unused' })).rejects.toThrow('Segment "unused" not found');
  });

  it('uploads a static group from a list of ids: unknown ids are named and not stored, re-uploads keep members', async () => {
    const { api, db } = setup();
    expect(await api.segments.uploadGroup({ groupId: 'store_event', memberIds: ['a', ' b ', 'nobody', 'a', ''] })).toEqual({ added: 2, kept: 0, unknown: ['nobody'] });
    expect(await api.segments.uploadGroup({ groupId: 'store_event', memberIds: ['b', 'c'] })).toEqual({ added: 1, kept: 1, unknown: [] });
    expect(count(db, `select count(*) n from member_groups where group_id = 'store_event'`)).toBe(3);
    expect(await api.segments.preview({ condition: { segment: 'store_event' } })).toMatchObject({ matching: 3 });
    expect((await badRequest(api.segments.uploadGroup({ groupId: 'store event', memberIds: ['a'] })))[0]).toMatch(/^groupId: /);
    expect(await badRequest(api.segments.uploadGroup({ groupId: 'g', memberIds: [] }))).toEqual(['memberIds: List at least one member id']);
  });
});
