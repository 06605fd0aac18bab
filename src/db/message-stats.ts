import type { Db } from './client';
import { prepared } from './prepared';

/**
 * What became of one message node's messages. `sent` counts what a provider
 * accepted; `recordOnly` what was only recorded because the channel had no
 * provider (never counted as sent); `queued` is waiting for the gateway, a
 * rate limit or the provider; `skipped` was stopped by the gateway (consent,
 * quiet hours, caps); `failed` is dead after retries or reported failed by a
 * receipt; `delivered` / `opened` / `clicked` come from receipts and tracked
 * links (for SMTP and the in-app inbox, acceptance is delivery).
 */
export interface MessageCounts {
  sent: number;
  recordOnly: number;
  queued: number;
  skipped: number;
  failed: number;
  delivered: number;
  opened: number;
  clicked: number;
}

export const emptyMessageCounts = (): MessageCounts => ({ sent: 0, recordOnly: 0, queued: 0, skipped: 0, failed: 0, delivered: 0, opened: 0, clicked: 0 });

/**
 * Per message node of a journey, for messages created in [fromMs, toMs).
 * Both reads go through an index led by the journey (`outbox_node`,
 * `message_sends_node`), so the canvas can poll them.
 */
export function messageCountsByNode(db: Db, journeyId: string, fromMs: number, toMs: number): Record<string, MessageCounts> {
  const out: Record<string, MessageCounts> = {};
  const node = (id: string) => (out[id] ??= emptyMessageCounts());
  const fromOutbox = prepared(
    db,
    // sum(case …): Postgres does not add up booleans.
    `select node_id as nodeId,
            sum(case when status = 'sent' and reason = 'record_only' then 1 else 0 end) as recordOnly,
            sum(case when status = 'sent' and reason <> 'record_only' then 1 else 0 end) as sent,
            sum(case when status in ('pending', 'sending') then 1 else 0 end) as queued,
            sum(case when status = 'skipped' then 1 else 0 end) as skipped,
            sum(case when status = 'dead' then 1 else 0 end) as dead
       from outbox where journey_id = ? and type = 'message' and created_at >= ? and created_at < ?
      group by node_id`,
  ).all(journeyId, fromMs, toMs) as { nodeId: string; recordOnly: number; sent: number; queued: number; skipped: number; dead: number }[];
  for (const r of fromOutbox) {
    const c = node(r.nodeId);
    c.recordOnly = r.recordOnly ?? 0;
    c.sent = r.sent ?? 0;
    c.queued = r.queued ?? 0;
    c.skipped = r.skipped ?? 0;
    c.failed = r.dead ?? 0;
  }
  const outcomes = prepared(
    db,
    `select node_id as nodeId, count(delivered_at) as delivered, count(failed_at) as failed, count(opened_at) as opened, count(clicked_at) as clicked
       from message_sends where journey_id = ? and sent_at >= ? and sent_at < ? group by node_id`,
  ).all(journeyId, fromMs, toMs) as { nodeId: string; delivered: number; failed: number; opened: number; clicked: number }[];
  for (const r of outcomes) {
    const c = node(r.nodeId);
    c.delivered = r.delivered;
    // A receipt's failure comes after the provider accepted: the message is both sent and failed.
    c.failed += r.failed;
    c.opened = r.opened;
    c.clicked = r.clicked;
  }
  return out;
}
