import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { json } from './schema-json';

// The journeys table on its own, so that schema.ts and schema-access.ts (both referencing it) import it without
// importing each other: schema.ts re-exports everything and must not be imported back by the files it re-exports.
export const journeys = sqliteTable('journeys', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  status: text('status', { enum: ['draft', 'live', 'paused', 'archived'] }).notNull().default('draft'),
  draft: json<unknown>('draft').notNull(),
  liveVersionId: integer('live_version_id'),
  /** When the current pause began, and the last event stored before it: later events are replayed to held members on resume. */
  pausedAt: integer('paused_at'),
  pausedAfterEvent: integer('paused_after_event'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});
