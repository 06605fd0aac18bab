import { describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { appRouter } from '@/server/root';
import { eraseMember } from '@/runtime/members';
import { count, makeEngine, T0, TEST_ADMIN } from '@/test/fixtures';
import { chain, onEvent } from '@/test/journeys';
import { publish } from '@/test/fixtures';

const ROWS: Record<string, string>[] = [
  { id: 'm0001', name: 'Zhang Wei', phone: '138 0013 8000', email: 'Wei.Zhang@Example.com', tier: 'gold', city: '上海', points: '120', tags: 'vip|newbie', 'consent.sms': 'yes', 'consent.email': 'no' },
  { id: 'm0002', name: 'Li Na', phone: '13900010001', email: 'lina@example.com', tier: 'silver', city: '北京', points: '80', tags: 'newbie' },
  { id: 'm0003', name: 'Wang Fang', phone: '+86 137-0000-1234', email: 'fang@example.org', tier: 'gold', city: '上海', points: '900', birthday: '1990-04-05' },
  { id: 'x-42', name: 'Chen Jie', tier: 'bronze', points: '5', 'attributes.rfm': '311', 'identities.wechatOpenId': 'oWx1234567890abc' },
];

async function setup() {
  const env = makeEngine();
  const api = appRouter.createCaller({ db: env.db, runtime: env.runtime, principal: TEST_ADMIN });
  const result = await api.members.importRows({ rows: ROWS, firstLine: 2, dryRun: false });
  expect(result).toMatchObject({ rows: 4, created: 4, updated: 0, unchanged: 0, rejected: 0, errors: [] });
  return { ...env, api };
}

const ids = (page: { rows: { id: string }[] }) => page.rows.map((r) => r.id);

describe('members.list: search and filters', () => {
  it('finds a member by phone digits typed with spaces or dashes, but never matches the digits of an id', async () => {
    const { api } = await setup();
    expect(ids(await api.members.list({ search: '138 0013', limit: 50, offset: 0 }))).toEqual(['m0001']);
    expect(ids(await api.members.list({ search: '137-0000', limit: 50, offset: 0 }))).toEqual(['m0003']);
    // "+86" is kept on storage; digits in the middle still match.
    expect(ids(await api.members.list({ search: '8613700', limit: 50, offset: 0 }))).toEqual(['m0003']);
    // Fewer than three digits: no phone match at all.
    expect(ids(await api.members.list({ search: '00', limit: 50, offset: 0 }))).toEqual(['m0001', 'm0002', 'm0003']);
    // An id with digits matches the id only (m0002's phone contains 0001).
    expect(ids(await api.members.list({ search: 'm0001', limit: 50, offset: 0 }))).toEqual(['m0001']);
  });

  it('finds by email and name, case-insensitively, and treats LIKE wildcards literally', async () => {
    const { api } = await setup();
    expect(ids(await api.members.list({ search: 'WEI.zhang@', limit: 50, offset: 0 }))).toEqual(['m0001']);
    expect(ids(await api.members.list({ search: 'example.org', limit: 50, offset: 0 }))).toEqual(['m0003']);
    expect(ids(await api.members.list({ search: 'chen', limit: 50, offset: 0 }))).toEqual(['x-42']);
    expect(ids(await api.members.list({ search: 'wang FANG', limit: 50, offset: 0 }))).toEqual(['m0003']);
    expect(ids(await api.members.list({ search: '%', limit: 50, offset: 0 }))).toEqual([]);
    expect(ids(await api.members.list({ search: 'm_00', limit: 50, offset: 0 }))).toEqual([]);
  });

  it('filters by tier, tag and saved segment, combined with the search, and counts the total', async () => {
    const { api } = await setup();
    expect(await api.members.list({ tier: 'gold', limit: 50, offset: 0 })).toMatchObject({ total: 2, rows: [{ id: 'm0001' }, { id: 'm0003' }] });
    expect(ids(await api.members.list({ tag: 'newbie', limit: 50, offset: 0 }))).toEqual(['m0001', 'm0002']);
    expect(ids(await api.members.list({ tag: 'vip', tier: 'silver', limit: 50, offset: 0 }))).toEqual([]);
    await api.segments.save({ id: 'big_points', name: 'Big points', condition: { attr: 'points', op: 'gte', value: 100 } });
    expect(ids(await api.members.list({ segment: 'big_points', limit: 50, offset: 0 }))).toEqual(['m0001', 'm0003']);
    expect(ids(await api.members.list({ segment: 'big_points', search: 'fang', limit: 50, offset: 0 }))).toEqual(['m0003']);
    expect(ids(await api.members.list({ segment: 'no_such_segment', limit: 50, offset: 0 }))).toEqual([]);
    const page = await api.members.list({ limit: 2, offset: 2 });
    expect(page.total).toBe(4);
    expect(ids(page)).toEqual(['m0003', 'x-42']);
    expect(await api.members.tiers()).toEqual(['bronze', 'gold', 'silver']);
  });

  it('masks phone and email and lists tags; erased members are neither listed nor shown', async () => {
    const { api, runtime } = await setup();
    const [m1] = (await api.members.list({ search: 'm0001', limit: 50, offset: 0 })).rows;
    expect(m1).toMatchObject({ phone: '138****8000', email: 'w***@example.com', tier: 'gold', city: '上海', points: 120, tags: ['newbie', 'vip'] });
    expect(JSON.stringify(m1)).not.toContain('13800138000');

    expect(eraseMember(runtime, 'm0001', 'test')).not.toBeNull();
    expect(ids(await api.members.list({ limit: 50, offset: 0 }))).toEqual(['m0002', 'm0003', 'x-42']);
    expect(ids(await api.members.list({ tag: 'vip', limit: 50, offset: 0 }))).toEqual([]);
    await expect(api.members.profile({ id: 'm0001' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.members.profile({ id: 'nobody' })).rejects.toBeInstanceOf(TRPCError);
  });
});

describe('members.profile', () => {
  it('shows the profile masked, consent, tags, identities, ledgers, open tasks and enrolments', async () => {
    const { api, db, runtime } = await setup();
    const doc = chain('loyal', [
      onEvent('go'),
      { id: 'pts', kind: 'action.reward', config: { reward: { type: 'points', amount: 50 } } },
      { id: 'grow', kind: 'action.asset', config: { asset: 'growth', delta: 10 } },
      { id: 'call', kind: 'action.handoff', config: { task: 'Call about the new tier' } },
    ]);
    doc.name = 'Loyalty boost';
    publish(db, doc);
    runtime.ingest([{ memberId: 'm0003', type: 'go' }]);
    runtime.deliverOutbox();
    db.$client.prepare(`insert into member_groups (group_id, member_id, added_at) values ('vip_list', 'm0003', ?)`).run(T0);

    const page = await api.members.profile({ id: 'm0003' });
    expect(page.profile).toMatchObject({ id: 'm0003', name: 'Wang Fang', phone: '+86****1234', email: 'f***@example.org', birthday: '****-04-05', tier: 'gold', city: '上海' });
    expect(JSON.stringify(page)).not.toMatch(/13700001234|1990-04-05|fang@example/);
    expect(page.identities.map((i) => i.type).sort()).toEqual(['email', 'phone']);
    expect(page.groups.map((g) => g.groupId)).toEqual(['vip_list']);
    expect(page.unsubscribed).toBe(false);
    expect(page.enrolments).toMatchObject([{ journeyName: 'Loyalty boost', status: 'completed' }]);
    expect(page.openTasks).toMatchObject([{ text: 'Call about the new tier' }]);
    expect(page.assets).toMatchObject([{ asset: 'growth', delta: 10 }]);
    expect(page.points.length).toBeGreaterThan(0);

    const first = await api.members.profile({ id: 'm0001' });
    expect(first.consent).toEqual({ sms: true, email: false });
    expect(first.tags).toEqual(['newbie', 'vip']);
    const other = await api.members.profile({ id: 'x-42' });
    expect(other.identities).toEqual([{ type: 'wechatOpenId', value: 'oWx****bc', addedAt: T0 }]);
    expect(other.profile.attributes).toEqual({ rfm: 311 });
    expect(other.profile.phone).toBeNull();
  });
});

describe('members.importRows', () => {
  const mixed: Record<string, string>[] = [
    { id: 'n1', name: 'Good One', phone: '15000000001', email: 'one@example.com' },
    { id: 'n2', name: 'Bad Birthday', birthday: '1990-13-45' },
    { id: 'n3', name: 'Bad Email', email: 'nope' },
    { id: 'n4', name: 'Unknown Tier', tier: 'diamond' },
    { id: 'n5', name: 'Phone Taken', phone: '15000000001' },
    { id: 'n6', name: 'Good Two', points: '10', tags: 'a|b' },
  ];

  it('stores the good rows and names every bad one by its line and field', async () => {
    const { db, runtime } = makeEngine();
    const api = appRouter.createCaller({ db, runtime, principal: TEST_ADMIN });
    const result = await api.members.importRows({ rows: mixed, firstLine: 100, dryRun: false });
    expect(result).toMatchObject({ rows: 6, created: 2, updated: 0, unchanged: 0, rejected: 4 });
    expect(result.errors.map((e) => `${e.line} ${e.field}`)).toEqual(['101 birthday', '102 email', '103 tier', '104 phone']);
    expect(result.errors[0].message).toMatch(/YYYY-MM-DD/);
    expect(result.errors[3].message).toMatch(/already belongs to member "n1"|also given to member "n1"/);
    expect(count(db, `select count(*) n from members`)).toBe(2);
  });

  it('a dry run checks the same and stores nothing; a re-run of stored rows changes nothing', async () => {
    const { db, runtime } = makeEngine();
    const api = appRouter.createCaller({ db, runtime, principal: TEST_ADMIN });
    const dry = await api.members.importRows({ rows: ROWS, firstLine: 2, dryRun: true });
    expect(dry).toMatchObject({ rows: 4, created: 4, rejected: 0 });
    const dryBad = await api.members.importRows({ rows: mixed, firstLine: 2, dryRun: true });
    expect(dryBad.errors.map((e) => e.line)).toEqual([3, 4, 5, 6]);
    expect(count(db, `select count(*) n from members`)).toBe(0);
    expect(count(db, `select count(*) n from member_tags`)).toBe(0);

    expect(await api.members.importRows({ rows: ROWS, firstLine: 2, dryRun: false })).toMatchObject({ created: 4, updated: 0, unchanged: 0 });
    expect(await api.members.importRows({ rows: ROWS, firstLine: 2, dryRun: false })).toMatchObject({ rows: 4, created: 0, updated: 0, unchanged: 4, rejected: 0, errors: [] });
    const changed = ROWS.map((r) => (r.id === 'm0002' ? { ...r, city: '深圳' } : r));
    expect(await api.members.importRows({ rows: changed, firstLine: 2, dryRun: false })).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
  });

  it('refuses more than 2,000 rows in one call', async () => {
    const { db, runtime } = makeEngine();
    const api = appRouter.createCaller({ db, runtime, principal: TEST_ADMIN });
    const rows = Array.from({ length: 2_001 }, (_, i) => ({ id: `r${i}` }));
    await expect(api.members.importRows({ rows, firstLine: 2, dryRun: true })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
