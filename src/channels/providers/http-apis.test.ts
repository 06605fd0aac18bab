import { afterEach, describe, expect, it } from 'vitest';
import { localServer, type Reply, type SeenRequest } from '@/test/local-http';
import { message, providerCtx } from '@/test/provider-ctx';
import { genericHttpConfig, genericHttpProvider } from './generic-http';
import { jpushConfig, jpushProvider } from './jpush';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function serve(handle: (r: SeenRequest) => Reply) {
  const s = await localServer(handle);
  close = s.close;
  return s;
}

describe('generic HTTP provider', () => {
  it('fills the body template with JSON-escaped values, sends configured headers and the idempotency key, reads the message id', async () => {
    const server = await serve(() => ({ json: { code: 0, data: { id: 'sms-77' } } }));
    const config = genericHttpConfig.parse({
      url: `${server.url}/send`,
      headers: '{"Authorization": "Bearer sms-key"}',
      bodyTemplate: '{"mobile": "{{phone}}", "content": "{{text}}", "code": "{{params.code}}"}',
      successPath: 'code',
      successValue: '0',
      messageIdPath: 'data.id',
    });
    const msg = message({ text: 'Say "hi"\nnow', params: { code: '9' } });
    expect(await genericHttpProvider.send(config, msg, providerCtx())).toEqual({ ok: true, providerMessageId: 'sms-77' });
    const r = server.seen[0];
    expect(r.method).toBe('POST');
    expect(r.url.pathname).toBe('/send');
    expect(r.headers).toMatchObject({ authorization: 'Bearer sms-key', 'idempotency-key': 'e1:msg:1', 'content-type': 'application/json' });
    expect(JSON.parse(r.body)).toEqual({ mobile: '+8613800138000', content: 'Say "hi"\nnow', code: '9' });
  });

  it('applies the success rule, retries 5xx and waits on 429 with Retry-After', async () => {
    let reply: Reply = { json: { code: 1001, msg: 'blocked' } };
    const server = await serve(() => reply);
    const config = genericHttpConfig.parse({ url: server.url, successPath: 'code', successValue: '0' });
    expect(await genericHttpProvider.send(config, message(), providerCtx())).toMatchObject({ ok: false, retry: false, reason: expect.stringContaining('code=1001') });
    reply = { status: 503, text: 'down' };
    expect(await genericHttpProvider.send(config, message(), providerCtx())).toMatchObject({ ok: false, retry: true });
    reply = { status: 429, headers: { 'retry-after': '7' }, text: 'slow down' };
    expect(await genericHttpProvider.send(config, message(), providerCtx())).toMatchObject({ ok: false, retry: true, retryAfterMs: 7_000 });
    reply = { status: 400, text: 'bad number' };
    expect(await genericHttpProvider.send(config, message(), providerCtx())).toMatchObject({ ok: false, retry: false });
  });

  it('form-encodes values for a form body and a GET URL', async () => {
    const server = await serve(() => ({ text: 'OK' }));
    const form = genericHttpConfig.parse({ url: server.url, escape: 'form', bodyTemplate: 'to={{phone}}&msg={{text}}' });
    await genericHttpProvider.send(form, message({ text: 'a&b c' }), providerCtx());
    expect(server.seen[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(server.seen[0].body))).toEqual({ to: '+8613800138000', msg: 'a&b c' });
    const get = genericHttpConfig.parse({ url: `${server.url}/push?device={{deviceId}}&m={{text}}`, method: 'GET' });
    await genericHttpProvider.send(get, message({ text: '你好 & bye' }), providerCtx());
    expect(Object.fromEntries(server.seen[1].url.searchParams)).toEqual({ device: 'reg-1', m: '你好 & bye' });
  });

  it('names the field of a bad config', () => {
    const bad = genericHttpConfig.safeParse({ url: 'ftp://x', headers: '[1]' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.'))).toEqual(['url', 'headers']);
  });
});

describe('JPush', () => {
  it('pushes to the registration id with Basic auth and a cid of its own; a rate limit waits until X-Rate-Limit-Reset', async () => {
    let reply: Reply = { json: { sendno: '0', msg_id: '54043195528155216' } };
    let cids = 0;
    const server = await serve((r) => (r.url.pathname === '/v3/push/cid' ? { json: { cidlist: [`app-key-cid-${++cids}`] } } : reply));
    const config = jpushConfig.parse({ appKey: 'app-key', masterSecret: 'master', apiBase: server.url, production: 'false' });
    const msg = message({ channel: 'app_push', subject: '会员日', text: '今晚 8 点开抢' });
    const ctx = providerCtx();
    expect(await jpushProvider.send(config, msg, ctx)).toEqual({ ok: true, providerMessageId: '54043195528155216' });
    const auth = `Basic ${Buffer.from('app-key:master').toString('base64')}`;
    // First the message's cid (JPush's documented guard against a retried push being pushed twice), then the push with it.
    expect(server.seen.map((r) => `${r.method} ${r.url.pathname}${r.url.search}`)).toEqual(['GET /v3/push/cid?count=1&type=push', 'POST /v3/push']);
    expect(server.seen.map((r) => r.headers.authorization)).toEqual([auth, auth]);
    expect(JSON.parse(server.seen[1].body)).toEqual({
      cid: 'app-key-cid-1',
      platform: 'all',
      audience: { registration_id: ['reg-1'] },
      notification: { alert: '今晚 8 点开抢', android: { alert: '今晚 8 点开抢', title: '会员日' }, ios: { alert: { title: '会员日', body: '今晚 8 点开抢' }, sound: 'default' } },
      options: { apns_production: false, time_to_live: 86_400 },
    });
    reply = { status: 429, headers: { 'x-rate-limit-reset': '12' }, json: { error: { code: 2002, message: 'Rate limit exceeded' } } };
    expect(await jpushProvider.send(config, msg, ctx)).toMatchObject({ ok: false, retry: true, retryAfterMs: 12_000 });
    reply = { status: 400, json: { error: { code: 1011, message: 'cannot find user by this audience' } } };
    expect(await jpushProvider.send(config, msg, ctx)).toMatchObject({ ok: false, retry: false });
    // Every attempt of the same message carried the same cid; another message gets its own.
    expect(server.seen.filter((r) => r.url.pathname === '/v3/push').map((r) => JSON.parse(r.body).cid)).toEqual(['app-key-cid-1', 'app-key-cid-1', 'app-key-cid-1']);
    await jpushProvider.send(config, message({ channel: 'app_push', idempotencyKey: 'e2:msg:1' }), ctx);
    expect(JSON.parse(server.seen.at(-1)!.body).cid).toBe('app-key-cid-2');
  });

  it('a cid JPush will not give is a failure of the send, retried when JPush says so', async () => {
    const server = await serve((r) => (r.url.pathname === '/v3/push/cid' ? { status: 503, text: 'busy' } : { json: { msg_id: '1' } }));
    const config = jpushConfig.parse({ appKey: 'app-key', masterSecret: 'master', apiBase: server.url });
    expect(await jpushProvider.send(config, message({ channel: 'app_push' }), providerCtx())).toMatchObject({ ok: false, retry: true, reason: expect.stringContaining('cid') });
    expect(server.seen.map((r) => r.url.pathname)).toEqual(['/v3/push/cid']);
  });
});
