import { z } from 'zod';
import { call, networkFailure, withAccessToken, type TokenCall } from '../http';
import type { ChannelProvider } from '../types';
import { wechatFailure } from './wechat-api';

export const wecomConfig = z.object({
  corpId: z.string({ error: 'corpId is required' }).trim().min(1, 'corpId is required'),
  corpSecret: z.string({ error: 'corpSecret is required' }).min(1, 'corpSecret is required'),
  apiBase: z.string().trim().regex(/^https?:\/\/\S+$/, 'apiBase must start with https://').default('https://qyapi.weixin.qq.com'),
});
export type WecomConfig = z.infer<typeof wecomConfig>;

/** WeCom's token errcodes (invalid, expired): fetch a new token and try once more. */
const TOKEN_ERRORS = new Set([40014, 42001]);

/**
 * WeCom one-to-one through the member's associate: `externalcontact/add_msg_template`
 * creates a send task that the associate confirms in WeCom (`sender` = the
 * associate's user id, `external_userid` = the member as external contact).
 */
export const wecomProvider: ChannelProvider<WecomConfig> = {
  id: 'wecom',
  channels: ['wecom'],
  label: { en: 'WeCom (associate one-to-one)', zh: '企业微信(导购一对一)' },
  configSchema: wecomConfig,
  fields: [
    { key: 'corpId', label: { en: 'Corp ID', zh: '企业 ID' } },
    { key: 'corpSecret', label: { en: 'Customer-contact secret', zh: '客户联系 Secret' }, secret: true },
    { key: 'apiBase', label: { en: 'API base URL', zh: '接口地址' }, kind: 'url', optional: true, placeholder: 'https://qyapi.weixin.qq.com' },
  ],
  async send(config, msg, ctx) {
    const external = msg.recipient.wecomExternalUserId;
    if (!external) return { ok: false, retry: false, reason: 'no_recipient: the member is not a WeCom external contact (attribute wecomExternalUserId)' };
    if (!msg.recipient.associate) return { ok: false, retry: false, reason: 'no_associate: the member has no associate to send through' };
    const base = config.apiBase.replace(/\/$/, '');
    const fetchToken = async () => {
      try {
        const q = new URLSearchParams({ corpid: config.corpId, corpsecret: config.corpSecret });
        const answer = await call(ctx, `${base}/cgi-bin/gettoken?${q}`);
        const json = (answer.json ?? {}) as { errcode?: number; errmsg?: string; access_token?: string; expires_in?: number };
        if (json.access_token) return { token: json.access_token, expiresInSeconds: json.expires_in ?? 7200 };
        return wechatFailure(json.errcode ?? answer.status, `access token: ${json.errmsg ?? ''}`);
      } catch (err) {
        return networkFailure(err);
      }
    };
    const send = async (token: string): Promise<TokenCall> => {
      try {
        const answer = await call(ctx, `${base}/cgi-bin/externalcontact/add_msg_template?access_token=${encodeURIComponent(token)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ chat_type: 'single', external_userid: [external], sender: msg.recipient.associate, text: { content: msg.text } }),
        });
        const json = (answer.json ?? {}) as { errcode?: number; errmsg?: string; msgid?: string; fail_list?: string[] };
        if (json.errcode === undefined) return { result: { ok: false, retry: answer.status >= 500, reason: `http ${answer.status}` } };
        if (TOKEN_ERRORS.has(json.errcode)) return { tokenExpired: true };
        if (json.errcode !== 0) return { result: wechatFailure(json.errcode, json.errmsg ?? '') };
        if (json.fail_list?.includes(external)) return { result: { ok: false, retry: false, reason: 'wecom: the member is not a contact of this associate' } };
        return { result: { ok: true, ...(json.msgid ? { providerMessageId: json.msgid } : {}) } };
      } catch (err) {
        return { result: networkFailure(err) };
      }
    };
    return withAccessToken(ctx, `wecom:${config.corpId}`, fetchToken, send);
  },
};
