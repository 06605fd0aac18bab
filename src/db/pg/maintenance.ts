import type { Db } from '../client';
import { dialectOf } from '../dialect';

/**
 * The tables an engine worker reads on every pass: its claims (inbox, outbox, due timers on
 * enrolments), the member it steps (members, tags, events, in-flight enrolments and their
 * variants), the journeys it runs, scheduled triggers and its leases.
 */
export const ENGINE_TABLES = [
  'inbox',
  'outbox',
  'enrolments',
  'enrolment_variants',
  'events',
  'members',
  'member_tags',
  'journeys',
  'journey_versions',
  'trigger_schedules',
  'partition_leases',
] as const;

/** ANALYZE reads a bounded sample per table, so this stays cheap on a big store; the timeout is a backstop. */
const ANALYZE_TIMEOUT = '30s';

/**
 * Refreshes Postgres' planner statistics of the engine's tables. On a young database they
 * describe the tables as they were when nearly empty (or not at all), and autovacuum
 * catches up only after enough rows changed: until then the planner may choose sequential
 * scans for the claims. A worker runs this once as it starts. SKIP_LOCKED: a table another
 * worker is analysing at the same moment is left to it rather than waited for. SQLite needs
 * nothing (its planner goes by the indexes). Never fatal: a failure is logged and the worker
 * goes on with the statistics it has. Returns whether the statistics were refreshed.
 */
export function analyzeEngineTables(db: Db, log: (line: string) => void = console.warn): boolean {
  if (dialectOf(db) !== 'pg') return false;
  try {
    db.transaction(() => {
      db.$client.exec(`set local statement_timeout = '${ANALYZE_TIMEOUT}'`);
      db.$client.exec(`analyze (skip_locked) ${ENGINE_TABLES.join(', ')}`);
    });
    return true;
  } catch (e) {
    log(`[engine] refreshing planner statistics failed (going on without): ${(e as Error).message}`);
    return false;
  }
}
