import { createHash, timingSafeEqual } from 'node:crypto';
import { recordMemberEvent, type MemberEvent } from '@/channels/events';
import { channelLabel, providerById } from '@/channels/registry';
import { decryptSecrets } from '@/channels/secrets';
import type { Db } from '@/db/client';
import { rowsOfProvider } from '@/db/channel-providers';
import { findMessageSend, linkToken, recordMessageOutcome } from '@/db/message-tracking';
import { isInputError } from '@/members/errors';
import { i18n } from '@/i18n';
import '@/i18n/channel-resources';

const sha = (s: string) => createHash('sha256').update(s).digest();
const sameSecret = (a: string, b: string) => timingSafeEqual(sha(a), sha(b));

/** Records an event; a repeat (same id) is a duplicate, a member who is gone (erased, unknown) does not fail the whole request. */
function tryRecord(event: MemberEvent): 'recorded' | 'duplicate' | 'unknown_member' {
  try {
    return recordMemberEvent(event).accepted > 0 ? 'recorded' : 'duplicate';
  } catch (err) {
    if (isInputError(err)) return 'unknown_member';
    throw err;
  }
}

/** The token a provider's callback must carry (`Authorization: Bearer …` or `?token=`), checked against every channel using it. */
function receiptAuthorised(db: Db, providerId: string, req: Request): boolean {
  const header = /^Bearer\s+(\S+)$/i.exec(req.headers.get('authorization') ?? '')?.[1];
  const given = header ?? new URL(req.url).searchParams.get('token');
  if (!given) return false;
  return rowsOfProvider(db, providerId).some((row) => {
    if (!row.secrets) return false;
    try {
      const token = decryptSecrets(row.secrets).receiptToken;
      return !!token && sameSecret(given, token);
    } catch {
      return false;
    }
  });
}

const RECEIPT_EVENTS = { delivered: 'message_delivered', failed: 'message_failed', opened: 'message_opened' } as const;

/**
 * `POST /api/receipts/:provider`: a provider's delivery callback. Each receipt is
 * matched to its send (by our key or the provider's message id) and becomes a
 * `message_delivered` / `message_failed` / `message_opened` event with
 * `{journeyId, nodeId, channel}`; a repeated callback is a no-op.
 */
export async function handleReceipt(db: Db, providerId: string, req: Request): Promise<Response> {
  const provider = providerById(providerId);
  if (!provider?.parseReceipt) return Response.json({ error: `Unknown provider "${providerId}" or it sends no receipts` }, { status: 404 });
  if (!receiptAuthorised(db, providerId, req)) return Response.json({ error: 'Receipt token missing or wrong' }, { status: 401 });
  let receipts;
  try {
    receipts = provider.parseReceipt(await req.json());
  } catch (err) {
    return Response.json({ error: `Bad receipt: ${(err as Error).message}` }, { status: 400 });
  }
  const counts = { recorded: 0, duplicates: 0, unmatched: 0 };
  for (const r of receipts) {
    const send = findMessageSend(db, providerId, r);
    if (send) recordMessageOutcome(db, send.idempotencyKey, r.status, Date.now());
    const outcome =
      send &&
      tryRecord({
        memberId: send.memberId,
        type: RECEIPT_EVENTS[r.status],
        properties: { journeyId: send.journeyId, nodeId: send.nodeId, channel: send.channel, provider: providerId, ...(r.reason ? { reason: r.reason.slice(0, 500) } : {}) },
        id: `receipt:${providerId}:${send.idempotencyKey}:${r.status}`,
      });
    if (outcome === 'recorded') counts.recorded++;
    else if (outcome === 'duplicate') counts.duplicates++;
    else counts.unmatched++;
  }
  const ack = provider.receiptAck && typeof provider.receiptAck === 'object' ? provider.receiptAck : {};
  return Response.json({ ...ack, ...counts });
}

/** `GET /r/:token`: records `message_clicked` and redirects to the stored target, never anywhere else. */
export function handleClick(db: Db, token: string, req: Request): Response {
  const row = linkToken(db, token);
  if (!row || row.kind !== 'click' || !row.target || !/^https?:\/\//i.test(row.target)) return page(req, 404, t(req, 'channels.page.unknownLink'));
  recordMessageOutcome(db, row.idempotencyKey, 'clicked', Date.now());
  tryRecord({ memberId: row.memberId, type: 'message_clicked', properties: { journeyId: row.journeyId, nodeId: row.nodeId, channel: row.channel, url: row.target } });
  return new Response(null, { status: 302, headers: { location: row.target, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' } });
}

/** `GET /u/:token`: asks to confirm; `POST` (the confirm button, or a mail client's RFC 8058 one-click) unsubscribes from the channel. */
export function handleUnsubscribe(db: Db, token: string, req: Request): Response {
  const row = linkToken(db, token);
  if (!row || row.kind !== 'unsubscribe') return page(req, 404, t(req, 'channels.page.unknownLink'));
  const lng = language(req);
  const channel = channelLabel(row.channel)[lng === 'zh-CN' ? 'zh' : 'en'];
  if (req.method !== 'POST') {
    const form = `<form method="post"><button type="submit" data-testid="unsubscribe-confirm">${esc(t(req, 'channels.page.unsubscribeButton'))}</button></form>`;
    return page(req, 200, t(req, 'channels.page.unsubscribeAsk', { channel }), form);
  }
  tryRecord({
    memberId: row.memberId,
    type: 'unsubscribed',
    properties: { channel: row.channel, journeyId: row.journeyId, nodeId: row.nodeId, source: 'one_click' },
    id: `unsubscribe:${token}`,
  });
  return page(req, 200, t(req, 'channels.page.unsubscribed', { channel }));
}

function language(req: Request): 'en' | 'zh-CN' {
  return /^zh\b/i.test(req.headers.get('accept-language') ?? '') ? 'zh-CN' : 'en';
}

const t = (req: Request, key: string, vars: Record<string, string> = {}) => i18n.getFixedT(language(req))(key, vars);

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A minimal page of our own: these links are opened by members, who are not signed in. */
function page(req: Request, status: number, message: string, extra = ''): Response {
  const lng = language(req);
  const html = `<!doctype html><html lang="${lng}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="robots" content="noindex">
<title>${esc(t(req, 'channels.page.unsubscribeTitle'))}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2937}button{font-size:1rem;padding:.5rem 1.25rem}</style></head>
<body><p data-testid="page-message">${esc(message)}</p>${extra}</body></html>`;
  return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-robots-tag': 'noindex' } });
}
