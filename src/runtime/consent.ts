import type { Db } from '@/db/client';
import { markUnsubscribed, revokeChannelConsent } from '@/db/consent';

/**
 * Consent changes carried by events. `unsubscribed` with a channel turns that
 * channel off; without one the member opts out of all marketing, and it
 * sticks: later journeys and re-sent events never turn it back on.
 */
/** Returns whether the event changed anything about the member. */
export function applyConsentEvent(db: Db, memberId: string, type: string, properties: Record<string, unknown>, at: number): boolean {
  if (type !== 'unsubscribed') return false;
  const channel = typeof properties.channel === 'string' && /^[a-z_]{1,32}$/.test(properties.channel) ? properties.channel : null;
  if (channel) {
    revokeChannelConsent(db, memberId, channel);
  } else {
    markUnsubscribed(db, memberId, at);
  }
  return true;
}
