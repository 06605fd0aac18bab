import type { Env } from './types';
import { randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import { existingLinkToken, insertLinkToken } from '@/db/message-tracking';

/** Whose message the links belong to. */
export interface LinkContext {
  db: Db;
  memberId: string;
  journeyId: string;
  nodeId: string;
  channel: string;
  idempotencyKey: string;
  /** The app's public address (default `PUBLIC_URL`, else http://localhost:PORT). */
  baseUrl?: string;
  now?: number;
}

/** Where members reach `/r/` and `/u/` links: `PUBLIC_URL`, else the local app. */
export function publicBaseUrl(env: Env = process.env): string {
  return (env.PUBLIC_URL || `http://localhost:${env.PORT || 3000}`).replace(/\/+$/, '');
}

/** 144 random bits, URL-safe: unguessable, so a token is its own authorisation. */
const newToken = () => randomBytes(18).toString('base64url');

function tokenFor(ctx: LinkContext, kind: 'click' | 'unsubscribe', target: string | null): string {
  const existing = existingLinkToken(ctx.db, ctx.memberId, ctx.idempotencyKey, kind, target);
  if (existing) return existing;
  const token = newToken();
  insertLinkToken(ctx.db, {
    token,
    kind,
    memberId: ctx.memberId,
    journeyId: ctx.journeyId,
    nodeId: ctx.nodeId,
    channel: ctx.channel,
    idempotencyKey: ctx.idempotencyKey,
    target,
    createdAt: ctx.now ?? Date.now(),
  });
  return token;
}

// A URL runs until whitespace, a quote or an angle bracket; trailing sentence punctuation is not part of it.
const LINK = /https?:\/\/[^\s<>"'`]+/g;
const TRAILING = /[.,;:!?)\]}]+$/;

/**
 * Rewrites every http(s) link in a text or HTML body to `/r/:token`. The
 * original URL is stored with the token, and `/r/:token` redirects only to
 * stored targets. A retried send of the same message reuses its tokens.
 */
export function trackLinks(text: string, ctx: LinkContext): string {
  const base = ctx.baseUrl ?? publicBaseUrl();
  return text.replace(LINK, (match) => {
    const trail = TRAILING.exec(match)?.[0] ?? '';
    let url = trail ? match.slice(0, -trail.length) : match;
    // HTML bodies carry `&amp;` in attribute values: the stored target is the URL the browser would follow.
    url = url.replace(/&amp;/g, '&');
    if (url.startsWith(`${base}/r/`) || url.startsWith(`${base}/u/`)) return match;
    try {
      new URL(url);
    } catch {
      return match;
    }
    return `${base}/r/${tokenFor(ctx, 'click', url)}${trail}`;
  });
}

/** The one-click unsubscribe link of a message (`/u/:token`), for the channel it is sent on. */
export function unsubscribeLink(ctx: LinkContext): string {
  return `${ctx.baseUrl ?? publicBaseUrl()}/u/${tokenFor(ctx, 'unsubscribe', null)}`;
}
