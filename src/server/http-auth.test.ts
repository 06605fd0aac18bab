import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMembers, count } from '@/test/fixtures';

// Route handlers over a real database file: credentials, key scopes, rate limits, CSRF and lockout.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journey-auth-'));
process.env.DATABASE_PATH = path.join(dir, 'auth.db');
process.env.SEED_DEMO = '0';
process.env.JOURNEY_ADMIN_KEY = 'env-admin-key';
process.env.ADMIN_EMAIL = 'boss@brand.example';
process.env.ADMIN_PASSWORD = 'correct horse battery';
process.env.API_KEY_RATE_PER_MINUTE = '5';

const events = await import('@/app/api/events/route');
const membersRoute = await import('@/app/api/members/route');
const memberRoute = await import('@/app/api/members/[id]/route');
const exportRoute = await import('@/app/api/members/[id]/export/route');
const crowds = await import('@/app/api/crowds/export/route');
const trpc = await import('@/app/api/trpc/[trpc]/route');
const login = await import('@/app/api/auth/login/route');
const { getAppRuntime } = await import('@/runtime/app-runtime');
const { appRouter } = await import('@/server/root');
const { usersReady } = await import('@/server/auth/users-ready');
const { db, runtime } = getAppRuntime();

const ORIGIN = 'http://app.local';
const req = (url: string, init: RequestInit & { auth?: string; cookie?: string } = {}) => {
  const headers = new Headers(init.headers);
  if (init.auth) headers.set('authorization', init.auth);
  if (init.cookie) headers.set('cookie', init.cookie);
  headers.set('host', 'app.local');
  return new Request(`${ORIGIN}${url}`, { ...init, headers });
};
const params = (id: string) => ({ params: Promise.resolve({ id }) });
const json = { 'content-type': 'application/json', origin: ORIGIN };

async function signInCookie(email: string, password: string): Promise<{ status: number; cookie: string }> {
  const res = await login.POST(req('/api/auth/login', { method: 'POST', headers: json, body: JSON.stringify({ email, password }) }));
  return { status: res.status, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] };
}

let ingestKey = '';
let adminKey = '';
beforeAll(async () => {
  // As at start-up: the first admin comes from ADMIN_EMAIL / ADMIN_PASSWORD while there is no user.
  await usersReady();
  addMembers(db, [{ id: 'm1' }]);
  db.$client.exec(`update members set phone = '13800138000', email = 'm1@example.com' where id = 'm1'`);
  const admin = appRouter.createCaller({ db, runtime, principal: { kind: 'system', name: 'test' } });
  ingestKey = (await admin.access.createKey({ name: 'pos-sync', scope: 'ingest' })).secret;
  adminKey = (await admin.access.createKey({ name: 'ops', scope: 'admin' })).secret;
  await admin.access.createUser({ email: 'ana@brand.example', name: 'Ana', role: 'analyst', password: 'analyst password 1' });
});

describe('credentials', () => {
  it('answers 401 JSON without or with wrong credentials on every API', async () => {
    const calls = [
      () => events.POST(req('/api/events', { method: 'POST', headers: json, body: '{}' })),
      () => membersRoute.POST(req('/api/members', { method: 'POST', headers: json, body: '{}' })),
      () => memberRoute.GET(req('/api/members/m1'), params('m1')),
      () => memberRoute.DELETE(req('/api/members/m1', { method: 'DELETE' }), params('m1')),
      () => exportRoute.GET(req('/api/members/m1/export'), params('m1')),
      () => crowds.GET(req('/api/crowds/export?journeyId=x&nodeId=y&kind=passed')),
      () => trpc.GET(req('/api/trpc/journeys.list')),
    ];
    for (const call of calls) {
      const res = await call();
      expect(res.status).toBe(401);
      expect((await res.json()).error).toMatch(/Sign in/);
    }
    const wrong = await memberRoute.GET(req('/api/members/m1', { auth: 'Bearer nope' }), params('m1'));
    expect(wrong.status).toBe(401);
    expect(count(db, 'select count(*) n from members where erased_at is not null')).toBe(0);
  });

  it('an ingest key feeds events and members only; an admin key reaches everything', async () => {
    const ingest = `Bearer ${ingestKey}`;
    const ev = await events.POST(req('/api/events', { method: 'POST', auth: ingest, headers: json, body: JSON.stringify({ memberId: 'm1', type: 'page_view' }) }));
    expect(ev.status).toBe(202);
    const up = await membersRoute.POST(req('/api/members', { method: 'POST', auth: ingest, headers: json, body: JSON.stringify({ id: 'm2', name: 'New' }) }));
    expect(up.status).toBe(201);
    expect((await memberRoute.GET(req('/api/members/m1', { auth: ingest }), params('m1'))).status).toBe(403);
    expect((await trpc.GET(req('/api/trpc/journeys.list', { auth: ingest }))).status).toBe(403);
    const full = await memberRoute.GET(req('/api/members/m1', { auth: `Bearer ${adminKey}` }), params('m1'));
    expect((await full.json()).phone).toBe('13800138000');
    expect(count(db, `select count(*) n from audit_log where action = 'member.unmask' and actor = 'key:ops' and target = 'member:m1'`)).toBe(1);
    expect((await trpc.GET(req('/api/trpc/journeys.list', { auth: 'Bearer env-admin-key' }))).status).toBe(200);
    const used = db.$client.prepare(`select last_used_at from api_keys where name = 'pos-sync'`).pluck().get();
    expect(used).not.toBeNull();
  });

  it('a key over its rate limit gets 429 with Retry-After', async () => {
    const auth = `Bearer ${adminKey}`;
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 8; i++) {
      const res = await trpc.GET(req('/api/trpc/journeys.list', { auth }));
      statuses.push(res.status);
      retryAfter ??= res.headers.get('retry-after');
    }
    expect(statuses).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});

describe('sessions', () => {
  it('signs in the first admin from the environment; an analyst sees phones masked', async () => {
    const boss = await signInCookie('boss@brand.example', 'correct horse battery');
    expect(boss.status).toBe(200);
    expect(boss.cookie).toMatch(/^jc_session=/);
    const ana = await signInCookie('ana@brand.example', 'analyst password 1');
    const profile = await (await memberRoute.GET(req('/api/members/m1', { cookie: ana.cookie }), params('m1'))).json();
    expect(profile.phone).toBe('138****8000');
    expect(profile.email).toBe('m***@example.com');
    expect((await exportRoute.GET(req('/api/members/m1/export', { cookie: ana.cookie }), params('m1'))).status).toBe(403);
  });

  it('refuses cross-site and text/plain posts made with the session cookie (CSRF)', async () => {
    const { cookie } = await signInCookie('boss@brand.example', 'correct horse battery');
    const body = JSON.stringify({ memberId: 'm1', type: 'unsubscribed' });
    const crossSite = await events.POST(req('/api/events', { method: 'POST', cookie, headers: { 'content-type': 'text/plain', origin: 'http://evil.example' }, body }));
    expect(crossSite.status).toBe(403);
    const plain = await events.POST(req('/api/events', { method: 'POST', cookie, headers: { 'content-type': 'text/plain', origin: ORIGIN }, body }));
    expect(plain.status).toBe(403);
    const noOrigin = await events.POST(req('/api/events', { method: 'POST', cookie, headers: { 'content-type': 'application/json' }, body }));
    expect(noOrigin.status).toBe(403);
    expect(count(db, `select count(*) n from events where type = 'unsubscribed'`)).toBe(0);
    const ok = await events.POST(req('/api/events', { method: 'POST', cookie, headers: json, body: JSON.stringify({ memberId: 'm1', type: 'page_view' }) }));
    expect(ok.status).toBe(202);
  });

  it('locks an account after five wrong passwords, even against the right one, and audits it', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await signInCookie('ana@brand.example', 'wrong password')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expect((await signInCookie('ana@brand.example', 'analyst password 1')).status).toBe(423);
    expect(count(db, `select count(*) n from audit_log where action = 'auth.locked'`)).toBe(1);
    expect(count(db, `select count(*) n from audit_log where action = 'auth.sign_in_failed'`)).toBeGreaterThanOrEqual(5);
  });
});
