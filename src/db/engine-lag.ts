import type { Db } from './client';
import { prepared } from './prepared';

/** One member partition's backlog: inbox events not yet stepped, and timers already due. */
export interface PartitionBacklog {
  partition: number;
  /** Inbox rows waiting (parked ones left out: they no longer hold the partition up). */
  pending: number;
  /** When the oldest of them was accepted, null when none wait. */
  oldestAcceptedAt: number | null;
  /** Waiting members whose timer is due at `now`, among the OVERDUE_SAMPLE most overdue of all partitions. */
  dueTimers: number;
  /** The earliest of their wake times, null when none is due. */
  oldestWakeAt: number | null;
}

/**
 * Timers carry no partition column: theirs is computed per row (SQLite calls
 * into JS for it), so only this many of the most overdue are looked at. A
 * backlog of a million due timers (workers down) is when operators open the
 * page, and the web app's one thread must not hash them all every poll; the
 * partitions furthest behind are among these anyway.
 */
export const OVERDUE_SAMPLE = 10_000;

/**
 * The backlog of every partition that has one (others are left out), by
 * partition: what operations read as lag (how long the oldest event has
 * waited) and timer lateness. Plain SQL for SQLite and Postgres alike.
 */
export function partitionBacklog(db: Db, now: number): PartitionBacklog[] {
  const inbox = prepared(
    db,
    `select partition, count(*) as pending, min(accepted_at) as "oldestAcceptedAt"
       from inbox where error is null group by partition`,
  ).all() as Record<string, unknown>[];
  const timers = prepared(
    db,
    `select member_partition(member_id) as partition, count(*) as due, min(wake_at) as "oldestWakeAt"
       from (select member_id, wake_at from enrolments where status = 'waiting' and wake_at <= ? order by wake_at limit ?) overdue
       group by member_partition(member_id)`,
  ).all(now, OVERDUE_SAMPLE) as Record<string, unknown>[];
  const byPartition = new Map<number, PartitionBacklog>();
  const entry = (partition: number) => {
    let e = byPartition.get(partition);
    if (!e) byPartition.set(partition, (e = { partition, pending: 0, oldestAcceptedAt: null, dueTimers: 0, oldestWakeAt: null }));
    return e;
  };
  for (const r of inbox) {
    const e = entry(Number(r.partition));
    e.pending = Number(r.pending);
    e.oldestAcceptedAt = r.oldestAcceptedAt === null ? null : Number(r.oldestAcceptedAt);
  }
  for (const r of timers) {
    const e = entry(Number(r.partition));
    e.dueTimers = Number(r.due);
    e.oldestWakeAt = r.oldestWakeAt === null ? null : Number(r.oldestWakeAt);
  }
  return [...byPartition.values()].sort((a, b) => a.partition - b.partition);
}
