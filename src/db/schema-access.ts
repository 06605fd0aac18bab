import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { json } from './schema-json';
import { journeys } from './schema-journeys';

// Who may do what (issue #12): people, sessions, API keys and publish requests, kept beside schema.ts (which
// re-exports them) so that file stays readable. journeys comes from schema-journeys.ts, not schema.ts: no import cycle.

/** People who sign in. Passwords are stored as scrypt hashes (see server/auth/passwords.ts). */
export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ['admin', 'marketer', 'approver', 'analyst', 'viewer'] }).notNull(),
    passwordHash: text('password_hash').notNull(),
    /** Failed sign-ins in a row; at the limit the account is locked until `lockedUntil`. */
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    lockedUntil: integer('locked_until'),
    disabledAt: integer('disabled_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('users_email').on(t.email)],
);

/** Signed-in sessions: the cookie holds a random token, the table only its SHA-256. */
export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

/** API keys for automation: shown once, stored as SHA-256; `ingest` reaches events and members only. */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    scope: text('scope', { enum: ['ingest', 'admin'] }).notNull(),
    /** The first characters of the key, so people can tell keys apart. */
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('api_keys_hash').on(t.keyHash)],
);

/**
 * Publish approval (the impact review PIPL asks for before a processing flow goes live): a marketer's
 * publish or declared winner waits here with what it changes, whom it reaches and what it sends,
 * until an approver who is not the author approves or rejects it.
 */
export const publishRequests = sqliteTable(
  'publish_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    journeyId: text('journey_id').notNull().references(() => journeys.id),
    kind: text('kind', { enum: ['publish', 'declare_winner'] }).notNull(),
    /** The document reviewed: exactly this goes live on approval, whatever the draft became since. */
    document: json<unknown>('document').notNull(),
    /** For a declared winner: {nodeId, variant}. */
    params: json<unknown>('params'),
    review: json<unknown>('review').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected'] }).notNull().default('pending'),
    requestedBy: text('requested_by').notNull(),
    requestedAt: integer('requested_at').notNull(),
    decidedBy: text('decided_by'),
    decidedAt: integer('decided_at'),
    comment: text('comment'),
  },
  (t) => [index('publish_requests_status').on(t.status, t.requestedAt), index('publish_requests_journey').on(t.journeyId)],
);

// Channel providers, sends, tracked links and the in-app inbox (issue #15).
