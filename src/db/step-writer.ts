import type Database from 'better-sqlite3';
import type { Db } from './client';
import type { OutboxRow, StepRow } from './enrolment-store';

const HOUR = 3600_000;
/** Rows per INSERT statement: 100 × 11 parameters stays far below SQLite's limit. */
const CHUNK = 100;

const STEP_COLUMNS = ['enrolment_id', 'journey_id', 'version_id', 'member_id', 'node_id', 'kind', 'handle', 'visit', 'at', 'left_at'];
const COUNT_COLUMNS = ['journey_id', 'version_id', 'node_id', 'kind', 'handle', 'hour', 'n'];
const COUNT_UPSERT = ' on conflict (journey_id, version_id, node_id, kind, handle, hour) do update set n = node_counts.n + excluded.n';
const OUTBOX_COLUMNS = ['idempotency_key', 'enrolment_id', 'journey_id', 'node_id', 'member_id', 'type', 'channel', 'payload', 'status', 'reason', 'created_at', 'deliver_after'];

/**
 * Step-log rows, effects and per-node hourly counters of one batch, written
 * together at the end of its transaction with multi-row INSERTs: one statement
 * per hundred rows instead of one per row, and one counter upsert per
 * (node, move, hour) instead of one per step.
 */
export class StepWriter {
  /** Parameters of the buffered rows, flat in column order: no array per row to build and flatten again. */
  private steps: unknown[] = [];
  private effects: unknown[] = [];
  private counts = new Map<string, number>();
  private depth = 0;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Db) {}

  /** Runs `fn` in one transaction and writes everything it buffered before committing. */
  transaction<T>(fn: () => T): T {
    return this.db.$client.transaction(() => {
      // A nested transaction is a savepoint: what the outer one buffered is written first, so a rollback here drops only this one's rows.
      if (this.depth > 0) this.flush();
      this.depth++;
      try {
        const result = fn();
        this.flush();
        return result;
      } catch (error) {
        this.clear();
        throw error;
      } finally {
        this.depth--;
      }
    })();
  }

  /**
   * Step-log rows. Counters keep the moves the canvas shows: a pass counts as an exit by its handle when it was
   * left by one (at `left_at`); its entry was counted by `addEntries` when it happened.
   */
  addSteps(rows: StepRow[]): void {
    for (const r of rows) {
      this.steps.push(r.enrolmentId, r.journeyId, r.versionId, r.memberId, r.nodeId ?? null, r.kind, r.handle ?? null, r.visit ?? null, r.at, r.leftAt ?? null);
      if (r.kind !== 'pass') this.count(r.journeyId, r.versionId, r.nodeId ?? '', r.kind, r.handle ?? '', r.at);
      else if (r.handle) this.count(r.journeyId, r.versionId, r.nodeId ?? '', 'exit', r.handle, r.leftAt ?? r.at);
    }
    if (this.depth === 0) this.flush();
  }

  /** Entries into nodes, counted when they happen (a wait's row comes later, when the member leaves it). */
  addEntries(journeyId: string, versionId: number, nodeIds: string[], at: number): void {
    for (const nodeId of nodeIds) this.count(journeyId, versionId, nodeId, 'enter', '', at);
    if (this.depth === 0) this.flush();
  }

  private count(journeyId: string, versionId: number, nodeId: string, kind: string, handle: string, at: number): void {
    const key = `${journeyId}\u0000${versionId}\u0000${nodeId}\u0000${kind}\u0000${handle}\u0000${Math.floor(at / HOUR)}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Effects keyed (enrolment, node, visit): a repeated step can never add a second one. */
  addEffects(rows: OutboxRow[]): void {
    for (const r of rows) {
      this.effects.push(r.idempotencyKey, r.enrolmentId, r.journeyId, r.nodeId, r.memberId, r.type, r.channel ?? null, JSON.stringify(r.payload), r.status ?? 'pending', r.reason ?? null, r.createdAt, r.deliverAfter);
    }
    if (this.depth === 0) this.flush();
  }

  /** Writes the effects buffered so far at once, so an effect applied in its step never gets an earlier row than one before it. */
  flushEffects(): void {
    this.insertMany('outbox', OUTBOX_COLUMNS, this.effects, ' on conflict do nothing');
    this.effects = [];
  }

  private flush(): void {
    this.insertMany('step_log', STEP_COLUMNS, this.steps, '');
    this.insertMany('outbox', OUTBOX_COLUMNS, this.effects, ' on conflict do nothing');
    // One upsert for all the batch's counters, in key order: two workers on Postgres that count the same nodes lock the
    // rows in the same order (no deadlock), and hold them only from here to their commit.
    const keys = [...this.counts.keys()].sort();
    for (let first = 0; first < keys.length; first += CHUNK) {
      const chunk = keys.slice(first, first + CHUNK);
      const values: unknown[] = [];
      for (const key of chunk) {
        const [journeyId, versionId, nodeId, kind, handle, hour] = key.split('\u0000');
        values.push(journeyId, Number(versionId), nodeId, kind, handle, Number(hour), this.counts.get(key));
      }
      this.bulkInsert('node_counts', COUNT_COLUMNS, chunk.length, COUNT_UPSERT).run(values);
    }
    this.clear();
  }

  private clear(): void {
    this.steps = [];
    this.effects = [];
    this.counts.clear();
  }

  private insertMany(table: string, columns: string[], values: unknown[], suffix: string): void {
    const width = columns.length;
    const rows = values.length / width;
    for (let first = 0; first < rows; first += CHUNK) {
      const count = Math.min(CHUNK, rows - first);
      this.bulkInsert(table, columns, count, suffix).run(count === rows ? values : values.slice(first * width, (first + count) * width));
    }
  }

  /** `insert … values (…), (…), …` for `count` rows, prepared once per shape. */
  private bulkInsert(table: string, columns: string[], count: number, suffix: string): Database.Statement {
    const key = `${table}:${count}:${suffix}`;
    let stmt = this.statements.get(key);
    if (!stmt) {
      const tuple = `(${columns.map(() => '?').join(', ')})`;
      stmt = this.db.$client.prepare(`insert into ${table} (${columns.join(', ')}) values ${Array(count).fill(tuple).join(', ')}${suffix}`);
      this.statements.set(key, stmt);
    }
    return stmt;
  }
}
