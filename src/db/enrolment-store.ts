import type { Db } from './client';
import { prepared } from './prepared';
import { skipLocked } from './dialect';
import type { enrolments, outbox, stepLog } from './schema';
import { StepWriter } from './step-writer';

export type EnrolmentRow = typeof enrolments.$inferSelect;
export type StepRow = Omit<typeof stepLog.$inferInsert, 'id'>;
/** A step-log row before the enrolment's ids are added. */
export type StepMove = Pick<StepRow, 'kind' | 'nodeId' | 'handle' | 'visit' | 'at' | 'leftAt'>;
export type OutboxRow = Omit<typeof outbox.$inferInsert, 'id'>;

const ENROLMENT_COLUMNS = `e.id, e.journey_id as journeyId, e.version_id as versionId, e.member_id as memberId, e.entry_no as entryNo,
  e.status, e.node_id as nodeId, e.snapshot, e.wake_at as wakeAt, e.variant, e.exit_reason as exitReason,
  e.entered_at as enteredAt, e.updated_at as updatedAt, e.goal_at as goalAt, e.node_entered_at as nodeEnteredAt, e.goal_until as goalUntil`;

function toEnrolment(row: Record<string, unknown>): EnrolmentRow {
  return { ...(row as EnrolmentRow), snapshot: JSON.parse(row.snapshot as string) };
}

/**
 * The engine's hot-path SQL, as statements prepared once per connection:
 * building the same queries through the ORM on every step cost more than
 * the journey logic itself.
 */
export class EnrolmentStore {
  /** Step log, outbox and counters: buffered per transaction, written in bulk. */
  readonly writer: StepWriter;

  constructor(private readonly db: Db) {
    this.writer = new StepWriter(db);
  }

  /** One transaction whose step-log rows, effects and counters are written together before it commits. */
  transaction<T>(fn: () => T): T {
    return this.writer.transaction(fn);
  }

  insertSteps(rows: StepRow[]): void {
    this.writer.addSteps(rows);
  }

  /** Counts entries into nodes now (the canvas overlay), though a wait's step-log row is written only when it is left. */
  countEntries(e: Pick<EnrolmentRow, 'journeyId' | 'versionId'>, nodeIds: string[], at: number): void {
    if (nodeIds.length) this.writer.addEntries(e.journeyId, e.versionId, nodeIds, at);
  }

  insertEffects(rows: OutboxRow[]): void {
    this.writer.addEffects(rows);
  }

  /** Writes the batch's buffered effects now (before an effect written directly, to keep rows in order). */
  flushEffects(): void {
    this.writer.flushEffects();
  }

  /** Stores an event; its sequence number, or null when an event with the same `id` exists (a re-send). */
  insertEvent(e: { id: string | null; memberId: string; type: string; occurredAt: number; receivedAt: number; properties: Record<string, unknown> }): number | null {
    const res = prepared(
      this.db,
      `insert into events (id, member_id, type, occurred_at, received_at, properties) values (?, ?, ?, ?, ?, ?) on conflict do nothing`,
    ).run(e.id, e.memberId, e.type, e.occurredAt, e.receivedAt, JSON.stringify(e.properties));
    return res.changes > 0 ? Number(res.lastInsertRowid) : null;
  }

  /**
   * Enrolments of a member that can still react to an event that happened at `at`: in flight, or finished
   * with a goal still reachable then (`goal_until`, set only in versions with a goal). Without `at`: in flight only.
   * Both halves go through an index (`enrolments_member_status`, the partial `enrolments_goal_pending`), so the
   * cost does not grow with the member's finished history.
   */
  relevantFor(memberId: string, at: number | null = null): EnrolmentRow[] {
    const inFlight = `select ${ENROLMENT_COLUMNS} from enrolments e where e.member_id = ? and e.status in ('active', 'waiting')`;
    const rows =
      at === null
        ? prepared(this.db, inFlight).all(memberId)
        : prepared(
            this.db,
            `${inFlight} union all
             select ${ENROLMENT_COLUMNS} from enrolments e
              where e.member_id = ? and e.status = 'completed' and e.goal_at is null and e.goal_until >= ? order by 1`,
          ).all(memberId, memberId, at);
    return (rows as Record<string, unknown>[]).map(toEnrolment);
  }

  /** Waiting members whose time has come, in journeys that are live (a pause holds them). */
  due(now: number, limit: number, partitions: readonly number[] | null = null): EnrolmentRow[] {
    // A worker fires the timers of its own members only (member_partition is registered on the connection).
    const owned = partitions ? `and member_partition(e.member_id) in (${partitions.map(Number).join(', ')})` : '';
    return (
      prepared(
        this.db,
        `select ${ENROLMENT_COLUMNS} from enrolments e join journeys j on j.id = e.journey_id and j.status = 'live'
          where e.wake_at is not null and e.wake_at <= ? and e.status = 'waiting' ${owned} order by e.wake_at limit ?${skipLocked(this.db, 'e')}`,
      ).all(now, limit) as Record<string, unknown>[]
    ).map(toEnrolment);
  }

  previousEntries(journeyId: string, memberId: string): { entryNo: number; status: string; enteredAt: number }[] {
    return prepared(
      this.db,
      `select entry_no as entryNo, status, entered_at as enteredAt from enrolments where journey_id = ? and member_id = ? order by entry_no desc`,
    ).all(journeyId, memberId) as { entryNo: number; status: string; enteredAt: number }[];
  }

  liveVersionIds(eventType: string): number[] {
    return prepared(
      this.db,
      `select v.id from journeys j join journey_versions v on v.id = j.live_version_id where j.status = 'live' and v.trigger_event = ?`,
    )
      .pluck()
      .all(eventType) as number[];
  }

  journeyStatus(journeyId: string): string | undefined {
    return prepared(this.db, 'select status from journeys where id = ?').pluck().get(journeyId) as string | undefined;
  }

  /** Inserts a new enrolment with its state after the first step; returns its id. */
  insertEnrolment(e: Omit<EnrolmentRow, 'id'>): number {
    const res = prepared(
      this.db,
      `insert into enrolments (journey_id, version_id, member_id, entry_no, status, node_id, snapshot, wake_at, variant, exit_reason, entered_at, updated_at, goal_at,
         node_entered_at, goal_until)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      e.journeyId, e.versionId, e.memberId, e.entryNo, e.status, e.nodeId, JSON.stringify(e.snapshot), e.wakeAt, e.variant, e.exitReason, e.enteredAt, e.updatedAt, e.goalAt,
      e.nodeEnteredAt, e.goalUntil,
    );
    return Number(res.lastInsertRowid);
  }

  updateEnrolment(id: number, u: Pick<EnrolmentRow, 'snapshot' | 'status' | 'nodeId' | 'wakeAt' | 'variant' | 'exitReason' | 'updatedAt' | 'nodeEnteredAt'>): void {
    prepared(
      this.db,
      `update enrolments set snapshot = ?, status = ?, node_id = ?, wake_at = ?, variant = ?, exit_reason = ?, updated_at = ?, node_entered_at = ? where id = ?`,
    ).run(
      JSON.stringify(u.snapshot),
      u.status,
      u.nodeId,
      u.wakeAt,
      u.variant,
      u.exitReason,
      u.updatedAt,
      u.nodeEnteredAt,
      id,
    );
  }

  setGoal(id: number, at: number): void {
    prepared(this.db, 'update enrolments set goal_at = ? where id = ?').run(at, id);
  }

  /**
   * The variant an enrolment took at an A/B split, when (`at`), and at a capped split the one it was assigned
   * (null at an uncapped split: always the same).
   */
  recordVariant(e: Pick<EnrolmentRow, 'id' | 'journeyId' | 'versionId'>, nodeId: string, variant: string, assigned: string | null, at: number): void {
    prepared(
      this.db,
      `insert into enrolment_variants (enrolment_id, journey_id, version_id, node_id, variant, assigned, at) values (?, ?, ?, ?, ?, ?, ?)
       on conflict (enrolment_id, node_id) do update set variant = excluded.variant, assigned = excluded.assigned, at = excluded.at`,
    ).run(e.id, e.journeyId, e.versionId, nodeId, variant, assigned, at);
  }
}
