import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { openDb, type Db } from '../src/db/client';
import { addMembers, publish } from '../src/test/fixtures';
import { startPgCluster, type PgCluster } from '../src/test/pg-cluster';

/**
 * The built app on Postgres (DATABASE_URL), as a brand would deploy it: its
 * own throwaway cluster, `next start` with one lease-mode engine worker, the
 * HTTP API and the pages read and written through the same build CI tests on
 * SQLite. Catches what only the bundled app does (the connection thread
 * loaded at run time, errors crossing bundles).
 */
const PORT = 3187;
const BASE = `http://127.0.0.1:${PORT}`;
const KEY = 'pg-e2e-admin-key';
const ADMIN = { email: 'ops@pg.local', password: 'pg-admin-password-2026' };

let cluster: PgCluster;
let app: ChildProcess;
let db: Db;
let journeyId: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  cluster = await startPgCluster();
  db = openDb(cluster.url);
  addMembers(db, [
    { id: 'pg-1', tier: 'gold', consent: { sms: true } },
    { id: 'pg-2', tier: 'silver', consent: { sms: true } },
  ]);
  ({ journeyId } = publish(db, {
    format: 'journey/v1',
    id: 'pg-welcome',
    name: 'Postgres welcome',
    entry: { reentry: 'never' },
    policy: { quietHours: 'off' },
    nodes: [
      { id: 't', kind: 'trigger.event', config: { event: 'member_joined' } },
      { id: 'hi', kind: 'action.message', config: { channel: 'sms', template: 'Hi {{member.name}}' } },
      { id: 'pts', kind: 'action.reward', config: { reward: { type: 'points', amount: 20 } } },
      { id: 'end', kind: 'end' },
    ],
    edges: [
      { source: 't', target: 'hi' },
      { source: 'hi', target: 'pts' },
      { source: 'pts', target: 'end' },
    ],
  }));
  const root = path.resolve(__dirname, '..');
  app = spawn(process.execPath, [require.resolve('next/dist/bin/next'), 'start', '-p', String(PORT), '-H', '127.0.0.1'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: cluster.url,
      DATABASE_PATH: '',
      SEED_DEMO: '0',
      ENGINE_WORKERS: '1',
      JOURNEY_ADMIN_KEY: KEY,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: 'inherit',
  });
  for (let i = 0; ; i++) {
    const ok = await fetch(`${BASE}/api/trpc/journeys.list`, { headers: { authorization: `Bearer ${KEY}` } }).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 600) throw new Error('the app on Postgres did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
});

test.afterAll(async () => {
  app?.kill('SIGTERM');
  await new Promise((r) => (app?.exitCode !== null ? r(null) : app.once('exit', r)));
  db?.$client.close();
  await cluster?.stop();
});

const api = (url: string, body?: unknown) =>
  fetch(`${BASE}${url}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

test('events posted to the app on Postgres are stepped by its lease-mode worker: paths, points and message rows', async () => {
  const res = await api('/api/events', [
    { memberId: 'pg-1', type: 'member_joined' },
    { memberId: 'pg-2', type: 'member_joined' },
    { memberId: 'pg-new', type: 'member_joined', profile: { name: '新会员', phone: '13800000001' } },
  ]);
  expect(res.status).toBe(202);
  expect(await res.json()).toEqual({ accepted: 3, duplicates: 0 });
  await expect
    .poll(() => (db.$client.prepare(`select count(*) as n from enrolments where journey_id = ? and status = 'completed'`).get(journeyId) as { n: number }).n, { timeout: 30_000 })
    .toBe(3);
  const points = db.$client.prepare(`select id, points from members where id in ('pg-1', 'pg-2', 'pg-new') order by id`).all();
  expect(points).toEqual([
    { id: 'pg-1', points: 20 },
    { id: 'pg-2', points: 20 },
    { id: 'pg-new', points: 20 },
  ]);
  // Record only (no SMS provider configured): recorded, never claimed as sent by a provider.
  // Messages are settled by the worker's delivery pass, after the step that wrote them.
  await expect
    .poll(() => db.$client.prepare(`select status, reason from outbox where type = 'message' order by member_id`).all(), { timeout: 30_000 })
    .toEqual(Array(3).fill({ status: 'sent', reason: 'record_only' }));
  const list = await (await api('/api/trpc/journeys.list')).json();
  expect(list.result.data).toEqual([expect.objectContaining({ id: journeyId, name: 'Postgres welcome', totalEnrolments: 3 })]);
});

test('bad input on Postgres: 400 naming the field, nothing stored', async () => {
  const before = (db.$client.prepare(`select count(*) as n from events`).get() as { n: number }).n;
  const unknown = await api('/api/events', [{ memberId: 'pg-1', type: 'member_joined' }, { memberId: 'nobody', type: 'member_joined' }]);
  expect(unknown.status).toBe(400);
  expect(await unknown.text()).toContain('memberId');
  const bad = await api('/api/events', [{ memberId: 'pg-1' }]);
  expect(bad.status).toBe(400);
  expect(await bad.text()).toContain('type');
  expect((db.$client.prepare(`select count(*) as n from events`).get() as { n: number }).n).toBe(before);
});

test('a person signs in to the app on Postgres and sees the journey and the engine worker holding every partition', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: BASE, storageState: undefined, extraHTTPHeaders: {} });
  const page = await context.newPage();
  const login = await context.request.post('/api/auth/login', { data: ADMIN, headers: { origin: BASE } });
  expect(login.ok()).toBe(true);
  await page.goto('/');
  await expect(page.getByText('Postgres welcome')).toBeVisible();
  await page.goto('/runtime');
  const row = page.getByTestId('engine-workers').getByTestId('worker-row');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('worker-partitions')).toHaveText(/^64\s*0–63$/);
  await expect(page.getByTestId('unowned-partitions')).toHaveCount(0);
  await context.close();
});
