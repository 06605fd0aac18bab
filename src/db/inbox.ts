import { fnv1a } from '@/journey/hash';
import type { Db } from './client';
import { prepared } from './prepared';
import { skipLocked } from './dialect';

/**
 * Members are spread over a fixed number of partitions; a worker owns a set of
 * them, so one member's events are always processed by one worker, in order.
 * Fixed (not the worker count) so that changing the number of workers only
 * reassigns whole partitions.
 */
export const PARTITIONS = 64;

/** Which partitions worker `index` of `count` owns. */
export function ownedPartitions(index: number, count: number): number[] {
  const owned: number[] = [];
  for (let p = 0; p < PARTITIONS; p++) if (p % count === index) owned.push(p);
  return owned;
}

export interface InboxItem {
  id: number;
  memberId: string;
  acceptedAt: number;
  attempts: number;
  type: string;
  occurredAt: number;
  /** As stored (JSON text): parsed by the engine per row, so one broken row fails alone. */
  properties: string;
}

const ITEM_SELECT = `select i.id, i.member_id as memberId, i.accepted_at as acceptedAt, i.attempts, e.type, e.occurred_at as occurredAt, e.properties
  from inbox i join events e on e.seq = i.event_seq`;

const toItems = (rows: unknown[]) => rows as InboxItem[];

/** After this many failed attempts a row is parked (error kept) instead of blocking its partition. */
export const INBOX_MAX_ATTEMPTS = 3;

export function enqueue(db: Db, eventSeq: number, memberId: string, partition: number, acceptedAt: number): void {
  prepared(db, 'insert into inbox (event_seq, member_id, partition, accepted_at) values (?, ?, ?, ?)').run(eventSeq, memberId, partition, acceptedAt);
}

/**
 * The oldest pending rows of the given partitions (all when `partitions` is
 * null), in arrival order. A partition holding a parked row is not blocked:
 * parked rows are skipped.
 */
export function claimInbox(db: Db, partitions: readonly number[] | null, limit: number): InboxItem[] {
  const where = partitions ? `and i.partition in (${partitions.map(Number).join(', ')})` : '';
  return toItems(prepared(db, `${ITEM_SELECT} where i.error is null ${where} order by i.id limit ?${skipLocked(db, 'i')}`).all(limit));
}

/** One pending row by id (null once processed or parked): the retry of a batch that failed, row by row. */
export function claimInboxRow(db: Db, id: number): InboxItem[] {
  return toItems(prepared(db, `${ITEM_SELECT} where i.id = ? and i.error is null${skipLocked(db, 'i')}`).all(id));
}

export function deleteInbox(db: Db, ids: readonly number[]): void {
  const del = prepared(db, 'delete from inbox where id = ?');
  for (const id of ids) del.run(id);
}

/** Counts a failed attempt; the row is parked with its error after INBOX_MAX_ATTEMPTS. */
export function failInbox(db: Db, id: number, error: string): void {
  prepared(db, `update inbox set attempts = attempts + 1, error = case when attempts + 1 >= ? then ? else null end where id = ?`).run(
    INBOX_MAX_ATTEMPTS,
    error.slice(0, 500),
    id,
  );
}

/** Whether any pending row of these partitions exists (the worker's cheap idle poll). */
export function inboxHasWork(db: Db, partitions: readonly number[] | null): boolean {
  const where = partitions ? `and partition in (${partitions.map(Number).join(', ')})` : '';
  return prepared(db, `select 1 from inbox where error is null ${where} limit 1`).get() !== undefined;
}

export interface InboxStats {
  pending: number;
  parked: number;
  oldestAcceptedAt: number | null;
}

export function inboxStats(db: Db): InboxStats {
  return prepared(
    db,
    `select count(*) filter (where error is null) as pending, count(*) filter (where error is not null) as parked,
            min(accepted_at) filter (where error is null) as oldestAcceptedAt from inbox`,
  ).get() as InboxStats;
}

/** The partition a member's events and timers belong to. */
export function memberPartition(memberId: string): number {
  return fnv1a(memberId) % PARTITIONS;
}

/** Erasure: events still queued for the member are dropped with the rest of their data. */
export function dropMemberInbox(db: Db, memberId: string): void {
  prepared(db, 'delete from inbox where member_id = ?').run(memberId);
}
