import { createHash, createHmac } from 'node:crypto';
import { z } from 'zod';
import { call, networkFailure, statusFailure } from '../http';
import type { ChannelProvider, Receipt, SendResult } from '../types';

export const tencentSmsConfig = z.object({
  secretId: z.string({ error: 'secretId is required' }).trim().min(1, 'secretId is required'),
  secretKey: z.string({ error: 'secretKey is required' }).min(1, 'secretKey is required'),
  smsSdkAppId: z.string({ error: 'smsSdkAppId is required' }).trim().min(1, 'smsSdkAppId is required'),
  signName: z.string({ error: 'signName is required' }).trim().min(1, 'signName is required'),
  templateId: z.string().trim().optional(),
  region: z.string().trim().default('ap-guangzhou'),
  endpoint: z.string().trim().regex(/^https?:\/\/\S+$/, 'endpoint must start with https://').default('https://sms.tencentcloudapi.com'),
  receiptToken: z.string().optional(),
});
export type TencentSmsConfig = z.infer<typeof tencentSmsConfig>;

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s, 'utf8').digest();

export interface Tc3Input {
  secretId: string;
  secretKey: string;
  service: string;
  host: string;
  /** Unix seconds; the credential date is its UTC day. */
  timestamp: number;
  payload: string;
  contentType?: string;
}

/**
 * TencentCloud API signature v3 (TC3-HMAC-SHA256) for a POST with a JSON body:
 * canonical request → string to sign → key chain TC3+key / date / service /
 * tc3_request → hex HMAC. Returns the Authorization header.
 */
export function tc3Authorization(i: Tc3Input): string {
  const contentType = i.contentType ?? 'application/json; charset=utf-8';
  const date = new Date(i.timestamp * 1000).toISOString().slice(0, 10);
  const signedHeaders = 'content-type;host';
  const canonicalRequest = ['POST', '/', '', `content-type:${contentType}\nhost:${i.host}\n`, signedHeaders, sha256(i.payload)].join('\n');
  const scope = `${date}/${i.service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(i.timestamp), scope, sha256(canonicalRequest)].join('\n');
  const signing = hmac(hmac(hmac(`TC3${i.secretKey}`, date), i.service), 'tc3_request');
  const signature = createHmac('sha256', signing).update(stringToSign, 'utf8').digest('hex');
  return `TC3-HMAC-SHA256 Credential=${i.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

/** Template params in the template's order: keys "1", "2", … (or any keys, sorted) give the values. */
export function orderedParams(params: Record<string, string> = {}): string[] {
  const keys = Object.keys(params);
  const numeric = keys.every((k) => /^\d+$/.test(k));
  return keys.sort(numeric ? (a, b) => Number(a) - Number(b) : undefined).map((k) => params[k]);
}

const THROTTLED = /^(RequestLimitExceeded|LimitExceeded\.(PhoneNumberThirtySecondLimit|PhoneNumberOneHourLimit|DeliveryFrequencyLimit|AppGlobalDailyLimit))/;

export function tencentFailure(code: string, message: string): SendResult {
  const reason = `tencent ${code}: ${message}`.slice(0, 200);
  // A number on the do-not-disturb list has unsubscribed (replied TD): the member's consent is off.
  if (code === 'FailedOperation.PhoneNumberInBlacklist') return { ok: false, retry: false, reason, consentRevoked: true };
  const throttled = THROTTLED.exec(code);
  if (throttled) {
    const wait = code.includes('ThirtySecond') ? 30_000 : code.includes('OneHour') ? 3_600_000 : code.includes('Daily') ? 3_600_000 : 1_000;
    return { ok: false, retry: true, reason, retryAfterMs: wait };
  }
  if (/^(InternalError|FailedOperation\.(FailResolvePacket|JsonParseFail)|ResourceUnavailable)/.test(code)) return { ok: false, retry: true, reason };
  return { ok: false, retry: false, reason };
}

/** Tencent Cloud SMS `SendSms` (API version 2021-01-11), signed with TC3-HMAC-SHA256. */
export const tencentSmsProvider: ChannelProvider<TencentSmsConfig> = {
  id: 'tencent_sms',
  channels: ['sms'],
  label: { en: 'Tencent Cloud SMS', zh: '腾讯云短信' },
  configSchema: tencentSmsConfig,
  fields: [
    { key: 'secretId', label: { en: 'SecretId', zh: 'SecretId' } },
    { key: 'secretKey', label: { en: 'SecretKey', zh: 'SecretKey' }, secret: true },
    { key: 'smsSdkAppId', label: { en: 'SMS SdkAppId', zh: '短信 SdkAppId' } },
    { key: 'signName', label: { en: 'Signature name', zh: '短信签名' } },
    { key: 'templateId', label: { en: 'Default template id', zh: '默认模板 ID' }, optional: true },
    { key: 'region', label: { en: 'Region', zh: '地域' }, optional: true, placeholder: 'ap-guangzhou' },
    { key: 'endpoint', label: { en: 'Endpoint', zh: '接入地址' }, kind: 'url', optional: true, placeholder: 'https://sms.tencentcloudapi.com' },
    { key: 'receiptToken', label: { en: 'Receipt callback token', zh: '回执回调令牌' }, secret: true, optional: true },
  ],
  async send(config, msg, ctx) {
    const phone = msg.recipient.phone;
    if (!phone) return { ok: false, retry: false, reason: 'no_recipient: the member has no phone number' };
    const templateId = msg.templateId || config.templateId;
    if (!templateId) return { ok: false, retry: false, reason: 'Tencent Cloud SMS needs a template id (templateId)' };
    const payload = JSON.stringify({
      PhoneNumberSet: [phone.startsWith('+') ? phone : `+86${phone}`],
      SmsSdkAppId: config.smsSdkAppId,
      SignName: config.signName,
      TemplateId: templateId,
      TemplateParamSet: orderedParams(msg.params),
      SessionContext: msg.idempotencyKey,
    });
    const url = new URL(config.endpoint);
    const timestamp = Math.floor(ctx.now() / 1000);
    const headers = {
      authorization: tc3Authorization({ secretId: config.secretId, secretKey: config.secretKey, service: 'sms', host: url.host, timestamp, payload }),
      // fetch sends Host itself, the same url.host that was signed.
      'content-type': 'application/json; charset=utf-8',
      'x-tc-action': 'SendSms',
      'x-tc-timestamp': String(timestamp),
      'x-tc-version': '2021-01-11',
      'x-tc-region': config.region,
    };
    try {
      const answer = await call(ctx, url.toString(), { method: 'POST', headers, body: payload });
      const res = (answer.json as { Response?: { Error?: { Code: string; Message: string }; SendStatusSet?: { Code: string; Message: string; SerialNo?: string }[] } })?.Response;
      if (res?.Error) return tencentFailure(res.Error.Code, res.Error.Message);
      const status = res?.SendStatusSet?.[0];
      if (!status) return statusFailure(answer, ctx.now(), 'tencent sms');
      if (status.Code !== 'Ok') return tencentFailure(status.Code, status.Message);
      return { ok: true, ...(status.SerialNo ? { providerMessageId: status.SerialNo } : {}) };
    } catch (err) {
      return networkFailure(err);
    }
  },
  /** Status callbacks: `[{mobile, report_status: SUCCESS | FAIL, errmsg, description, sid}]`. */
  parseReceipt(body) {
    if (!Array.isArray(body)) throw new Error('body must be an array of status reports');
    return body.map((item, i): Receipt => {
      const r = (item ?? {}) as Record<string, unknown>;
      if (r.report_status !== 'SUCCESS' && r.report_status !== 'FAIL') throw new Error(`[${i}].report_status must be SUCCESS or FAIL`);
      if (typeof r.sid !== 'string') throw new Error(`[${i}].sid is required`);
      return {
        status: r.report_status === 'SUCCESS' ? 'delivered' : 'failed',
        providerMessageId: r.sid,
        ...(r.report_status === 'FAIL' ? { reason: `${String(r.errmsg ?? '')} ${String(r.description ?? '')}`.trim() } : {}),
      };
    });
  },
  receiptAck: { result: 0, errmsg: 'OK' },
};
