import { describe, expect, it } from 'vitest';
import { makeEngine } from '@/test/fixtures';
import { profileView } from './profile-view';
import { parseProfiles, type MemberProfile } from './profile-schema';
import { isInputError } from './errors';
import { upsertMembers } from '@/runtime/members';

const parse = (body: unknown) => {
  const r = parseProfiles(body);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.profiles;
};
const upsert = (runtime: ReturnType<typeof makeEngine>['runtime'], body: unknown) => upsertMembers(runtime, parse(body), { mode: 'all-or-nothing' });
const errorsOf = (body: unknown) => {
  const r = parseProfiles(body);
  return r.ok ? [] : r.errors;
};

describe('profile validation', () => {
  it('accepts every field and normalises phone and email', () => {
    const [p] = parse({
      id: 'c-1', name: ' 王芳 ', phone: '+86 138-0013-8000', email: 'Wang.Fang@Example.COM', gender: 'female', birthday: '1990-02-28', city: '上海',
      store: 'S001', associate: 'A007', tier: 'gold', points: 1200, growth: 30, storedValue: 5000, tz: 'Asia/Shanghai', consent: { sms: true, email: false },
      tags: ['vip', '新客'], attributes: { rfm: 'loyal', shoe_size: 38 }, identities: { wechatOpenId: 'o-abc', wechatUnionId: 'u-abc', deviceId: 'd-1' },
      joinedAt: '2025-06-01T10:00:00+08:00', joinChannel: 'join_wechat',
    });
    expect(p).toMatchObject({ name: '王芳', phone: '+8613800138000', email: 'wang.fang@example.com', joinedAt: '2025-06-01' });
  });

  it('names every bad field, with the item index for a list', () => {
    const errors = errorsOf([
      { id: 'ok' },
      { id: 'x', birthday: '1990-02-30' },
      { id: 'y', phone: 'call me', email: 'nope', gender: 'f', tz: 'Mars/Olympus', points: -1, growth: 1.5, consent: { sms: 'yes' } },
      { id: 'z', tags: ['has space'], attributes: { 'bad key': 1 }, identities: { qq: '1' }, colour: 'red' },
      { name: 'no id' },
    ]);
    const fields = errors.map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        '[1].birthday', '[2].phone', '[2].email', '[2].gender', '[2].tz', '[2].points', '[2].growth', '[2].consent.sms',
        '[3].tags.0', '[3].attributes.bad key', '[3].identities', '[3]', '[4].id',
      ]),
    );
    expect(errors.find((e) => e.field === '[1].birthday')?.message).toBe('birthday must be a date YYYY-MM-DD');
  });

  it('refuses ids with control characters or broken UTF-8, huge strings and deep attributes', () => {
    expect(errorsOf({ id: 'a\u0000b' })[0].field).toBe('id');
    expect(errorsOf({ id: 'a\ufffdb' })[0].field).toBe('id');
    expect(errorsOf({ id: 'x'.repeat(1_000_000) })[0].message).toMatch(/at most 128/);
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = { d: deep };
    expect(errorsOf({ id: 'd', attributes: { deep } })[0].message).toMatch(/deeper than 16/);
    expect(errorsOf({ id: 'd', attributes: { big: 'x'.repeat(20_000_000) } })[0].message).toMatch(/longer than/);
  });

  it('refuses a list over 10,000, an empty list and one id twice', () => {
    expect(errorsOf([])[0].field).toBe('body');
    expect(errorsOf(Array.from({ length: 10_001 }, (_, i) => ({ id: `m${i}` })))[0].message).toMatch(/At most 10000/);
    expect(errorsOf([{ id: 'a' }, { id: 'a' }])).toEqual([{ field: '[1].id', message: 'id "a" appears twice in the request' }]);
  });
});

describe('upsert', () => {
  it('creates, then replaces given fields, keeps absent ones and merges attributes and consent key by key', () => {
    const { db, runtime } = makeEngine();
    expect(upsert(runtime, { id: 'c1', name: 'Li', city: '北京', attributes: { rfm: 'new', size: 'M' }, consent: { sms: true }, tags: ['a', 'b'] })).toMatchObject({ created: 1, updated: 0 });
    expect(upsert(runtime, { id: 'c1', city: '上海', attributes: { rfm: 'loyal', size: null, pet: 'cat' }, consent: { email: true }, tags: ['b', 'c'] })).toMatchObject({ created: 0, updated: 1 });
    const p = profileView(db, 'c1')!;
    expect(p).toMatchObject({ name: 'Li', city: '上海', attributes: { rfm: 'loyal', pet: 'cat' }, consent: { sms: true, email: true }, tags: ['b', 'c'] });
    expect(p.attributes).not.toHaveProperty('size');
    // The same data again changes nothing.
    expect(upsert(runtime, { id: 'c1', city: '上海' })).toMatchObject({ updated: 0, unchanged: 1 });
    // null clears an optional field.
    upsert(runtime, { id: 'c1', city: null });
    expect(profileView(db, 'c1')!.city).toBeNull();
  });

  it('emits tier_changed with direction and profile_updated with the fields that changed', () => {
    const { db, runtime } = makeEngine();
    upsert(runtime, { id: 'c1', tier: 'silver' });
    upsert(runtime, { id: 'c1', tier: 'gold', city: '杭州', tags: ['vip'] });
    upsert(runtime, { id: 'c1', tier: 'bronze' });
    const rows = db.$client.prepare(`select type, properties from events where member_id = 'c1' order by seq`).all() as { type: string; properties: string }[];
    expect(rows.map((r) => [r.type, JSON.parse(r.properties)])).toEqual([
      ['tier_changed', { from: 'silver', to: 'gold', direction: 'up' }],
      ['profile_updated', { fields: ['city', 'tags'] }],
      ['tier_changed', { from: 'gold', to: 'bronze', direction: 'down' }],
    ]);
  });

  it('keeps one identity per member and stores nothing from a request with a conflict', () => {
    const { db, runtime } = makeEngine();
    upsert(runtime, { id: 'a', phone: '13800138000', identities: { wechatOpenId: 'o-1' } });
    let err: unknown;
    try {
      upsert(runtime, [{ id: 'new-1', name: 'fine' }, { id: 'b', phone: '138 0013 8000' }, { id: 'c', identities: { wechatOpenId: 'o-1' } }]);
    } catch (e) {
      err = e;
    }
    expect(isInputError(err)).toBe(true);
    expect((err as { fields: unknown }).fields).toEqual([
      { field: '[1].phone', message: 'phone already belongs to member "a"' },
      { field: '[2].identities.wechatOpenId', message: 'wechatOpenId already belongs to member "a"' },
    ]);
    expect(profileView(db, 'new-1')).toBeNull();
    // The owner can change its own identity; the old value is free again.
    upsert(runtime, { id: 'a', phone: '13900139000' });
    expect(upsert(runtime, { id: 'b', phone: '13800138000' })).toMatchObject({ created: 1 });
  });

  it('refuses a tier that is not on the workspace ladder', () => {
    const { runtime } = makeEngine();
    expect(() => upsertMembers(runtime, parse({ id: 'a', tier: 'diamond' }) as MemberProfile[], { mode: 'all-or-nothing' })).toThrow(
      'tier: tier "diamond" is not one of bronze, silver, gold, platinum',
    );
  });
});
