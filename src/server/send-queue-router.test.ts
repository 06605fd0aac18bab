import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '@/auth/permissions';
import { saveChannelProvider } from '@/channels/config';
import { Dispatcher } from '@/runtime/dispatcher';
import { providerChannels } from '@/runtime/provider-sends';
import { appRouter } from '@/server/root';
import { count, makeEngine, publish, T0, TEST_ADMIN } from '@/test/fixtures';
import { addMember, chain, onEvent, rows } from '@/test/journeys';

// A provider at a local HTTP server that refuses (400: not worth retrying) until told to accept.
let accept = false;
const received: string[] = [];
let server: Server;
let url = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (!accept) return void res.writeHead(400).end('bad number');
      received.push(String(JSON.parse(body).to));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const marketer: Principal = { kind: 'user', id: 'u-m', email: 'm@test', name: 'marketer', role: 'marketer' };

/** Two members who get an SMS from a journey, handed to the provider by an engine worker's gateway. */
function setup() {
  const engine = makeEngine();
  const { db, runtime } = engine;
  addMember(db, { id: 'a', phone: '+8613800000001', consent: { sms: true } });
  addMember(db, { id: 'b', phone: '+8613800000002', consent: { sms: true } });
  saveChannelProvider(db, { channel: 'sms', provider: 'http', values: { url, method: 'POST' } }, 'test', T0);
  publish(db, chain('promo', [onEvent('go'), { id: 'text', kind: 'action.message', config: { channel: 'sms', template: 'Hi' } }], { policy: { quietHours: 'off' } }));
  runtime.sends = providerChannels(db);
  runtime.ingest([
    { memberId: 'a', type: 'go' },
    { memberId: 'b', type: 'go' },
  ]);
  runtime.deliverOutboxFor(null);
  return { ...engine, admin: appRouter.createCaller({ db, runtime, principal: TEST_ADMIN }) };
}

async function sendAll(d: Dispatcher) {
  while (d.pump() > 0) await d.idle();
}

describe('send limits in Settings → Channels, the send queue and provider dead letters on the runtime page', () => {
  it('admins set a channel’s limits (audited); bad values are refused naming the field; marketers cannot', async () => {
    const { db, runtime, admin } = setup();
    await admin.sendLimits.save({ channel: 'sms', perSecond: 100, perMinute: 3000 });
    expect(await admin.sendLimits.list()).toEqual([expect.objectContaining({ channel: 'sms', perSecond: 100, perMinute: 3000 })]);
    await expect(admin.sendLimits.save({ channel: 'sms', perSecond: 0, perMinute: null })).rejects.toThrow('perSecond must be at least 1');
    await expect(admin.sendLimits.save({ channel: 'fax', perSecond: 1, perMinute: null })).rejects.toThrow('channel must be one of');
    const asMarketer = appRouter.createCaller({ db, runtime, principal: marketer });
    await expect(asMarketer.sendLimits.save({ channel: 'sms', perSecond: 1, perMinute: null })).rejects.toThrow('Not allowed');
    expect(rows(db, `select action, target, detail from audit_log where action = 'channel.rate_limit.save'`)).toEqual([
      { action: 'channel.rate_limit.save', target: 'channel:sms', detail: JSON.stringify({ before: null, after: { perSecond: 100, perMinute: 3000 } }) },
    ]);
    // Both empty: no limit any more.
    await admin.sendLimits.save({ channel: 'sms', perSecond: null, perMinute: null });
    expect(await admin.sendLimits.list()).toEqual([]);
  });

  it('the runtime page’s send queue per channel: queued, held back by the rate limit, since when', async () => {
    const { db, clock, admin } = setup();
    await admin.sendLimits.save({ channel: 'sms', perSecond: 1, perMinute: null });
    accept = true;
    const d = new Dispatcher(db, clock);
    await sendAll(d);
    expect(received).toHaveLength(1);
    expect((await admin.runtime.stats()).sendQueue).toEqual([{ channel: 'sms', queued: 1, deferred: 1, oldestAt: T0, perSecond: 1, perMinute: null }]);
    clock.advance(1000);
    await sendAll(d);
    expect((await admin.runtime.stats()).sendQueue).toEqual([{ channel: 'sms', queued: 0, deferred: 0, oldestAt: null, perSecond: 1, perMinute: null }]);
    received.length = 0;
  });

  it('a provider message that died is listed beside webhooks, retried for its channel (audited), goes through the gateway again, and is sent', async () => {
    const { db, clock, runtime, admin } = setup();
    accept = false;
    const d = new Dispatcher(db, clock);
    await sendAll(d);
    expect(await admin.runtime.deadLetterCounts()).toEqual([{ channel: 'sms', dead: 2 }]);
    const dead = await admin.runtime.deadLetters({ limit: 10, channel: 'sms' });
    expect(dead).toHaveLength(2);
    expect(dead[0]).toEqual(expect.objectContaining({ journeyId: 'promo', channel: 'sms', attempts: 1, reason: 'http 400: bad number' }));
    expect(await admin.runtime.deadLetters({ limit: 10, channel: 'webhook' })).toEqual([]);
    await expect(appRouter.createCaller({ db, runtime, principal: marketer }).runtime.retryChannel({ channel: 'sms' })).rejects.toThrow('Not allowed');

    // Member b withdrew SMS consent meanwhile: the retried message meets the gateway again and is skipped.
    db.$client.prepare(`update members set consent = '{"sms":false}' where id = 'b'`).run();
    accept = true;
    expect(await admin.runtime.retryChannel({ channel: 'sms' })).toEqual({ retried: 2 });
    await expect(admin.runtime.retryChannel({ channel: 'sms' })).rejects.toThrow('No dead letters for channel sms');
    expect(count(db, `select count(*) n from audit_log where action = 'outbox.retry_channel' and target = 'channel:sms'`)).toBe(1);
    clock.advance(1000);
    runtime.deliverOutboxFor(null);
    await sendAll(d);
    expect(received).toEqual(['+8613800000001']);
    expect(rows(db, `select member_id m, status, reason from outbox order by member_id`)).toEqual([
      { m: 'a', status: 'sent', reason: 'sent' },
      { m: 'b', status: 'skipped', reason: 'no_consent' },
    ]);
    expect((await admin.runtime.stats()).outboxDead).toBe(0);
    received.length = 0;
  });
});
