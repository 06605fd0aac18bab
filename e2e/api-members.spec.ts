import { expect, test } from '@playwright/test';

// HTTP against the started production build: route handlers and the engine are bundled separately there,
// which is where an error class compared with `instanceof` turned bad input into an empty 500.

const json = { 'content-type': 'application/json' };

test('events for unknown or malformed members answer 400 naming the field, never 500', async ({ request }) => {
  const cases: [unknown, string][] = [
    [{ memberId: 'nobody-at-all', type: 'order_paid' }, 'memberId'],
    [[{ memberId: 'm0001', type: 'page_view' }, { memberId: 'nobody', type: 'order_paid' }], '[1].memberId'],
    [{ identity: { type: 'phone', value: '10000000000' }, type: 'order_paid' }, 'identity'],
    [{ memberId: 'x'.repeat(1_000_000), type: 'order_paid' }, 'memberId'],
    [{ memberId: 'm\u0000001', type: 'order_paid' }, 'memberId'],
    [{ memberId: 'm0001', type: 'page_view', properties: { note: 'x'.repeat(20_000_000) } }, 'properties'],
  ];
  for (const [body, field] of cases) {
    const res = await request.post('/api/events', { data: body, headers: json });
    expect(res.status(), field).toBe(400);
    const answer = await res.json();
    expect(answer.errors[0].field).toBe(field);
  }
  // 10,000 levels deep: a limit, not a stack overflow.
  const deep = '{"memberId":"m0001","type":"page_view","properties":' + '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000) + '}';
  const nested = await request.post('/api/events', { data: deep, headers: json });
  expect(nested.status()).toBe(400);
  expect((await nested.json()).errors[0].message).toMatch(/deeper than/);
  // Invalid UTF-8 in the id: replaced on decoding, then refused by name.
  const broken = Buffer.concat([Buffer.from('{"memberId":"m'), Buffer.from([0xff, 0xfe]), Buffer.from('1","type":"order_paid"}')]);
  const bad = await request.post('/api/events', { data: broken, headers: json });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).errors[0].field).toBe('memberId');
  // tRPC ingest: the same 400 with the field.
  const trpc = await request.post('/api/trpc/events.ingest', { data: { events: [{ memberId: 'nobody', type: 'order_paid' }] }, headers: json });
  expect(trpc.status()).toBe(400);
  expect(JSON.stringify(await trpc.json())).toContain('Unknown member');
});

test('a profile-carrying event creates the member and enrols them; the profile API reads, exports and erases', async ({ request }) => {
  const id = `api-${Date.now()}`;
  const ev = await request.post('/api/events', {
    data: { memberId: id, type: 'member_joined', profile: { name: '周杰', phone: '+86 139 1234 5678', consent: { sms: true }, identities: { wechatOpenId: `o-${id}` } } },
    headers: json,
  });
  expect(ev.status()).toBe(202);
  // Accepted into the inbox at once; an engine worker enrols the member moments later.
  expect(await ev.json()).toEqual({ accepted: 1, duplicates: 0 });
  await expect
    .poll(async () => (await (await request.get(`/api/members/${id}/export`)).json()).enrolments?.length ?? 0, { timeout: 10_000 })
    .toBeGreaterThan(0);
  const profile = await (await request.get(`/api/members/${id}`)).json();
  expect(profile).toMatchObject({ id, name: '周杰', phone: '+8613912345678', identities: { wechatOpenId: `o-${id}` } });

  // The next event finds them by WeChat OpenID.
  const byIdentity = await request.post('/api/events', { data: { identity: { type: 'wechatOpenId', value: `o-${id}` }, type: 'page_view' }, headers: json });
  expect(byIdentity.status()).toBe(202);

  // Upsert: one bad profile in the list stores nothing from the request.
  const bad = await request.post('/api/members', { data: [{ id: `${id}-b`, name: 'B' }, { id, birthday: '1990-13-45' }], headers: json });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).errors).toEqual([{ field: '[1].birthday', message: 'birthday must be a date YYYY-MM-DD' }]);
  expect((await request.get(`/api/members/${id}-b`)).status()).toBe(404);
  const good = await request.post('/api/members', { data: [{ id: `${id}-b`, name: 'B' }, { id, tier: 'gold', attributes: { rfm: 'new' } }], headers: json });
  expect(good.status()).toBe(201);
  expect(await good.json()).toEqual({ created: 1, updated: 1, unchanged: 0 });

  const exported = await (await request.get(`/api/members/${id}/export`)).json();
  expect(exported.events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['member_joined', 'page_view', 'tier_changed']));
  expect(exported.enrolments[0].path.length).toBeGreaterThan(0);

  const erased = await request.delete(`/api/members/${id}`);
  expect(erased.status()).toBe(200);
  expect((await request.get(`/api/members/${id}`)).status()).toBe(404);
  expect((await request.get(`/api/members/${id}/export`)).status()).toBe(404);
  const after = await request.post('/api/events', { data: { memberId: id, type: 'order_paid' }, headers: json });
  expect(after.status()).toBe(400);
  expect((await request.delete(`/api/members/${id}`)).status()).toBe(404);
});
