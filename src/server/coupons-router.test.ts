import { describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import type { Principal } from '@/auth/permissions';
import { appRouter } from '@/server/root';
import { addMembers, makeEngine } from '@/test/fixtures';
import { chain, onEvent } from '@/test/journeys';

const marketer: Principal = { kind: 'user', id: 'u1', email: 'm@test', name: 'M', role: 'marketer' };

describe('coupons router', () => {
  it('a marketer creates a pool, uploads codes (bad lines named by number), generates more and sees the counts; the audit log has each change', async () => {
    const { db, runtime } = makeEngine();
    const api = appRouter.createCaller({ db, runtime, principal: marketer });
    const { id } = await api.coupons.create({ name: 'Double 11', lowStock: 10, expiresAt: '2099-11-11T23:59:59+08:00' });
    const upload = await api.coupons.upload({ poolId: id, csv: 'code,batch\nD11-1,a\nD11-1,a\nbad code,b\nD11-2,b\n' });
    expect(upload).toEqual({
      added: 2,
      rejected: [
        { line: 3, reason: 'duplicate', code: 'D11-1', firstLine: 2 },
        { line: 4, reason: 'invalid', code: 'bad code' },
      ],
      rejectedCount: 2,
    });
    expect(await api.coupons.generate({ poolId: id, count: 5, prefix: 'D11' })).toEqual({ added: 5 });
    const [pool] = await api.coupons.list();
    expect(pool).toMatchObject({ id, name: 'Double 11', lowStock: 10, expiresAt: Date.parse('2099-11-11T23:59:59+08:00'), low: true, counts: { available: 7, issued: 0, redeemed: 0, expired: 0, total: 7 } });
    const actions = db.$client.prepare(`select action from audit_log order by id`).pluck().all();
    expect(actions).toEqual(['coupon.pool.create', 'coupon.codes.upload', 'coupon.codes.generate']);
  });

  it('bad input is a 400 naming the field; an unknown pool is a 404; nothing is stored', async () => {
    const { db, runtime } = makeEngine();
    const api = appRouter.createCaller({ db, runtime, principal: marketer });
    const code = async (p: Promise<unknown>) => p.then(() => 'OK', (e: unknown) => (e instanceof TRPCError ? `${e.code}: ${e.message}` : 'THROWN'));
    expect(await code(api.coupons.create({ name: ' ' }))).toMatch(/^BAD_REQUEST: [\s\S]*name is required/);
    expect(await code(api.coupons.upload({ poolId: 'pool_nope', csv: 'A\n' }))).toBe('NOT_FOUND: Coupon pool pool_nope not found');
    const { id } = await api.coupons.create({ name: 'P' });
    expect(await code(api.coupons.upload({ poolId: id, csv: 'A\n"unclosed\n' }))).toMatch(/^BAD_REQUEST: csv: Not a readable CSV/);
    expect(await code(api.coupons.generate({ poolId: id, count: 0 }))).toMatch(/^BAD_REQUEST: [\s\S]*count must be at least 1/);
    expect((await api.coupons.list())[0].counts.total).toBe(0);
  });
});

describe('test runs of a journey with a coupon reward', () => {
  it('show the reward issuing a placeholder code (or pool_exhausted for an empty pool) and use no real code', async () => {
    const { db, runtime } = makeEngine();
    addMembers(db, [{ id: 'm1', name: 'Lin' }]);
    const api = appRouter.createCaller({ db, runtime, principal: marketer });
    const { id: full } = await api.coupons.create({ name: 'Full' });
    await api.coupons.upload({ poolId: full, csv: 'REAL-1\nREAL-2\n' });
    const { id: empty } = await api.coupons.create({ name: 'Empty' });
    const document = chain(
      'test-coupons',
      [
        onEvent('go'),
        { id: 'a', kind: 'action.reward', config: { reward: { type: 'coupon', poolId: full } } },
        { id: 'b', kind: 'action.reward', config: { reward: { type: 'coupon', poolId: empty } } },
        { id: 'say', kind: 'action.message', config: { channel: 'sms', template: 'Code {{coupon.code}}' } },
      ],
      { policy: { quietHours: 'off' } },
    );
    const path = await api.journeys.testRun({ document, memberId: 'm1' });
    expect(path?.effects.map((e) => [e.nodeId, e.status, e.reason, e.text])).toEqual([
      ['a', 'sent', 'sent', null],
      ['b', 'skipped', 'pool_exhausted', null],
      ['say', 'sent', 'record_only', 'Code TEST-CODE-1'],
    ]);
    expect((await api.coupons.list()).find((p) => p.id === full)?.counts).toMatchObject({ available: 2, issued: 0 });
  });

  it('the message preview shows a sample code for {{coupon.code}}', async () => {
    const { db, runtime } = makeEngine();
    addMembers(db, [{ id: 'm1', name: 'Lin' }]);
    const api = appRouter.createCaller({ db, runtime, principal: marketer });
    expect(await api.tools.previewMessage({ template: '{{member.name}}: {{coupon.code}}', memberId: 'm1' })).toMatchObject({ text: 'Lin: SAMPLE2345CODE' });
  });
});
