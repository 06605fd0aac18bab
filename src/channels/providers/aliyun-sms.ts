import { createHmac, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { call, networkFailure, statusFailure } from '../http';
import type { ChannelProvider, Receipt, SendResult } from '../types';

export const aliyunSmsConfig = z.object({
  accessKeyId: z.string({ error: 'accessKeyId is required' }).trim().min(1, 'accessKeyId is required'),
  accessKeySecret: z.string({ error: 'accessKeySecret is required' }).min(1, 'accessKeySecret is required'),
  signName: z.string({ error: 'signName is required' }).trim().min(1, 'signName is required'),
  templateCode: z.string().trim().optional(),
  endpoint: z.string().trim().regex(/^https?:\/\/\S+$/, 'endpoint must start with https://').default('https://dysmsapi.aliyuncs.com'),
  receiptToken: z.string().optional(),
});
export type AliyunSmsConfig = z.infer<typeof aliyunSmsConfig>;

/** RFC 3986 encoding as the RPC signature documents it: only A-Z a-z 0-9 - _ . ~ stay as they are. */
export function percentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Alibaba Cloud's RPC signature (V2): parameters sorted by name, encoded,
 * joined; StringToSign = METHOD & encode("/") & encode(query);
 * Signature = Base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign)).
 */
export function signRpc(method: string, params: Record<string, string>, accessKeySecret: string): string {
  const query = Object.keys(params)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k])}`)
    .join('&');
  const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(query)}`;
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign, 'utf8').digest('base64');
}

/** Aliyun takes mainland numbers without +86, other countries as 00 + country code. */
export function aliyunPhone(phone: string): string {
  if (phone.startsWith('+86')) return phone.slice(3);
  if (phone.startsWith('+')) return `00${phone.slice(1)}`;
  return phone;
}

// Codes that say "too many now": the send waits and tries again.
const THROTTLED = new Set(['isv.BUSINESS_LIMIT_CONTROL', 'Throttling.User', 'Throttling.Api', 'Throttling', 'isv.DAY_LIMIT_CONTROL']);
const TRANSIENT = new Set(['isp.SYSTEM_ERROR', 'isp.RAM_PERMISSION_DENY', 'ServiceUnavailable', 'InternalError']);

export function aliyunFailure(code: string, message: string): SendResult {
  const reason = `aliyun ${code}: ${message}`.slice(0, 200);
  if (THROTTLED.has(code)) return { ok: false, retry: true, reason, retryAfterMs: code === 'isv.DAY_LIMIT_CONTROL' ? 3_600_000 : 60_000 };
  if (TRANSIENT.has(code)) return { ok: false, retry: true, reason };
  return { ok: false, retry: false, reason };
}

/** Alibaba Cloud SMS `SendSms` (API version 2017-05-25): a signed template message, the effect's key as OutId. */
export const aliyunSmsProvider: ChannelProvider<AliyunSmsConfig> = {
  id: 'aliyun_sms',
  channels: ['sms'],
  label: { en: 'Alibaba Cloud SMS', zh: '阿里云短信' },
  configSchema: aliyunSmsConfig,
  fields: [
    { key: 'accessKeyId', label: { en: 'AccessKey ID', zh: 'AccessKey ID' } },
    { key: 'accessKeySecret', label: { en: 'AccessKey secret', zh: 'AccessKey Secret' }, secret: true },
    { key: 'signName', label: { en: 'Signature name', zh: '短信签名' } },
    { key: 'templateCode', label: { en: 'Default template code', zh: '默认模板 CODE' }, optional: true, placeholder: 'SMS_123456789' },
    { key: 'endpoint', label: { en: 'Endpoint', zh: '接入地址' }, kind: 'url', optional: true, placeholder: 'https://dysmsapi.aliyuncs.com' },
    { key: 'receiptToken', label: { en: 'Receipt callback token', zh: '回执回调令牌' }, secret: true, optional: true },
  ],
  async send(config, msg, ctx) {
    const phone = msg.recipient.phone;
    if (!phone) return { ok: false, retry: false, reason: 'no_recipient: the member has no phone number' };
    const templateCode = msg.templateId || config.templateCode;
    if (!templateCode) return { ok: false, retry: false, reason: 'Alibaba Cloud SMS needs a template code (templateId)' };
    const params: Record<string, string> = {
      AccessKeyId: config.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      OutId: msg.idempotencyKey.slice(0, 256),
      PhoneNumbers: aliyunPhone(phone),
      SignName: config.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      TemplateCode: templateCode,
      TemplateParam: JSON.stringify(msg.params ?? {}),
      // ISO 8601 in UTC without milliseconds, as the API asks.
      Timestamp: new Date(ctx.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
    };
    const signature = signRpc('POST', params, config.accessKeySecret);
    const body = Object.entries({ ...params, Signature: signature })
      .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
      .join('&');
    try {
      const answer = await call(ctx, `${config.endpoint.replace(/\/$/, '')}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      const json = (answer.json ?? {}) as { Code?: string; Message?: string; BizId?: string };
      if (json.Code === 'OK') return { ok: true, ...(json.BizId ? { providerMessageId: json.BizId } : {}) };
      if (json.Code) return aliyunFailure(json.Code, json.Message ?? '');
      return statusFailure(answer, ctx.now(), 'aliyun sms');
    } catch (err) {
      return networkFailure(err);
    }
  },
  /** SmsReport pushes: `[{phone_number, success, err_code, err_msg, biz_id, out_id, …}]`. */
  parseReceipt(body) {
    if (!Array.isArray(body)) throw new Error('body must be an array of SmsReport items');
    return body.map((item, i): Receipt => {
      const r = (item ?? {}) as Record<string, unknown>;
      if (typeof r.success !== 'boolean') throw new Error(`[${i}].success must be true or false`);
      return {
        status: r.success ? 'delivered' : 'failed',
        ...(typeof r.biz_id === 'string' ? { providerMessageId: r.biz_id } : {}),
        ...(typeof r.out_id === 'string' && r.out_id ? { idempotencyKey: r.out_id } : {}),
        ...(r.success ? {} : { reason: `${String(r.err_code ?? '')} ${String(r.err_msg ?? '')}`.trim() }),
      };
    });
  },
  receiptAck: { code: 0, msg: '成功' },
};
