import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JourneyDocument } from '@/journey';
import { addMembers, count, pathOf, publish } from '@/test/fixtures';
import { localServer } from '@/test/local-http';

// The real route handlers over a real database file, without demo data.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journey-channels-'));
process.env.DATABASE_PATH = path.join(dir, 'channels.db');
process.env.SEED_DEMO = '0';
process.env.JOURNEY_ADMIN_KEY = 'test-admin-key';
process.env.SECRETS_KEY = 'receipts-test-secrets-key-2026';

const { getAppRuntime } = await import('@/runtime/app-runtime');
const receipts = await import('@/app/api/receipts/[provider]/route');
const click = await import('@/app/r/[token]/route');
const unsubscribe = await import('@/app/u/[token]/route');
const inbox = await import('@/app/api/inbox/[memberId]/route');
const read = await import('@/app/api/inbox/[memberId]/[messageId]/read/route');
const { saveChannelProvider } = await import('@/channels/config');
const { sendMessage } = await import('@/channels/send');
const { trackLinks } = await import('@/channels/links');
const { recipientFor } = await import('@/channels/recipient');
const { db } = getAppRuntime();

const clickJourney: JourneyDocument = {
  format: 'journey/v1',
  id: 'click-wait',
  name: 'Wait for a click',
  entry: { reentry: 'never' },
  nodes: [
    { id: 'trigger', kind: 'trigger.event', config: { event: 'member_joined' }, position: { x: 0, y: 0 } },
    { id: 'mail', kind: 'action.message', config: { channel: 'email', template: 'See https://brand.test/sale' }, position: { x: 0, y: 100 } },
    { id: 'wait_click', kind: 'wait.event', config: { event: 'message_clicked', timeout: 'P3D' }, position: { x: 0, y: 200 } },
    { id: 'clicked', kind: 'end', position: { x: 0, y: 300 } },
    { id: 'ignored', kind: 'end', position: { x: 200, y: 300 } },
  ],
  edges: [
    { source: 'trigger', target: 'mail' },
    { source: 'mail', target: 'wait_click' },
    { source: 'wait_click', sourceHandle: 'event', target: 'clicked' },
    { source: 'wait_click', sourceHandle: 'timeout', target: 'ignored' },
  ],
};

let journeyId = '';
beforeAll(() => {
  addMembers(db, [{ id: 'm1', consent: { email: true, sms: true } }, { id: 'm2' }]);
  db.$client.prepare(`update members set phone = '+8613800138000', email = 'm1@example.com', associate = 'zhangsan' where id = 'm1'`).run();
  db.$client.prepare(`insert into member_identities (type, value, member_id, added_at) values ('wechatOpenId', 'o-m1', 'm1', 1), ('deviceId', 'reg-m1', 'm1', 1)`).run();
  journeyId = publish(db, clickJourney).journeyId;
});

/** The started app only queues events for its engine workers; the test plays the worker (a no-op for an in-process engine). */
function drainInbox(): void {
  const rt = getAppRuntime().runtime as unknown as { processInbox?: (partitions: null) => { processed: number } };
  while (rt.processInbox && rt.processInbox(null).processed > 0);
}

const events = (type: string) =>
  db.$client.prepare(`select member_id as memberId, properties from events where type = ? order by seq`).all(type).map((r) => {
    const row = r as { memberId: string; properties: string };
    return { memberId: row.memberId, ...JSON.parse(row.properties) };
  });

describe('recipientFor', () => {
  it('builds the recipient from the profile and identities', () => {
    expect(recipientFor(db, 'm1')).toEqual({ memberId: 'm1', phone: '+8613800138000', email: 'm1@example.com', associate: 'zhangsan', wechatOpenId: 'o-m1', deviceId: 'reg-m1' });
    expect(recipientFor(db, 'nobody')).toBeNull();
  });
});

describe('tracked links: GET /r/:token', () => {
  it('records message_clicked with journey, node and channel, redirects to the stored target, and moves a member waiting for the click', async () => {
    getAppRuntime().runtime.ingest([{ memberId: 'm1', type: 'member_joined' }]);
    drainInbox();
    expect(pathOf(db, 'm1', journeyId)).toEqual(['enter:trigger', 'exit:trigger:out', 'enter:mail', 'exit:mail:out', 'enter:wait_click']);
    const text = trackLinks('Sale: https://brand.test/sale?x=1 now', { db, memberId: 'm1', journeyId, nodeId: 'mail', channel: 'email', idempotencyKey: 'k-click', baseUrl: 'https://app.test' });
    const token = /https:\/\/app\.test\/r\/([\w-]+) now$/.exec(text)![1];
    const res = await click.GET(new Request(`http://localhost/r/${token}`), { params: Promise.resolve({ token }) });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://brand.test/sale?x=1');
    expect(events('message_clicked')).toEqual([{ memberId: 'm1', journeyId, nodeId: 'mail', channel: 'email', url: 'https://brand.test/sale?x=1' }]);
    drainInbox();
    expect(pathOf(db, 'm1', journeyId)).toContain('exit:wait_click:event');
  });

  it('never redirects for an unknown token (no open redirect)', async () => {
    const res = await click.GET(new Request('http://localhost/r/nope?to=https://evil.test'), { params: Promise.resolve({ token: 'nope' }) });
    expect(res.status).toBe(404);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('not valid');
  });
});

describe('one-click unsubscribe: /u/:token', () => {
  it('confirms on GET (in the reader’s language) and unsubscribes the channel on POST, once', async () => {
    await sendMessage(db, { idempotencyKey: 'k-unsub', memberId: 'm1', journeyId, nodeId: 'mail', channel: 'email', recipient: { memberId: 'm1' }, text: 'x' }, { env: {} });
    // No email provider here: record only, and no unsubscribe link is made for a message that is not sent.
    expect(count(db, `select count(*) n from link_tokens where kind = 'unsubscribe'`)).toBe(0);
    const { unsubscribeLink } = await import('@/channels/links');
    const token = unsubscribeLink({ db, memberId: 'm1', journeyId, nodeId: 'mail', channel: 'email', idempotencyKey: 'k-unsub' }).split('/u/')[1];
    const params = { params: Promise.resolve({ token }) };
    const page = await unsubscribe.GET(new Request(`http://localhost/u/${token}`, { headers: { 'accept-language': 'zh-CN,zh;q=0.9' } }), params);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('不再接收我们的邮件消息');
    expect(events('unsubscribed')).toHaveLength(0);
    const post = () => unsubscribe.POST(new Request(`http://localhost/u/${token}`, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), { params: Promise.resolve({ token }) });
    expect(await (await post()).text()).toContain('You are unsubscribed from Email messages');
    await post();
    expect(events('unsubscribed')).toEqual([{ memberId: 'm1', channel: 'email', journeyId, nodeId: 'mail', source: 'one_click' }]);
    expect(JSON.parse((db.$client.prepare(`select consent from members where id = 'm1'`).get() as { consent: string }).consent)).toMatchObject({ email: false, sms: true });
  });
});

describe('revokeConsent', () => {
  it('records one unsubscribed event for the channel and turns that consent off at once', async () => {
    const { revokeConsent } = await import('@/channels/events');
    const consent = JSON.parse((db.$client.prepare(`select consent from members where id = 'm2'`).get() as { consent: string }).consent);
    db.$client.prepare(`update members set consent = ? where id = 'm2'`).run(JSON.stringify({ ...consent, miniprogram: true }));
    revokeConsent('m2', 'miniprogram', 'wechat 43101: user refuse to accept the msg', 'k-refused');
    revokeConsent('m2', 'miniprogram', 'wechat 43101: user refuse to accept the msg', 'k-refused');
    expect(events('unsubscribed').filter((e) => e.memberId === 'm2')).toEqual([{ memberId: 'm2', channel: 'miniprogram', source: 'provider', reason: 'wechat 43101: user refuse to accept the msg' }]);
    expect(JSON.parse((db.$client.prepare(`select consent from members where id = 'm2'`).get() as { consent: string }).consent)).toMatchObject({ miniprogram: false });
  });
});

describe('delivery receipts: POST /api/receipts/:provider', () => {
  it('turns authenticated callbacks into message_delivered / message_failed events found by the provider’s message id', async () => {
    const api = await localServer(() => ({ json: { code: 0, id: 'prov-42' } }));
    saveChannelProvider(db, { channel: 'sms', provider: 'http', values: { url: api.url, successPath: 'code', successValue: '0', messageIdPath: 'id', receiptToken: 'rcpt-token-1' } }, 'test', Date.now());
    const sent = await sendMessage(db, { idempotencyKey: 'k-sms', memberId: 'm1', journeyId, nodeId: 'sms_node', channel: 'sms', recipient: recipientFor(db, 'm1')!, text: 'hi' });
    await api.close();
    expect(sent).toEqual({ ok: true, providerMessageId: 'prov-42' });

    const post = (body: unknown, auth?: string) =>
      receipts.POST(new Request('http://localhost/api/receipts/http', { method: 'POST', headers: auth ? { authorization: `Bearer ${auth}` } : {}, body: JSON.stringify(body) }), {
        params: Promise.resolve({ provider: 'http' }),
      });
    expect((await post({ messageId: 'prov-42', status: 'delivered' })).status).toBe(401);
    expect((await post({ messageId: 'prov-42', status: 'delivered' }, 'wrong')).status).toBe(401);
    expect(events('message_delivered')).toHaveLength(0);

    const ok = await post([{ messageId: 'prov-42', status: 'delivered' }, { idempotencyKey: 'k-sms', status: 'delivered' }, { messageId: 'unknown', status: 'failed' }], 'rcpt-token-1');
    expect(await ok.json()).toEqual({ recorded: 1, duplicates: 1, unmatched: 1 });
    expect(events('message_delivered')).toEqual([{ memberId: 'm1', journeyId, nodeId: 'sms_node', channel: 'sms', provider: 'http' }]);
    const viaQuery = await receipts.POST(new Request('http://localhost/api/receipts/http?token=rcpt-token-1', { method: 'POST', body: JSON.stringify({ messageId: 'prov-42', status: 'failed', reason: 'MK:0005' }) }), {
      params: Promise.resolve({ provider: 'http' }),
    });
    expect(viaQuery.status).toBe(200);
    expect(events('message_failed')).toEqual([{ memberId: 'm1', journeyId, nodeId: 'sms_node', channel: 'sms', provider: 'http', reason: 'MK:0005' }]);
    expect((await post({ messageId: 'prov-42', status: 'bounced' }, 'rcpt-token-1')).status).toBe(400);
    const unknown = await receipts.POST(new Request('http://localhost/api/receipts/nope', { method: 'POST', body: '{}' }), { params: Promise.resolve({ provider: 'nope' }) });
    expect(unknown.status).toBe(404);
  });
});

describe('in-app inbox: GET /api/inbox/:memberId and read receipts', () => {
  const auth = { authorization: 'Bearer test-admin-key' };
  it('delivers in-app messages into the inbox without configuration and records message_opened on the first read', async () => {
    const sent = await sendMessage(db, { idempotencyKey: 'k-inapp', memberId: 'm1', journeyId, nodeId: 'inapp', channel: 'in_app', recipient: { memberId: 'm1' }, subject: '会员日', text: '今晚 8 点开抢' });
    await sendMessage(db, { idempotencyKey: 'k-inapp', memberId: 'm1', journeyId, nodeId: 'inapp', channel: 'in_app', recipient: { memberId: 'm1' }, subject: '会员日', text: '今晚 8 点开抢' });
    expect(sent).toMatchObject({ ok: true });
    const params = { params: Promise.resolve({ memberId: 'm1' }) };
    expect((await inbox.GET(new Request('http://localhost/api/inbox/m1'), params)).status).toBe(401);
    const list = await (await inbox.GET(new Request('http://localhost/api/inbox/m1', { headers: auth }), { params: Promise.resolve({ memberId: 'm1' }) })).json();
    expect(list).toMatchObject({ memberId: 'm1', unread: 1, messages: [{ title: '会员日', body: '今晚 8 点开抢', journeyId, nodeId: 'inapp', readAt: null }] });
    const id = String(list.messages[0].id);
    const readIt = () => read.POST(new Request(`http://localhost/api/inbox/m1/${id}/read`, { method: 'POST', headers: auth }), { params: Promise.resolve({ memberId: 'm1', messageId: id }) });
    expect((await readIt()).status).toBe(200);
    await readIt();
    expect(events('message_opened')).toEqual([{ memberId: 'm1', journeyId, nodeId: 'inapp', channel: 'in_app' }]);
    const other = await read.POST(new Request(`http://localhost/api/inbox/m2/${id}/read`, { method: 'POST', headers: auth }), { params: Promise.resolve({ memberId: 'm2', messageId: id }) });
    expect(other.status).toBe(404);
    const bad = await inbox.GET(new Request('http://localhost/api/inbox/m1?limit=0', { headers: auth }), { params: Promise.resolve({ memberId: 'm1' }) });
    expect((await bad.json()).errors[0].field).toBe('limit');
  });

  it('erasure empties the texts of in-app messages and the targets of tracked links, keeping the rows', async () => {
    const { eraseMemberMessages } = await import('@/db/message-tracking');
    eraseMemberMessages(db, 'm1');
    expect(db.$client.prepare(`select count(*) n from inbox_messages where member_id = 'm1' and (body != '' or title is not null)`).get()).toEqual({ n: 0 });
    expect(db.$client.prepare(`select count(*) n from link_tokens where member_id = 'm1' and kind = 'click' and target is not null`).get()).toEqual({ n: 0 });
    expect(count(db, `select count(*) n from inbox_messages where member_id = 'm1'`)).toBe(1);
  });
});
