import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from './client';
import { bySqlDialect } from './dialect';
import { prepared } from './prepared';
import { members } from './schema';

/** Turns the member's consent for one channel off (the key is added if it was missing). */
export function revokeChannelConsent(db: Db, memberId: string, channel: string): void {
  // Postgres sets the key through jsonb (the column holds JSON text).
  const sql = bySqlDialect(db, {
    sqlite: `update members set consent = json_set(consent, '$.' || ?, json('false')) where id = ?`,
    pg: `update members set consent = jsonb_set((consent)::jsonb, array[cast(? as text)], 'false'::jsonb)::text where id = ?`,
  });
  prepared(db, sql).run(channel, memberId);
}

/** The member opts out of all marketing at `at`; the first opt-out sticks (a later one does not move it). */
export function markUnsubscribed(db: Db, memberId: string, at: number): void {
  db.update(members).set({ unsubscribedAt: at }).where(and(eq(members.id, memberId), isNull(members.unsubscribedAt))).run();
}
