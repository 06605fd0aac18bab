import { z } from 'zod';
import type { ChannelProvider, Env, SendResult } from '../types';
import { smtpPools } from './smtp-pool';

const smtpUrl = z
  .string({ error: 'url is required' })
  .trim()
  .regex(/^smtps?:\/\/[^\s/]+/, 'url must look like smtp://user:pass@host:port or smtps://…');

export const smtpConfig = z.object({
  url: smtpUrl,
  from: z.string({ error: 'from is required' }).trim().min(3, 'from must be an address like "Brand <news@brand.com>"'),
});
export type SmtpConfig = z.infer<typeof smtpConfig>;

/** Email over SMTP, configured in Settings → Channels or by `SMTP_URL` + `EMAIL_FROM`. */
export const smtpProvider: ChannelProvider<SmtpConfig> = {
  id: 'smtp',
  channels: ['email'],
  label: { en: 'Email (SMTP)', zh: '邮件(SMTP)' },
  // No delivery receipts over SMTP: the receiving server's 250 is delivery (bounces arrive later as receipts, if configured).
  acceptIsDelivery: true,
  configSchema: smtpConfig,
  fields: [
    { key: 'url', label: { en: 'SMTP URL (smtp://user:pass@host:port)', zh: 'SMTP 地址(smtp://用户:密码@主机:端口)' }, secret: true, kind: 'url', placeholder: 'smtps://user:pass@smtp.example.com:465' },
    { key: 'from', label: { en: 'From address', zh: '发件人' }, kind: 'text', placeholder: 'Brand <news@brand.com>' },
  ],
  async send(config, msg, ctx) {
    const to = msg.recipient.email;
    if (!to) return { ok: false, retry: false, reason: 'no_recipient: the member has no email address' };
    const headers: Record<string, string> = { 'X-Idempotency-Key': msg.idempotencyKey };
    if (msg.unsubscribeUrl) {
      // RFC 8058 one-click: mail clients POST "List-Unsubscribe=One-Click" to the link.
      headers['List-Unsubscribe'] = `<${msg.unsubscribeUrl}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    try {
      // The connection is shared with the process's other sends; the signal ends this message only (see SmtpPools.send).
      const info = await smtpPools.send(config.url, {
        from: config.from,
        to,
        subject: msg.subject ?? '',
        text: msg.text,
        ...(msg.html ? { html: msg.html } : {}),
        headers,
        signal: ctx.signal,
      });
      if (ctx.signal.aborted) return { ok: false, retry: true, reason: 'timeout' };
      return { ok: true, providerMessageId: info.messageId };
    } catch (err) {
      return smtpFailure(err, ctx.signal.aborted);
    }
  },
};

/** SMTP's own classes: 4xx replies are transient, 5xx permanent; no reply at all is worth another try. */
export function smtpFailure(err: unknown, aborted: boolean): SendResult {
  if (aborted) return { ok: false, retry: true, reason: 'timeout' };
  const e = err as { responseCode?: number; response?: string; code?: string; message?: string };
  if (typeof e.responseCode === 'number') {
    const reason = `smtp ${e.responseCode}: ${(e.response ?? e.message ?? '').slice(0, 200)}`;
    if (e.responseCode === 421 || e.responseCode === 450 || e.responseCode === 451 || e.responseCode === 452) {
      return { ok: false, retry: true, reason, retryAfterMs: 60_000 };
    }
    return { ok: false, retry: e.responseCode < 500, reason };
  }
  if (e.code === 'EAUTH') return { ok: false, retry: false, reason: `smtp auth: ${e.message ?? ''}`.slice(0, 200) };
  return { ok: false, retry: true, reason: `smtp ${e.code ?? 'error'}: ${e.message ?? String(err)}`.slice(0, 200) };
}

/** The email provider from the environment, when `SMTP_URL` and `EMAIL_FROM` are both set. */
export function smtpFromEnv(env: Env = process.env): SmtpConfig | null {
  if (!env.SMTP_URL || !env.EMAIL_FROM) return null;
  const parsed = smtpConfig.safeParse({ url: env.SMTP_URL, from: env.EMAIL_FROM });
  if (!parsed.success) throw new Error(`SMTP_URL / EMAIL_FROM: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return parsed.data;
}
