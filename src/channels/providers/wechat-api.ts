import { z } from 'zod';
import { call, networkFailure, withAccessToken, type TokenCall } from '../http';
import type { SendContext, SendResult } from '../types';

export const wechatConfig = z.object({
  appId: z.string({ error: 'appId is required' }).trim().min(1, 'appId is required'),
  appSecret: z.string({ error: 'appSecret is required' }).min(1, 'appSecret is required'),
  templateId: z.string().trim().optional(),
  apiBase: z.string().trim().regex(/^https?:\/\/\S+$/, 'apiBase must start with https://').default('https://api.weixin.qq.com'),
});
export type WechatConfig = z.infer<typeof wechatConfig>;

export const wechatFields = [
  { key: 'appId', label: { en: 'AppID', zh: 'AppID' } },
  { key: 'appSecret', label: { en: 'AppSecret', zh: 'AppSecret' }, secret: true },
  { key: 'templateId', label: { en: 'Default template id', zh: '默认模板 ID' }, optional: true },
  { key: 'apiBase', label: { en: 'API base URL', zh: '接口地址' }, kind: 'url' as const, optional: true, placeholder: 'https://api.weixin.qq.com' },
];

/** errcodes meaning the access token expired or is not (any longer) valid: fetch a new one. */
export const TOKEN_ERRORS = new Set([40001, 40014, 42001]);

/** How a WeChat errcode maps to a send result. */
export function wechatFailure(errcode: number, errmsg: string): SendResult {
  const reason = `wechat ${errcode}: ${errmsg}`.slice(0, 200);
  // 43101: the member refused (or did not accept) this subscription: their consent for the channel is off.
  if (errcode === 43101) return { ok: false, retry: false, reason, consentRevoked: true };
  // 43004: the member no longer follows the official account.
  if (errcode === 43004) return { ok: false, retry: false, reason, consentRevoked: true };
  // 45009 / 45011: API call frequency limits; -1: system busy.
  if (errcode === 45009 || errcode === 45011) return { ok: false, retry: true, reason, retryAfterMs: 60_000 };
  if (errcode === -1) return { ok: false, retry: true, reason, retryAfterMs: 1_000 };
  return { ok: false, retry: false, reason };
}

/** The WeChat template-data shape: each param as `{value}`. */
export function templateData(params: Record<string, string> = {}): Record<string, { value: string }> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, { value: v }]));
}

/**
 * POSTs a message to a WeChat API path with the app's access token (fetched
 * with client_credential and cached in `provider_tokens`), refreshing it once
 * when WeChat says it expired.
 */
export function postWithToken(config: WechatConfig, ctx: SendContext, path: string, body: unknown): Promise<SendResult> {
  const base = config.apiBase.replace(/\/$/, '');
  const fetchToken = async () => {
    try {
      const q = new URLSearchParams({ grant_type: 'client_credential', appid: config.appId, secret: config.appSecret });
      const answer = await call(ctx, `${base}/cgi-bin/token?${q}`);
      const json = (answer.json ?? {}) as { access_token?: string; expires_in?: number; errcode?: number; errmsg?: string };
      if (json.access_token) return { token: json.access_token, expiresInSeconds: json.expires_in ?? 7200 };
      return wechatFailure(json.errcode ?? answer.status, `access token: ${json.errmsg ?? answer.text.slice(0, 100)}`);
    } catch (err) {
      return networkFailure(err);
    }
  };
  const send = async (token: string): Promise<TokenCall> => {
    try {
      const answer = await call(ctx, `${base}${path}?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const json = (answer.json ?? {}) as { errcode?: number; errmsg?: string; msgid?: number | string };
      if (json.errcode === undefined && answer.status >= 500) return { result: { ok: false, retry: true, reason: `http ${answer.status}` } };
      if (!json.errcode) return { result: { ok: true, ...(json.msgid !== undefined ? { providerMessageId: String(json.msgid) } : {}) } };
      if (TOKEN_ERRORS.has(json.errcode)) return { tokenExpired: true };
      return { result: wechatFailure(json.errcode, json.errmsg ?? '') };
    } catch (err) {
      return { result: networkFailure(err) };
    }
  };
  return withAccessToken(ctx, `wechat:${config.appId}`, fetchToken, send);
}
