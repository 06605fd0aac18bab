import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * "Run now" of a time-driven journey, asked for on the web and carried out by
 * engine worker 0 (which runs the scheduled triggers): enrolling a whole
 * audience is engine work and must not hold the web app's thread.
 */
export const runRequests = sqliteTable(
  'run_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    journeyId: text('journey_id').notNull(),
    requestedAt: integer('requested_at').notNull(),
    requestedBy: text('requested_by').notNull(),
    status: text('status', { enum: ['queued', 'running', 'done', 'failed'] }).notNull(),
    audience: integer('audience'),
    enrolled: integer('enrolled'),
    error: text('error'),
    finishedAt: integer('finished_at'),
  },
  (t) => [index('run_requests_status').on(t.status, t.id)],
);
