import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '@/db/client';
import { storeToken } from '@/db/channel-providers';
import { rows } from '@/test/journeys';
import { localServer } from '@/test/local-http';
import { message } from '@/test/provider-ctx';
import { wechatTemplateConfig, wechatTemplateProvider } from './providers/wechat-template';
import { dbTokenCache } from './send';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

const NOW = Date.parse('2026-11-02T00:00:00Z');
const HOUR = 3600_000;

describe('access tokens in provider_tokens', () => {
  it('storing a fresh token drops the expired ones and keeps the valid ones', async () => {
    const api = await localServer((r) =>
      r.url.pathname === '/cgi-bin/token' ? { json: { access_token: 'tok-new', expires_in: 7200 } } : { json: { errcode: 0, errmsg: 'ok', msgid: 1 } },
    );
    close = api.close;
    const db = openDb(':memory:');
    // An app whose token ran out (its channel was reconfigured since, so nothing fetches it again), and one still valid.
    storeToken(db, 'wechat:wx-old', 'tok-old', NOW - HOUR, NOW - 3 * HOUR);
    storeToken(db, 'wecom:corp1', 'tok-valid', NOW + HOUR, NOW - 2 * HOUR);
    expect(rows(db, 'select key from provider_tokens order by key')).toEqual([{ key: 'wechat:wx-old' }, { key: 'wecom:corp1' }]);

    const config = wechatTemplateConfig.parse({ appId: 'wx123', appSecret: 's', apiBase: api.url, templateId: 'T1' });
    const ctx = { fetch, now: () => NOW, cache: dbTokenCache(db, () => NOW), signal: AbortSignal.timeout(5_000) };
    expect(await wechatTemplateProvider.send(config, message({ channel: 'wechat_template' }), ctx)).toMatchObject({ ok: true });

    expect(rows(db, 'select key, token from provider_tokens order by key')).toEqual([
      { key: 'wechat:wx123', token: 'tok-new' },
      { key: 'wecom:corp1', token: 'tok-valid' },
    ]);
    db.$client.close();
  });
});
