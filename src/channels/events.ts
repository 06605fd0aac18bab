import type { IngestResult } from '@/runtime/engine';
import { getAppRuntime } from '@/runtime/app-runtime';

/** An event about a member that the channels observe: unsubscribes, receipts, clicks, reads. */
export interface MemberEvent {
  memberId: string;
  type: 'unsubscribed' | 'message_delivered' | 'message_failed' | 'message_opened' | 'message_clicked';
  properties: Record<string, unknown>;
  /** Makes a repeated callback or click a no-op (the events table keeps ids unique). */
  id?: string;
  occurredAt?: number;
}

/**
 * The one place the channel layer hands events to the engine, so they move
 * members waiting on them (wait.event, triggers, goals) like any other event.
 * Today it ingests in process; the delivery loop's owner may point it at the
 * durable inbox instead without touching the callers.
 */
export function recordMemberEvent(event: MemberEvent): IngestResult {
  return getAppRuntime().runtime.ingest([
    {
      memberId: event.memberId,
      type: event.type,
      properties: event.properties,
      ...(event.id ? { id: event.id.slice(0, 200) } : {}),
      ...(event.occurredAt ? { occurredAt: new Date(event.occurredAt).toISOString() } : {}),
    },
  ]);
}

/**
 * A provider said the member refused the channel (WeChat 43101, an SMS
 * do-not-disturb list): recorded as `unsubscribed` for that channel, which
 * turns the member's consent for it off at once (see runtime/consent.ts).
 */
export function revokeConsent(memberId: string, channel: string, reason: string, idempotencyKey: string): IngestResult {
  return recordMemberEvent({ memberId, type: 'unsubscribed', properties: { channel, source: 'provider', reason: reason.slice(0, 200) }, id: `revoked:${idempotencyKey}` });
}
