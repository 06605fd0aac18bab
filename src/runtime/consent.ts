import { eq, isNull, and } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { members } from '@/db/schema';
import { prepared } from '@/db/prepared';

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
    prepared(db, `update members set consent = json_set(consent, '$.' || ?, json('false')) where id = ?`).run(channel, memberId);
  } else {
    db.update(members).set({ unsubscribedAt: at }).where(and(eq(members.id, memberId), isNull(members.unsubscribedAt))).run();
  }
  return true;
}
