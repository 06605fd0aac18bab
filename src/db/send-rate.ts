import { asc, eq } from 'drizzle-orm';
import type { Db } from './client';
import { conflictOn } from './conflict-target';
import { dialectOf } from './dialect';
import { prepared } from './prepared';
import { sendRateLimits } from './schema';

// SQL of the send rate limits (src/runtime/rate-limit.ts decides; this reads and writes).

export type RateLimitRow = typeof sendRateLimits.$inferSelect;

/** The reason a queued message carries while a rate limit holds it back (also what the runtime page counts). */
export const RATE_DEFERRED = 'deferred: rate_limit';

export function rateLimitRows(db: Db): RateLimitRow[] {
  return db.select().from(sendRateLimits).orderBy(asc(sendRateLimits.channel)).all();
}

/** Limits by channel, read on every dispatch that has provider messages due (a tiny table, one prepared statement). */
export function rateLimitsByChannel(db: Db): Map<string, { perSecond: number | null; perMinute: number | null }> {
  const rows = prepared(db, 'select channel, per_second as perSecond, per_minute as perMinute from send_rate_limits').all() as {
    channel: string;
    perSecond: number | null;
    perMinute: number | null;
  }[];
  return new Map(rows.map((r) => [r.channel, { perSecond: r.perSecond, perMinute: r.perMinute }]));
}

/** Stores a channel's limits; with neither set, the channel has no limit and its row goes. */
export function saveRateLimit(db: Db, row: { channel: string; perSecond: number | null; perMinute: number | null }, actor: string, now: number): void {
  if (row.perSecond === null && row.perMinute === null) {
    db.delete(sendRateLimits).where(eq(sendRateLimits.channel, row.channel)).run();
    return;
  }
  const values = { ...row, updatedAt: now, updatedBy: actor };
  db.insert(sendRateLimits)
    .values(values)
    .onConflictDoUpdate({ target: conflictOn(sendRateLimits.channel), set: { perSecond: row.perSecond, perMinute: row.perMinute, updatedAt: now, updatedBy: actor } })
    .run();
}

/** Sends admitted for `key` after `since`, oldest first. */
export function rateLogSince(db: Db, key: string, since: number): { at: number; n: number }[] {
  return prepared(db, 'select at, n from send_rate_log where key = ? and at > ? order by at').all(key, since) as { at: number; n: number }[];
}

export function addRateLog(db: Db, key: string, at: number, n: number): void {
  // `send_rate_log.n`: Postgres finds a bare `n` ambiguous next to `excluded.n`.
  prepared(db, 'insert into send_rate_log (key, at, n) values (?, ?, ?) on conflict (key, at) do update set n = send_rate_log.n + excluded.n').run(key, at, n);
}

export function pruneRateLog(db: Db, key: string, before: number): void {
  prepared(db, 'delete from send_rate_log where key = ? and at <= ?').run(key, before);
}

/** Which queued messages a rate key holds back: every due one of its channel, or of its journey (those carrying the journey's limit). */
export type RateScope = { channel: string } | { journeyId: string };

/**
 * Holds back every due provider message of `scope` in the given partitions until `until` (never earlier than it
 * already was), except those in flight. Each one gets one `deferred: rate_limit` line in the decision log when it
 * starts waiting, not one per poll: a message already waiting for the limit is moved on silently.
 */
export function deferRateLimited(db: Db, q: { scope: RateScope; now: number; until: number; exclude: readonly number[]; partitions: readonly number[] | null }): number {
  const [column, value] = 'channel' in q.scope ? ['channel', q.scope.channel] : ['journey_id', q.scope.journeyId];
  const where = dialectOf(db) === 'pg' ? pgDeferredWhere(column, 'journeyId' in q.scope) : sqliteDeferredWhere(column, 'journeyId' in q.scope);
  const parts = q.partitions ? JSON.stringify(q.partitions) : null;
  const args = [value, q.now, JSON.stringify(q.exclude), parts, parts];
  prepared(
    db,
    `insert into delivery_log (outbox_id, member_id, journey_id, decision, reason, at)
       select id, member_id, journey_id, 'deferred', 'rate_limit', ? from outbox where ${where} and (reason is null or reason <> '${RATE_DEFERRED}')`,
  ).run(q.now, ...args);
  // greatest(): Postgres's max() takes one argument only.
  const later = dialectOf(db) === 'pg' ? 'greatest(deliver_after, ?)' : 'max(deliver_after, ?)';
  return prepared(db, `update outbox set deliver_after = ${later}, reason = '${RATE_DEFERRED}' where ${where}`).run(q.until, ...args).changes;
}

/** The messages a hold applies to (parameters: value of `column`, now, JSON ids to leave out, JSON partitions or null twice). */
function sqliteDeferredWhere(column: string, journeyScope: boolean): string {
  // Only messages that carry the journey's limit wait for it (a version without one is not held back by another's).
  const carries = journeyScope ? `and json_extract(payload, '$.journeySendsPerMinute') is not null` : '';
  return `status = 'sending' and ${column} = ? and deliver_after <= ? ${carries}
    and id not in (select value from json_each(?))
    and (? is null or member_partition(member_id) in (select value from json_each(?)))`;
}

/** The same on Postgres: JSON through jsonb, its text values cast to the column's type, the null-tested parameter typed. */
function pgDeferredWhere(column: string, journeyScope: boolean): string {
  const carries = journeyScope ? `and (payload)::jsonb ->> 'journeySendsPerMinute' is not null` : '';
  return `status = 'sending' and ${column} = ? and deliver_after <= ? ${carries}
    and id not in (select value::bigint from jsonb_array_elements_text(cast(? as jsonb)))
    and (cast(? as text) is null or member_partition(member_id) in (select value::integer from jsonb_array_elements_text(cast(? as jsonb))))`;
}

/** Admitted messages are no longer waiting for a limit: a later hold starts a new episode (and a new log line). */
export function markAdmitted(db: Db, ids: readonly number[]): void {
  // Postgres reads the JSON list of ids through jsonb, as text to cast.
  const listed = dialectOf(db) === 'pg' ? 'select value::bigint from jsonb_array_elements_text(cast(? as jsonb))' : 'select value from json_each(?)';
  if (ids.length) prepared(db, `update outbox set reason = 'queued' where reason = '${RATE_DEFERRED}' and id in (${listed})`).run(JSON.stringify(ids));
}

export interface SendQueueRow {
  channel: string;
  /** Waiting for their send (provider messages that passed the gateway, webhooks not yet answered). */
  queued: number;
  /** Of those, held back by a rate limit. */
  deferred: number;
  /** When the oldest of them was created (null when none wait). */
  oldestAt: number | null;
  perSecond: number | null;
  perMinute: number | null;
}

/** The send queue per channel, with each channel's limits (channels with a limit are listed even when nothing waits). */
export function sendQueue(db: Db): SendQueueRow[] {
  const queued = prepared(
    db,
    `select channel, count(*) as queued, sum(case when reason = '${RATE_DEFERRED}' then 1 else 0 end) as deferred, min(created_at) as oldestAt from outbox
      where status = 'sending' or (status = 'pending' and channel = 'webhook') group by channel`,
  ).all() as { channel: string | null; queued: number; deferred: number; oldestAt: number }[];
  const limits = rateLimitsByChannel(db);
  const byChannel = new Map<string, SendQueueRow>();
  for (const q of queued) {
    const channel = q.channel ?? '';
    byChannel.set(channel, { channel, queued: q.queued, deferred: q.deferred, oldestAt: q.oldestAt, perSecond: null, perMinute: null, ...limits.get(channel) });
  }
  for (const [channel, l] of limits) if (!byChannel.has(channel)) byChannel.set(channel, { channel, queued: 0, deferred: 0, oldestAt: null, ...l });
  return [...byChannel.values()].sort((a, b) => a.channel.localeCompare(b.channel));
}
