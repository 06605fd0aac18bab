import { z } from 'zod';
import { call, networkFailure, retryAfterMs } from '../http';
import type { ChannelProvider, OutboundMessage, SendContext, SendResult } from '../types';

export const jpushConfig = z.object({
  appKey: z.string({ error: 'appKey is required' }).trim().min(1, 'appKey is required'),
  masterSecret: z.string({ error: 'masterSecret is required' }).min(1, 'masterSecret is required'),
  production: z.enum(['true', 'false'], { error: 'production must be true or false' }).default('true'),
  apiBase: z.string().trim().regex(/^https?:\/\/\S+$/, 'apiBase must start with https://').default('https://api.jpush.cn'),
});
export type JpushConfig = z.infer<typeof jpushConfig>;

/** JPush error codes: 2002 / 2008 are rate limits; 1011 has no target device; 1004/1008 bad credentials. */
export function jpushFailure(status: number, code: number | undefined, message: string, resetHeader: string | null, now: number): SendResult {
  const reason = `jpush ${code ?? status}: ${message}`.slice(0, 200);
  if (status === 429 || code === 2002 || code === 2008) return { ok: false, retry: true, reason, retryAfterMs: retryAfterMs(resetHeader, now, 60_000) };
  if (status >= 500 || code === 1000) return { ok: false, retry: true, reason };
  return { ok: false, retry: false, reason };
}

/** A cid is valid for a day at JPush; ours is kept a little less so it is never used stale. */
const CID_TTL_MS = 23 * 3600_000;

/**
 * JPush's own idempotency: a push carrying a `cid` (fetched from `GET /v3/push/cid`) that JPush has seen before
 * returns the first push's result instead of pushing again. One cid per message, stored under the message's key in
 * the shared token cache before the push, so a retry (or a worker restarted mid-send) reuses it.
 */
async function cidFor(config: JpushConfig, msg: OutboundMessage, ctx: SendContext, base: string, authorization: string): Promise<string | SendResult> {
  const key = `jpush:cid:${config.appKey}:${msg.idempotencyKey}`;
  const known = ctx.cache.get(key, ctx.now());
  if (known) return known;
  const answer = await call(ctx, `${base}/v3/push/cid?count=1&type=push`, { headers: { authorization } });
  const json = (answer.json ?? {}) as { cidlist?: unknown; error?: { code?: number; message?: string } };
  const cid = Array.isArray(json.cidlist) && typeof json.cidlist[0] === 'string' ? json.cidlist[0] : null;
  if (answer.status >= 200 && answer.status < 300 && cid) {
    ctx.cache.set(key, cid, ctx.now() + CID_TTL_MS);
    return cid;
  }
  return jpushFailure(answer.status, json.error?.code, `cid: ${json.error?.message ?? answer.text.slice(0, 100)}`, answer.headers.get('x-rate-limit-reset'), ctx.now());
}

/** App push through JPush's push API (`POST /v3/push`), Basic auth appKey:masterSecret, to the member's registration id, with a cid per message. */
export const jpushProvider: ChannelProvider<JpushConfig> = {
  id: 'jpush',
  channels: ['app_push'],
  label: { en: 'JPush', zh: '极光推送' },
  configSchema: jpushConfig,
  fields: [
    { key: 'appKey', label: { en: 'AppKey', zh: 'AppKey' } },
    { key: 'masterSecret', label: { en: 'Master secret', zh: 'Master Secret' }, secret: true },
    { key: 'production', label: { en: 'APNs production', zh: 'APNs 生产环境' }, kind: 'select', options: ['true', 'false'] },
    { key: 'apiBase', label: { en: 'API base URL', zh: '接口地址' }, kind: 'url', optional: true, placeholder: 'https://api.jpush.cn' },
  ],
  async send(config, msg, ctx) {
    const device = msg.recipient.deviceId;
    if (!device) return { ok: false, retry: false, reason: 'no_recipient: the member has no device id' };
    const title = msg.subject ?? '';
    const base = config.apiBase.replace(/\/$/, '');
    const authorization = `Basic ${Buffer.from(`${config.appKey}:${config.masterSecret}`).toString('base64')}`;
    let cid: string | SendResult;
    try {
      cid = await cidFor(config, msg, ctx, base, authorization);
    } catch (err) {
      return networkFailure(err);
    }
    if (typeof cid !== 'string') return cid;
    const body = {
      cid,
      platform: 'all',
      audience: { registration_id: [device] },
      notification: { alert: msg.text, android: { alert: msg.text, ...(title ? { title } : {}) }, ios: { alert: title ? { title, body: msg.text } : msg.text, sound: 'default' } },
      options: { apns_production: config.production === 'true', time_to_live: 86_400 },
    };
    try {
      const answer = await call(ctx, `${base}/v3/push`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const json = (answer.json ?? {}) as { msg_id?: string | number; error?: { code?: number; message?: string } };
      if (answer.status >= 200 && answer.status < 300 && json.msg_id !== undefined) return { ok: true, providerMessageId: String(json.msg_id) };
      return jpushFailure(answer.status, json.error?.code, json.error?.message ?? answer.text.slice(0, 100), answer.headers.get('x-rate-limit-reset'), ctx.now());
    } catch (err) {
      return networkFailure(err);
    }
  },
};
