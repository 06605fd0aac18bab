import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { saveChannelProvider } from '@/channels/config';
import { openDb, type Db } from '@/db/client';
import { ownedPartitions } from '@/db/inbox';
import { saveRateLimit } from '@/db/send-rate';
import { validateJourney } from '@/journey';
import { count, publish, T0 } from '@/test/fixtures';
import { addMember, chain, onEvent, rows } from '@/test/journeys';
import { VirtualClock } from './clock';
import { Dispatcher } from './dispatcher';
import { JourneyRuntime } from './engine';
import { providerChannels } from './provider-sends';

// A fake SMS provider: the generic HTTP provider pointed at this server, which notes each request's key and the
// simulated time it arrived. Receipts are counted here, at the server, not in our own tables.
let clock = new VirtualClock(T0);
let received: { key: string; at: number }[] = [];
let server: Server;
let url = '';
let dir = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ key: String(JSON.parse(body).id), at: clock.now() });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  received = [];
  clock = new VirtualClock(T0);
  dir = mkdtempSync(join(tmpdir(), 'rate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const memberId = (i: number) => `m${String(i).padStart(4, '0')}`;

type JourneySpec = { id: string; perMinute?: number; first: number; count: number };

/** `n` members with SMS consent, journeys sending each an SMS when `go_<journey>` arrives, the provider at the server above. */
function setup(db: Db, n: number, journeys: JourneySpec[] = [{ id: 'sms', first: 0, count: n }]) {
  db.transaction(() => {
    for (let i = 0; i < n; i++) addMember(db, { id: memberId(i), phone: `+86138${String(i).padStart(8, '0')}`, consent: { sms: true } });
  });
  saveChannelProvider(db, { channel: 'sms', provider: 'http', values: { url, method: 'POST' } }, 'test', T0);
  for (const j of journeys) {
    const policy = { quietHours: 'off' as const, ...(j.perMinute ? { maxSendsPerMinute: j.perMinute } : {}) };
    publish(db, chain(j.id, [onEvent(`go_${j.id}`), { id: 'text', kind: 'action.message', config: { channel: 'sms', template: 'Hi {{member.id}}' } }], { policy }));
  }
  for (const j of journeys) arrive(db, j.id, j.first, j.count);
}

/** `go_<journey>` for members first … first+count-1, stepped until their messages wait for the provider. */
function arrive(db: Db, journey: string, first: number, n: number) {
  const runtime = new JourneyRuntime(db, clock, true);
  runtime.sends = providerChannels(db);
  const before = count(db, `select count(*) n from outbox where status = 'sending'`);
  runtime.accept(Array.from({ length: n }, (_, k) => ({ memberId: memberId(first + k), type: `go_${journey}` })));
  while (runtime.processInbox(null, 500).processed) runtime.deliverOutboxFor(null, 1000);
  while (runtime.deliverOutboxFor(null, 1000));
  expect(count(db, `select count(*) n from outbox where status = 'sending'`)).toBe(before + n);
}

/** Starts every send the limits allow now and waits for the answers (or stops once `stop()`); returns how many went. */
async function drain(d: Dispatcher, stop: () => boolean = () => false): Promise<number> {
  let started = 0;
  for (let n = d.pump(); n > 0 && !stop(); n = d.pump()) {
    started += n;
    await d.idle();
    if (stop()) break;
  }
  return started;
}

/** Runs the dispatchers on simulated time in `stepMs` steps until `done` (checked after every batch) or `until`. */
async function run(ds: Dispatcher[], done: () => boolean, until: number, stepMs = 50): Promise<void> {
  for (;;) {
    for (const d of ds) await drain(d, done);
    if (done() || clock.now() >= until) return;
    clock.advance(stepMs);
  }
}

/** The most sends in any sliding window of `ms` (a window ending at each send). */
function busiest(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[j] <= sorted[i] - ms) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe('send rate limits', () => {
  it('1,000 messages through a provider limited to 100/s: 100 in each of 10 seconds, in order, none lost or doubled across a restart', async () => {
    const file = join(dir, 'db.sqlite');
    let db = openDb(file);
    setup(db, 1000);
    saveRateLimit(db, { channel: 'sms', perSecond: 100, perMinute: null }, 'test', T0);
    const order = new Map(rows<{ key: string; id: number }>(db, `select idempotency_key key, id from outbox`).map((r) => [r.key, r.id]));

    let d = new Dispatcher(db, clock);
    await run([d], () => received.length >= 450, T0 + 60_000);
    expect(clock.now()).toBe(T0 + 4000);
    // Restart mid-way, halfway through the fifth second: the worker finishes the sends in hand and stops; a new one
    // (new connection, new dispatcher) starts at once. It may send only the 50 the fifth second has left, which it
    // knows from the database alone.
    const before = received.length;
    await d.idle();
    db.$client.close();
    db = openDb(file);
    d = new Dispatcher(db, clock);
    expect(before + (await drain(d))).toBe(500);
    await run([d], () => received.length >= 1000, T0 + 60_000);

    // None lost or doubled, counted at the provider.
    expect(received).toHaveLength(1000);
    expect(new Set(received.map((r) => r.key)).size).toBe(1000);
    expect(count(db, `select count(*) n from outbox where status = 'sent' and reason = 'sent'`)).toBe(1000);
    // Never more than 100 in any second; 100 in each of the seconds +0 … +9.
    const times = received.map((r) => r.at);
    expect(busiest(times, 1000)).toBe(100);
    const perSecond = new Map<number, number>();
    for (const t of times) perSecond.set(Math.floor((t - T0) / 1000), (perSecond.get(Math.floor((t - T0) / 1000)) ?? 0) + 1);
    expect([...perSecond.entries()].sort((a, b) => a[0] - b[0])).toEqual(Array.from({ length: 10 }, (_, s) => [s, 100]));
    // In order: each second sends the next hundred (by outbox id); within a second, at most the few in flight at once overtake.
    const ids = received.map((r) => order.get(r.key)!);
    const sortedIds = [...ids].sort((a, b) => a - b);
    for (let s = 0; s < 10; s++) {
      const inSecond = received.filter((r) => Math.floor((r.at - T0) / 1000) === s).map((r) => order.get(r.key)!);
      expect([...inSecond].sort((a, b) => a - b)).toEqual(sortedIds.slice(s * 100, s * 100 + 100));
    }
    ids.forEach((id, i) => expect(Math.abs(sortedIds.indexOf(id) - i)).toBeLessThan(4));
    // The thousand hold the provider for 10 s: a message queued as the last of them leaves waits until +10 s.
    expect(clock.now()).toBe(T0 + 9000);
    addMember(db, { id: 'late', phone: '+8613900000000', consent: { sms: true } });
    const runtime = new JourneyRuntime(db, clock, true);
    runtime.sends = providerChannels(db);
    runtime.accept([{ memberId: 'late', type: 'go_sms' }]);
    runtime.processInbox(null);
    runtime.deliverOutboxFor(null);
    expect(await drain(d)).toBe(0);
    expect(rows(db, `select deliver_after at, reason from outbox where member_id = 'late'`)).toEqual([{ at: T0 + 10_000, reason: 'deferred: rate_limit' }]);
    db.$client.close();
  }, 60_000);

  it('a limit survives a restart (its state is in the database); each waiting message is logged deferred once, not per poll', async () => {
    const file = join(dir, 'db.sqlite');
    let db = openDb(file);
    setup(db, 150, [{ id: 'sms', first: 0, count: 100 }]);
    saveRateLimit(db, { channel: 'sms', perSecond: 100, perMinute: 120 }, 'test', T0);
    expect(await drain(new Dispatcher(db, clock))).toBe(100);
    db.$client.close();

    // A restarted worker; 50 more messages arrive within the same second.
    db = openDb(file);
    const d = new Dispatcher(db, clock);
    clock.set(T0 + 200);
    arrive(db, 'sms', 100, 50);
    for (const t of [T0 + 200, T0 + 400, T0 + 999]) {
      clock.set(t);
      expect(await drain(d)).toBe(0);
    }
    expect(rows(db, `select deliver_after at, reason, count(*) n from outbox where status = 'sending' group by 1, 2`)).toEqual([{ at: T0 + 1000, reason: 'deferred: rate_limit', n: 50 }]);
    expect(count(db, `select count(*) n from delivery_log where decision = 'deferred' and reason = 'rate_limit'`)).toBe(50);
    // The next second has room for 100, but the minute only for 20 more; the other 30 wait for the minute to pass.
    clock.set(T0 + 1000);
    expect(await drain(d)).toBe(20);
    expect(count(db, `select count(*) n from outbox where status = 'sending' and deliver_after = ?`, T0 + 60_000)).toBe(30);
    clock.set(T0 + 59_999);
    expect(await drain(d)).toBe(0);
    clock.set(T0 + 60_000);
    expect(await drain(d)).toBe(30);
    expect(received).toHaveLength(150);
    expect(new Set(received.map((r) => r.key)).size).toBe(150);
    // Still one line per message that waited: waiting on after the first wait is the same wait.
    expect(count(db, `select count(*) n from delivery_log where decision = 'deferred'`)).toBe(50);
    expect(count(db, `select count(distinct outbox_id) n from delivery_log where decision = 'deferred'`)).toBe(50);
    db.$client.close();
  });

  it("a journey's max sends per minute holds back only that journey's messages", async () => {
    const db = openDb(':memory:');
    setup(db, 80, [
      { id: 'limited', perMinute: 30, first: 0, count: 50 },
      { id: 'free', first: 50, count: 30 },
    ]);
    const d = new Dispatcher(db, clock);
    await run([d], () => false, T0 + 59_000, 1000);
    const byJourney = (j: string) => rows<{ n: number }>(db, `select count(*) n from outbox where journey_id = ? and status = 'sent'`, j)[0].n;
    const journeyId = (name: string) => rows<{ id: string }>(db, `select id from journeys where name = ?`, name)[0].id;
    expect(byJourney(journeyId('limited'))).toBe(30);
    expect(byJourney(journeyId('free'))).toBe(30);
    expect(count(db, `select count(*) n from outbox where status = 'sending' and reason = 'deferred: rate_limit'`)).toBe(20);
    await run([d], () => received.length >= 80, T0 + 120_000, 1000);
    expect(received).toHaveLength(80);
    expect(clock.now()).toBe(T0 + 60_000);
    const limited = new Set(rows<{ key: string }>(db, `select idempotency_key key from outbox where journey_id = ?`, journeyId('limited')).map((r) => r.key));
    expect(busiest(received.filter((r) => limited.has(r.key)).map((r) => r.at), 60_000)).toBe(30);
  });

  it('two engine workers on one database together stay under the limit', async () => {
    const file = join(dir, 'db.sqlite');
    const a = openDb(file);
    setup(a, 300);
    saveRateLimit(a, { channel: 'sms', perSecond: 50, perMinute: null }, 'test', T0);
    const b = openDb(file);
    const workers = [new Dispatcher(a, clock, { partitions: ownedPartitions(0, 2) }), new Dispatcher(b, clock, { partitions: ownedPartitions(1, 2) })];
    await run(workers, () => received.length >= 300, T0 + 60_000, 100);
    expect(received).toHaveLength(300);
    expect(new Set(received.map((r) => r.key)).size).toBe(300);
    expect(busiest(received.map((r) => r.at), 1000)).toBe(50);
    expect(clock.now()).toBe(T0 + 5000);
    a.$client.close();
    b.$client.close();
  });

  it('a journey limit that is not a whole number of at least 1 is refused, naming the field', () => {
    const doc = (maxSendsPerMinute: number) =>
      chain('x', [onEvent('go'), { id: 'text', kind: 'action.message', config: { channel: 'sms', template: 'Hi' } }], { policy: { quietHours: 'off', maxSendsPerMinute } });
    expect(validateJourney(doc(0))).toEqual([expect.objectContaining({ path: 'policy.maxSendsPerMinute', message: expect.stringMatching(/maxSendsPerMinute/i) })]);
    expect(validateJourney(doc(2.5))).toEqual([expect.objectContaining({ path: 'policy.maxSendsPerMinute', message: expect.stringMatching(/maxSendsPerMinute/i) })]);
    expect(validateJourney(doc(600))).toEqual([]);
  });
});
