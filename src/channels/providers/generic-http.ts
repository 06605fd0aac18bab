import { z } from 'zod';
import { call, fill, networkFailure, statusFailure } from '../http';
import type { ChannelProvider, OutboundMessage, Receipt } from '../types';

const jsonObject = (field: string) =>
  z
    .string()
    .trim()
    .optional()
    .refine((s) => {
      if (!s) return true;
      try {
        const v = JSON.parse(s);
        return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');
      } catch {
        return false;
      }
    }, `${field} must be a JSON object of strings, like {"Authorization": "Bearer …"}`);

export const genericHttpConfig = z.object({
  url: z.string({ error: 'url is required' }).trim().regex(/^https?:\/\/\S+$/, 'url must start with http:// or https://'),
  method: z.enum(['POST', 'PUT', 'GET'], { error: 'method must be POST, PUT or GET' }).default('POST'),
  headers: jsonObject('headers'),
  bodyTemplate: z.string().optional(),
  escape: z.enum(['json', 'form', 'none'], { error: 'escape must be json, form or none' }).default('json'),
  successPath: z.string().trim().optional(),
  successValue: z.string().trim().optional(),
  messageIdPath: z.string().trim().optional(),
  receiptToken: z.string().optional(),
});
export type GenericHttpConfig = z.infer<typeof genericHttpConfig>;

const DEFAULT_BODY = '{"to": "{{phone}}", "text": "{{text}}", "id": "{{idempotencyKey}}"}';

/** The placeholders a body template, URL or header may use. */
export function placeholders(msg: OutboundMessage): Record<string, string> {
  const r = msg.recipient;
  const values: Record<string, string> = {
    memberId: msg.memberId,
    phone: r.phone ?? '',
    email: r.email ?? '',
    deviceId: r.deviceId ?? '',
    wechatOpenId: r.wechatOpenId ?? '',
    associate: r.associate ?? '',
    text: msg.text,
    subject: msg.subject ?? '',
    templateId: msg.templateId ?? '',
    idempotencyKey: msg.idempotencyKey,
    journeyId: msg.journeyId,
    nodeId: msg.nodeId,
    channel: msg.channel,
  };
  for (const [k, v] of Object.entries(msg.params ?? {})) values[`params.${k}`] = v;
  return values;
}

const escapes = {
  json: (s: string) => JSON.stringify(s).slice(1, -1),
  form: (s: string) => encodeURIComponent(s),
  none: (s: string) => s,
};

/** A dotted path into a JSON answer ("data.code", "results.0.id"). */
export function at(value: unknown, path: string): unknown {
  let v = value;
  for (const part of path.split('.').filter(Boolean)) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

/**
 * Any HTTP API: URL, method, headers, a body template with `{{…}}` placeholders,
 * and a success rule (2xx, plus optionally a JSON field equal to a value).
 * Sends `Idempotency-Key` so providers that honour it drop a repeated send.
 */
export const genericHttpProvider: ChannelProvider<GenericHttpConfig> = {
  id: 'http',
  channels: ['sms', 'app_push'],
  label: { en: 'Generic HTTP API', zh: '通用 HTTP 接口' },
  configSchema: genericHttpConfig,
  fields: [
    { key: 'url', label: { en: 'URL', zh: 'URL' }, kind: 'url', placeholder: 'https://sms.example.com/send' },
    { key: 'method', label: { en: 'Method', zh: '请求方法' }, kind: 'select', options: ['POST', 'PUT', 'GET'] },
    { key: 'headers', label: { en: 'Headers (JSON)', zh: '请求头(JSON)' }, secret: true, kind: 'textarea', optional: true, placeholder: '{"Authorization": "Bearer …"}' },
    { key: 'bodyTemplate', label: { en: 'Body template', zh: '请求体模板' }, kind: 'textarea', optional: true, placeholder: DEFAULT_BODY },
    { key: 'escape', label: { en: 'Escape values as', zh: '变量转义方式' }, kind: 'select', options: ['json', 'form', 'none'] },
    { key: 'successPath', label: { en: 'Success field (JSON path, optional)', zh: '成功判定字段(JSON 路径,可选)' }, optional: true, placeholder: 'code' },
    { key: 'successValue', label: { en: 'Success value', zh: '成功值' }, optional: true, placeholder: '0' },
    { key: 'messageIdPath', label: { en: 'Message id field (JSON path)', zh: '消息 ID 字段(JSON 路径)' }, optional: true, placeholder: 'data.id' },
    { key: 'receiptToken', label: { en: 'Receipt callback token', zh: '回执回调令牌' }, secret: true, optional: true },
  ],
  async send(config, msg, ctx) {
    const values = placeholders(msg);
    const headers: Record<string, string> = { 'idempotency-key': msg.idempotencyKey, ...(config.headers ? JSON.parse(config.headers) : {}) };
    for (const k of Object.keys(headers)) headers[k] = fill(headers[k], values);
    const url = fill(config.url, values, encodeURIComponent);
    let body: string | undefined;
    if (config.method !== 'GET') {
      body = fill(config.bodyTemplate || DEFAULT_BODY, values, escapes[config.escape]);
      const hasType = Object.keys(headers).some((k) => k.toLowerCase() === 'content-type');
      if (!hasType) headers['content-type'] = config.escape === 'form' ? 'application/x-www-form-urlencoded' : config.escape === 'json' ? 'application/json' : 'text/plain; charset=utf-8';
    }
    try {
      const answer = await call(ctx, url, { method: config.method, headers, body });
      if (answer.status < 200 || answer.status >= 300) return statusFailure(answer, ctx.now(), 'http provider');
      if (config.successPath) {
        const got = at(answer.json, config.successPath);
        if (String(got) !== (config.successValue ?? '')) {
          return { ok: false, retry: false, reason: `provider refused: ${config.successPath}=${JSON.stringify(got)} ${answer.text.slice(0, 160)}` };
        }
      }
      const id = config.messageIdPath ? at(answer.json, config.messageIdPath) : undefined;
      return { ok: true, ...(id !== undefined && id !== null ? { providerMessageId: String(id) } : {}) };
    } catch (err) {
      return networkFailure(err);
    }
  },
  /** `{messageId | idempotencyKey, status: delivered | failed | opened, reason?}` or an array of them. */
  parseReceipt(body) {
    const list = Array.isArray(body) ? body : [body];
    return list.map((item, i): Receipt => {
      const r = (item ?? {}) as Record<string, unknown>;
      if (!['delivered', 'failed', 'opened'].includes(r.status as string)) throw new Error(`[${i}].status must be delivered, failed or opened`);
      if (typeof r.messageId !== 'string' && typeof r.idempotencyKey !== 'string') throw new Error(`[${i}].messageId or idempotencyKey is required`);
      return {
        status: r.status as Receipt['status'],
        ...(typeof r.messageId === 'string' ? { providerMessageId: r.messageId } : {}),
        ...(typeof r.idempotencyKey === 'string' ? { idempotencyKey: r.idempotencyKey } : {}),
        ...(typeof r.reason === 'string' ? { reason: r.reason } : {}),
      };
    });
  },
};
