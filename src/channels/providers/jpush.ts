import { z } from 'zod';
import { call, networkFailure, retryAfterMs } from '../http';
import type { ChannelProvider, SendResult } from '../types';

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

/** App push through JPush's push API (`POST /v3/push`), Basic auth appKey:masterSecret, to the member's registration id. */
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
    const body = {
      platform: 'all',
      audience: { registration_id: [device] },
      notification: { alert: msg.text, android: { alert: msg.text, ...(title ? { title } : {}) }, ios: { alert: title ? { title, body: msg.text } : msg.text, sound: 'default' } },
      options: { apns_production: config.production === 'true', time_to_live: 86_400 },
    };
    try {
      const answer = await call(ctx, `${config.apiBase.replace(/\/$/, '')}/v3/push`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${config.appKey}:${config.masterSecret}`).toString('base64')}`, 'content-type': 'application/json' },
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
