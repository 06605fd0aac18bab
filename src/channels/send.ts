import type { Db } from '@/db/client';
import { cachedToken, dropToken, providerRow, storeToken } from '@/db/channel-providers';
import { insertMessageSend } from '@/db/message-tracking';
import { trackLinks, unsubscribeLink, type LinkContext } from './links';
import { BUILT_IN, providerById } from './registry';
import { decryptSecrets, SecretsKeyError } from './secrets';
import { smtpFromEnv, smtpProvider } from './providers/smtp';
import type { AnyProvider, Env, OutboundMessage, ProviderCache, SendResult } from './types';

export interface SendOptions {
  /** Per-request timeout (default `CHANNEL_SEND_TIMEOUT_MS`, else 10 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
  env?: Env;
  /** Public address for tracked and unsubscribe links (default `PUBLIC_URL`). */
  baseUrl?: string;
  /**
   * A test message from the settings page: no `message_sends` row, no link or
   * unsubscribe tokens (there is no journey to attribute them to).
   */
  test?: boolean;
}

export type RecordOnly = { recordOnly: true };

/** The provider a channel sends through and its config, or null when the channel has none ("record only"). */
export type ResolvedProvider = { provider: AnyProvider; config: unknown; source: 'settings' | 'env' | 'builtin' } | { error: string } | null;

/**
 * Which provider sends a channel: the one chosen in Settings → Channels (its
 * secrets decrypted), else for email `SMTP_URL` + `EMAIL_FROM`, else a
 * provider that needs no credentials (in-app), else none.
 */
export function resolveProvider(db: Db, channel: string, env: Env = process.env): ResolvedProvider {
  const row = providerRow(db, channel);
  if (row) {
    const provider = providerById(row.provider);
    if (!provider) return { error: `Unknown provider "${row.provider}" configured for ${channel}` };
    let secrets: Record<string, string> = {};
    try {
      if (row.secrets) secrets = decryptSecrets(row.secrets, env);
    } catch (err) {
      return { error: err instanceof SecretsKeyError ? err.message : String(err) };
    }
    const parsed = provider.configSchema.safeParse({ ...row.settings, ...secrets });
    if (!parsed.success) return { error: `Provider ${provider.id}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` };
    return { provider, config: parsed.data, source: 'settings' };
  }
  if (channel === 'email') {
    const config = smtpFromEnv(env);
    if (config) return { provider: smtpProvider, config, source: 'env' };
  }
  const builtIn = BUILT_IN[channel];
  return builtIn ? { provider: builtIn, config: {}, source: 'builtin' } : null;
}

/** Access tokens in `provider_tokens`, shared by every process on the database; `now` is the sender's clock (storing drops expired tokens). */
export function dbTokenCache(db: Db, now: () => number = Date.now): ProviderCache {
  return {
    get: (key, at) => cachedToken(db, key, at),
    set: (key, token, expiresAt) => storeToken(db, key, token, expiresAt, now()),
    delete: (key) => dropToken(db, key),
  };
}

function timeoutMs(opts: SendOptions): number {
  const fromEnv = Number((opts.env ?? process.env).CHANNEL_SEND_TIMEOUT_MS);
  return opts.timeoutMs ?? (Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 10_000);
}

/**
 * Sends one message through its channel's provider. Resolves nothing about the
 * member (the caller passes the recipient, see `recipientFor`) and applies no
 * sending policy (consent, caps, quiet hours and rate limits are the delivery
 * loop's). Links are tracked when `message.links` is set; email gets a
 * one-click unsubscribe link. A channel without a provider answers
 * `{recordOnly: true}`: the caller records the message, never as "sent".
 * Never throws: every failure is a `SendResult` saying whether to retry.
 */
export async function sendMessage(db: Db, message: OutboundMessage, opts: SendOptions = {}): Promise<SendResult | RecordOnly> {
  const env = opts.env ?? process.env;
  const now = opts.now ?? Date.now;
  let resolved: ResolvedProvider;
  try {
    resolved = resolveProvider(db, message.channel, env);
  } catch (err) {
    return { ok: false, retry: false, reason: `provider config: ${(err as Error).message}` };
  }
  if (!resolved) return { recordOnly: true };
  // A key that is missing or changed is fixed by an operator, not by retrying at once.
  if ('error' in resolved) return { ok: false, retry: true, reason: resolved.error, retryAfterMs: 300_000 };
  const { provider, config } = resolved;

  let msg = message;
  if (!opts.test) {
    const link: LinkContext = { db, ...pick(message), baseUrl: opts.baseUrl, now: now() };
    if (message.links) msg = { ...msg, text: trackLinks(msg.text, link), ...(msg.html ? { html: trackLinks(msg.html, link) } : {}) };
    if (message.channel === 'email') msg = { ...msg, unsubscribeUrl: unsubscribeLink(link) };
  }

  const ms = timeoutMs(opts);
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<SendResult>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new DOMException('send timed out', 'TimeoutError'));
      resolve({ ok: false, retry: true, reason: `timeout after ${ms} ms` });
    }, ms);
  });
  let result: SendResult;
  try {
    const sending = provider
      .send(config, msg, { fetch: opts.fetch ?? fetch, now, cache: dbTokenCache(db, now), signal: controller.signal, db })
      .catch((err: unknown): SendResult => ({ ok: false, retry: true, reason: `provider ${provider.id} failed: ${(err as Error)?.message ?? String(err)}` }));
    // A provider that ignores the signal still cannot hold the delivery loop past the timeout.
    result = await Promise.race([sending, timedOut]);
  } finally {
    clearTimeout(timer);
  }
  if (result.ok && !opts.test) {
    insertMessageSend(db, {
      provider: provider.id,
      providerMessageId: result.providerMessageId ?? null,
      ...pick(message),
      sentAt: now(),
      // SMTP's 250 and the in-app inbox's insert are the last word we get: acceptance is delivery for them.
      ...(provider.acceptIsDelivery ? { deliveredAt: now() } : {}),
    });
  }
  return result;
}

const pick = (m: OutboundMessage) => ({ memberId: m.memberId, journeyId: m.journeyId, nodeId: m.nodeId, channel: m.channel, idempotencyKey: m.idempotencyKey });
