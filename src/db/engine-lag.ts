import type { Db } from './client';
import { prepared } from './prepared';

/** One member partition's backlog: inbox events not yet stepped, and timers already due. */
export interface PartitionBacklog {
  partition: number;
  /** Inbox rows waiting (parked ones left out: they no longer hold the partition up). */
  pending: number;
  /** When the oldest of them was accepted, null when none wait. */
  oldestAcceptedAt: number | null;
  /** Waiting members whose timer is due at `now`. */
  dueTimers: number;
  /** The earliest of their wake times, null when none is due. */
  oldestWakeAt: number | null;
}

/**
 * The backlog of every partition that has one (others are left out), by
 * partition: what operations read as lag (how long the oldest event has
 * waited) and timer lateness. Plain SQL for SQLite and Postgres alike; timers
 * carry no partition column, so theirs is computed (member_partition exists
 * in both), only for the due rows.
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
       from enrolments where status = 'waiting' and wake_at <= ? group by member_partition(member_id)`,
  ).all(now) as Record<string, unknown>[];
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
