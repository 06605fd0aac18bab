import { afterEach, describe, expect, it } from 'vitest';
import { localServer, type Reply, type SeenRequest } from '@/test/local-http';
import { memoryCache, message, providerCtx } from '@/test/provider-ctx';
import { wechatSubscribeConfig, wechatSubscribeProvider } from './wechat-subscribe';
import { wechatTemplateConfig, wechatTemplateProvider } from './wechat-template';
import { wecomConfig, wecomProvider } from './wecom';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** A WeChat-shaped API: hands out numbered tokens and answers sends with the next scripted errcode. */
async function wechatApi(tokenPath: string, sendPath: string, script: number[]) {
  let issued = 0;
  const sends: { token: string; body: Record<string, unknown> }[] = [];
  const s = await localServer((r: SeenRequest): Reply => {
    if (r.url.pathname === tokenPath) return { json: { access_token: `tok-${++issued}`, expires_in: 7200 } };
    if (r.url.pathname === sendPath && r.method === 'POST') {
      sends.push({ token: r.url.searchParams.get('access_token') ?? '', body: JSON.parse(r.body) });
      const errcode = script.shift() ?? 0;
      return { json: errcode ? { errcode, errmsg: `error ${errcode}` } : { errcode: 0, errmsg: 'ok', msgid: 200228332 + sends.length } };
    }
    return { status: 404, text: 'no such path' };
  });
  close = s.close;
  return { ...s, sends, issued: () => issued };
}

describe('WeChat official-account template message', () => {
  it('fetches an access token once, caches it, and sends touser = OpenID with template data', async () => {
    const api = await wechatApi('/cgi-bin/token', '/cgi-bin/message/template/send', []);
    const config = wechatTemplateConfig.parse({ appId: 'wx123', appSecret: 'app-secret', apiBase: api.url, url: 'https://brand.example/p' });
    const ctx = providerCtx();
    const msg = message({ channel: 'wechat_template', templateId: 'ngqIpbwh8bUfcSsECmogfXcV14J0tQlEpBO27izEYtY', params: { first: '您好', keyword1: '王芳' } });
    expect(await wechatTemplateProvider.send(config, msg, ctx)).toEqual({ ok: true, providerMessageId: '200228333' });
    expect(await wechatTemplateProvider.send(config, { ...msg, idempotencyKey: 'e2:msg:1' }, ctx)).toMatchObject({ ok: true });
    const tokenCall = api.seen.find((r) => r.url.pathname === '/cgi-bin/token')!;
    expect(Object.fromEntries(tokenCall.url.searchParams)).toEqual({ grant_type: 'client_credential', appid: 'wx123', secret: 'app-secret' });
    expect(api.issued()).toBe(1);
    expect(api.sends[0]).toEqual({
      token: 'tok-1',
      body: {
        touser: 'o-abc',
        template_id: 'ngqIpbwh8bUfcSsECmogfXcV14J0tQlEpBO27izEYtY',
        url: 'https://brand.example/p',
        data: { first: { value: '您好' }, keyword1: { value: '王芳' } },
        client_msg_id: 'e1:msg:1',
      },
    });
  });

  it('refreshes the token on 42001 (expired) and 40001 (invalid) and sends again', async () => {
    const api = await wechatApi('/cgi-bin/token', '/cgi-bin/message/template/send', [42001, 0, 40001, 0]);
    const config = wechatTemplateConfig.parse({ appId: 'wx123', appSecret: 's', apiBase: api.url, templateId: 'T1' });
    const ctx = providerCtx();
    expect(await wechatTemplateProvider.send(config, message(), ctx)).toMatchObject({ ok: true });
    expect(api.sends.map((s) => s.token)).toEqual(['tok-1', 'tok-2']);
    expect(await wechatTemplateProvider.send(config, message(), ctx)).toMatchObject({ ok: true });
    expect(api.sends.map((s) => s.token)).toEqual(['tok-1', 'tok-2', 'tok-2', 'tok-3']);
    expect(ctx.cache.get('wechat:wx123', ctx.now())).toBe('tok-3');
  });

  it('fetches one token for a burst of concurrent sends', async () => {
    const api = await wechatApi('/cgi-bin/token', '/cgi-bin/message/template/send', []);
    const config = wechatTemplateConfig.parse({ appId: 'wx-burst', appSecret: 's', apiBase: api.url, templateId: 'T1' });
    const ctx = providerCtx();
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => wechatTemplateProvider.send(config, message({ idempotencyKey: `k${i}` }), ctx)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(api.issued()).toBe(1);
    expect(new Set(api.sends.map((s) => s.token))).toEqual(new Set(['tok-1']));
  });

  it('maps throttling (45009) to a retry with a wait', async () => {
    const api = await wechatApi('/cgi-bin/token', '/cgi-bin/message/template/send', [45009]);
    const config = wechatTemplateConfig.parse({ appId: 'wx1', appSecret: 's', apiBase: api.url, templateId: 'T1' });
    expect(await wechatTemplateProvider.send(config, message(), providerCtx())).toMatchObject({ ok: false, retry: true, retryAfterMs: 60_000 });
  });
});

describe('WeChat mini-program subscribe message', () => {
  it('sends to the OpenID with page and state; "user refused" (43101) turns consent off', async () => {
    const api = await wechatApi('/cgi-bin/token', '/cgi-bin/message/subscribe/send', [0, 43101]);
    const config = wechatSubscribeConfig.parse({ appId: 'wxmini', appSecret: 's', apiBase: api.url, page: 'pages/coupon/index' });
    const msg = message({ channel: 'miniprogram', templateId: 'TPL-sub', params: { thing1: '会员日', time2: '2026-11-11' } });
    const ctx = providerCtx();
    expect(await wechatSubscribeProvider.send(config, msg, ctx)).toMatchObject({ ok: true });
    expect(api.sends[0].body).toEqual({
      touser: 'o-abc',
      template_id: 'TPL-sub',
      page: 'pages/coupon/index',
      miniprogram_state: 'formal',
      lang: 'zh_CN',
      data: { thing1: { value: '会员日' }, time2: { value: '2026-11-11' } },
    });
    expect(await wechatSubscribeProvider.send(config, msg, ctx)).toMatchObject({ ok: false, retry: false, consentRevoked: true });
  });

  it('does not call WeChat for a member without an OpenID', async () => {
    const api = await wechatApi('/cgi-bin/token', '/cgi-bin/message/subscribe/send', []);
    const config = wechatSubscribeConfig.parse({ appId: 'wxmini', appSecret: 's', apiBase: api.url, templateId: 'T' });
    expect(await wechatSubscribeProvider.send(config, message({ recipient: { memberId: 'm1' } }), providerCtx())).toMatchObject({ ok: false, retry: false });
    expect(api.seen).toHaveLength(0);
  });
});

describe('WeCom external-contact message', () => {
  it('creates an add_msg_template task from the associate to the external contact, refreshing an expired token', async () => {
    const api = await wechatApi('/cgi-bin/gettoken', '/cgi-bin/externalcontact/add_msg_template', [42001, 0]);
    const config = wecomConfig.parse({ corpId: 'ww-corp', corpSecret: 'corp-secret', apiBase: api.url });
    const cache = memoryCache();
    const result = await wecomProvider.send(config, message({ channel: 'wecom', text: '王芳您好,新品到店' }), providerCtx(undefined, cache));
    expect(result).toMatchObject({ ok: true });
    const tokenCall = api.seen.find((r) => r.url.pathname === '/cgi-bin/gettoken')!;
    expect(Object.fromEntries(tokenCall.url.searchParams)).toEqual({ corpid: 'ww-corp', corpsecret: 'corp-secret' });
    expect(api.sends.map((s) => s.token)).toEqual(['tok-1', 'tok-2']);
    expect(api.sends[1].body).toEqual({ chat_type: 'single', external_userid: ['wmEXT1'], sender: 'zhangsan', text: { content: '王芳您好,新品到店' } });
    expect(cache.stored.get('wecom:ww-corp')).toBe(2);
  });
});
