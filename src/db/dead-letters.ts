import type { Db } from './client';
import { prepared } from './prepared';

// Dead letters: effects that failed for good — webhooks and every channel provider's messages alike (status 'dead').

export interface DeadLetter {
  id: number;
  journeyId: string;
  nodeId: string;
  memberId: string;
  type: string;
  channel: string | null;
  attempts: number;
  reason: string | null;
  createdAt: number;
}

/** What a dead letter is grouped and retried by: its channel, or its type for effects without one. */
const GROUP = `coalesce(channel, type)`;

/** Newest first, of one channel (or type) or of all. */
export function listDeadLetters(db: Db, limit: number, channel?: string): DeadLetter[] {
  return prepared(
    db,
    // The cast gives Postgres the type of a parameter that is only tested for null.
    `select id, journey_id as journeyId, node_id as nodeId, member_id as memberId, type, channel, attempts, reason, created_at as createdAt
       from outbox where status = 'dead' and (cast(? as text) is null or ${GROUP} = ?) order by id desc limit ?`,
  ).all(channel ?? null, channel ?? null, limit) as DeadLetter[];
}

/** How many dead letters each channel (or effect type) has. */
export function deadLetterCounts(db: Db): { channel: string; dead: number }[] {
  return prepared(db, `select ${GROUP} as channel, count(*) as dead from outbox where status = 'dead' group by 1 order by 1`).all() as { channel: string; dead: number }[];
}

/**
 * Back to pending with a fresh attempt budget and the same idempotency key (a provider that honours it drops a
 * repeat). A provider message goes through the sending gateway again, so consent withdrawn or quiet hours begun
 * since it died are respected, then to its channel's provider; a webhook goes straight to its receiver.
 */
const RETRY = `update outbox set status = 'pending', attempts = 0, deliver_after = ?, reason = 'retry requested' where status = 'dead'`;

export function retryDeadLetter(db: Db, id: number, now: number): boolean {
  return prepared(db, `${RETRY} and id = ?`).run(now, id).changes > 0;
}

/** Every dead letter of a channel (or effect type); returns how many. */
export function retryDeadLetters(db: Db, channel: string, now: number): number {
  return prepared(db, `${RETRY} and ${GROUP} = ?`).run(now, channel).changes;
}
