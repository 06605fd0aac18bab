import type { IngestResult } from '@/runtime/engine';
import type { IncomingEvent } from '@/runtime/event-input';

/** An event about a member that the channels observe: unsubscribes, receipts, clicks, reads. */
export interface MemberEvent {
  memberId: string;
  type: 'unsubscribed' | 'message_delivered' | 'message_failed' | 'message_opened' | 'message_clicked';
  properties: Record<string, unknown>;
  /** Makes a repeated callback or click a no-op (the events table keeps ids unique). */
  id?: string;
  occurredAt?: number;
}

type Ingest = (events: IncomingEvent[]) => IngestResult;

// On globalThis, like the app runtime itself: the started app bundles route modules separately.
const hook = globalThis as unknown as { __journeyMemberEventIngest?: Ingest };

/**
 * Installs the engine's ingest for this process. The channel layer sits below
 * the engine, so it does not import it: the process's composition root hands
 * it in (runtime/app-runtime.ts when loaded, the `journey worker` command).
 */
export function setMemberEventIngest(ingest: Ingest): void {
  hook.__journeyMemberEventIngest = ingest;
}

/**
 * The one place the channel layer hands events to the engine, so they move
 * members waiting on them (wait.event, triggers, goals) like any other event.
 */
export function recordMemberEvent(event: MemberEvent): IngestResult {
  const ingest = hook.__journeyMemberEventIngest;
  if (!ingest) throw new Error('No engine to record member events in this process: call setMemberEventIngest first');
  return ingest([
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
