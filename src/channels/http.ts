import type { SendContext, SendResult } from './types';

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The body as JSON, or undefined when it is not JSON. */
  json: unknown;
}

/** One HTTP call of a provider, bounded by the send's timeout signal. */
export async function call(ctx: SendContext, url: string, init: RequestInit = {}): Promise<HttpAnswer> {
  const res = await ctx.fetch(url, { ...init, signal: ctx.signal, redirect: 'manual' });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** A failure before any answer (refused connection, DNS, timeout) is worth another try. */
export function networkFailure(err: unknown): SendResult {
  const e = err as { name?: string; message?: string; cause?: { code?: string } };
  if (e?.name === 'AbortError' || e?.name === 'TimeoutError') return { ok: false, retry: true, reason: 'timeout' };
  return { ok: false, retry: true, reason: `network: ${e?.cause?.code ?? e?.message ?? String(err)}` };
}

/** `Retry-After` in seconds or as an HTTP date, in milliseconds from now. */
export function retryAfterMs(header: string | null, now: number, fallback: number): number {
  if (!header) return fallback;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now) : fallback;
}

/** The usual mapping of an HTTP status: 429 waits, 5xx retries, other 4xx are final. */
export function statusFailure(answer: HttpAnswer, now: number, what: string): SendResult {
  if (answer.status === 429) return { ok: false, retry: true, reason: `throttled: ${what}`, retryAfterMs: retryAfterMs(answer.headers.get('retry-after'), now, 60_000) };
  const snippet = answer.text.slice(0, 200);
  return { ok: false, retry: answer.status >= 500 || answer.status === 408, reason: `http ${answer.status}: ${snippet}` };
}

const inflight = new Map<string, Promise<string | SendResult>>();

/** What a token-based API call came to: a result, or "the token expired" so the caller fetches a new one and tries once more. */
export type TokenCall = { result: SendResult } | { tokenExpired: true };

/**
 * Runs `send` with a cached access token (fetched and stored when missing or
 * expired). When the provider says the token expired or is invalid, the cached
 * one is dropped, a fresh one fetched and the call made once more.
 */
export async function withAccessToken(
  ctx: SendContext,
  cacheKey: string,
  fetchToken: () => Promise<{ token: string; expiresInSeconds: number } | SendResult>,
  send: (token: string) => Promise<TokenCall>,
): Promise<SendResult> {
  const fresh = (): Promise<string | SendResult> => {
    // One fetch at a time per key in this process: concurrent sends share it rather than each invalidating the other's token.
    let pending = inflight.get(cacheKey);
    if (!pending) {
      pending = (async () => {
        const got = await fetchToken();
        if ('ok' in got) return got;
        // Refreshed five minutes early: a token that expires in flight costs a failed call.
        ctx.cache.set(cacheKey, got.token, ctx.now() + Math.max(60, got.expiresInSeconds - 300) * 1000);
        return got.token;
      })().finally(() => inflight.delete(cacheKey));
      inflight.set(cacheKey, pending);
    }
    return pending;
  };
  let token: string | SendResult = ctx.cache.get(cacheKey, ctx.now()) ?? (await fresh());
  for (let attempt = 0; attempt < 2; attempt++) {
    if (typeof token !== 'string') return token;
    const out = await send(token);
    if ('result' in out) return out.result;
    ctx.cache.delete(cacheKey);
    token = await fresh();
  }
  return { ok: false, retry: true, reason: 'access token rejected twice' };
}

/** `{{name}}` placeholders filled from a flat map; unknown names become empty. */
export function fill(template: string, values: Record<string, string>, escape: (s: string) => string = (s) => s): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, name: string) => escape(values[name] ?? ''));
}
