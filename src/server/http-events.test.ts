import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { welcomeJourney } from '@/journey/examples';
import { addMembers, count, publish } from '@/test/fixtures';

// The real route handler over a real database file, without demo data.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journey-http-'));
process.env.DATABASE_PATH = path.join(dir, 'http.db');
process.env.SEED_DEMO = '0';
process.env.JOURNEY_ADMIN_KEY = 'test-admin-key';

const { POST } = await import('@/app/api/events/route');
const { getAppRuntime } = await import('@/runtime/app-runtime');
const { EngineWorker } = await import('@/runtime/worker');
const { systemClock } = await import('@/runtime/clock');
const { db } = getAppRuntime();

const post = (body: unknown) =>
  POST(new Request('http://localhost/api/events', { method: 'POST', headers: { authorization: 'Bearer test-admin-key' }, body: typeof body === 'string' ? body : JSON.stringify(body) }));

beforeAll(() => {
  addMembers(db, [{ id: 'm1' }, { id: 'm2' }]);
  publish(db, welcomeJourney);
});

describe('POST /api/events', () => {
  it('accepts a single event and an array into the inbox at once (202); an engine worker enrols the members', async () => {
    const one = await post({ memberId: 'm1', type: 'member_joined', occurredAt: '2026-11-20T10:00:00+08:00' });
    expect(one.status).toBe(202);
    expect(await one.json()).toEqual({ accepted: 1, duplicates: 0 });
    const many = await post([{ memberId: 'm2', type: 'member_joined', id: 'e-2' }, { memberId: 'm2', type: 'page_view', id: 'e-3' }]);
    expect(await many.json()).toEqual({ accepted: 2, duplicates: 0 });
    expect(await (await post({ memberId: 'm2', type: 'page_view', id: 'e-3' })).json()).toEqual({ accepted: 0, duplicates: 1 });
    // Nothing is stepped on the request's thread.
    expect(count(db, 'select count(*) n from enrolments')).toBe(0);
    expect(count(db, 'select count(*) n from inbox')).toBe(3);
    new EngineWorker({ index: 0, count: 1, db, clock: systemClock }).pass();
    expect(count(db, 'select count(*) n from enrolments')).toBe(2);
    expect(count(db, 'select count(*) n from inbox')).toBe(0);
  });

  it('rejects a malformed event with 400 naming the field, storing nothing from the request', async () => {
    const before = count(db, 'select count(*) n from events');
    const res = await post([{ memberId: 'm1', type: 'order_paid' }, { type: 'order_paid' }]);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors).toEqual([{ field: '[1].memberId', message: 'memberId is required' }]);
    expect(count(db, 'select count(*) n from events')).toBe(before);
  });

  it('names a bad timestamp, a bad type and an unknown member', async () => {
    const bad = await post({ memberId: 'm1', type: 'order_paid', occurredAt: 'yesterday' });
    expect((await bad.json()).errors[0].field).toBe('occurredAt');
    const badType = await post({ memberId: 'm1', type: 'Order Paid!' });
    expect((await badType.json()).errors[0].field).toBe('type');
    const unknown = await post([{ memberId: 'm1', type: 'order_paid' }, { memberId: 'nobody', type: 'order_paid' }]);
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).errors).toEqual([{ field: '[1].memberId', message: 'Unknown member "nobody"' }]);
    const notJson = await post('{oops');
    expect(notJson.status).toBe(400);
    expect(count(db, `select count(*) n from events where type = 'order_paid'`)).toBe(0);
  });
});
