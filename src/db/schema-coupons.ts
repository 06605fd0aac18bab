import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// Unique coupon codes (一人一码, issue #15), kept beside schema.ts (which re-exports them).

/** A pool of unique codes a reward hands out one per member; past `expiresAt` its unredeemed codes count as expired. */
export const couponPools = sqliteTable('coupon_pools', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  expiresAt: integer('expires_at'),
  /** The canvas warns on a reward node of this pool when fewer codes than this are left. */
  lowStock: integer('low_stock').notNull().default(0),
  createdAt: integer('created_at').notNull(),
  createdBy: text('created_by').notNull(),
});

/**
 * One code. `available` until a reward takes it (`issued`, keyed by the outbox row's idempotency key, so a
 * repeated delivery gets the same code back), `redeemed` when a `coupon_redeemed` event names it. Expiry is not
 * stored: it follows from the pool's `expires_at`, so moving the date needs no update of every code.
 */
export const couponCodes = sqliteTable(
  'coupon_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    poolId: text('pool_id')
      .notNull()
      .references(() => couponPools.id),
    code: text('code').notNull(),
    status: text('status', { enum: ['available', 'issued', 'redeemed'] }).notNull().default('available'),
    idempotencyKey: text('idempotency_key'),
    memberId: text('member_id'),
    journeyId: text('journey_id'),
    enrolmentId: integer('enrolment_id'),
    nodeId: text('node_id'),
    addedAt: integer('added_at').notNull(),
    issuedAt: integer('issued_at'),
    redeemedAt: integer('redeemed_at'),
  },
  (t) => [
    uniqueIndex('coupon_codes_pool_code').on(t.poolId, t.code),
    // SQLite lets many rows have a null key: only issued codes carry one, and each key at most once.
    uniqueIndex('coupon_codes_key').on(t.idempotencyKey),
    index('coupon_codes_next').on(t.poolId, t.status, t.id),
    index('coupon_codes_member').on(t.memberId, t.journeyId),
    index('coupon_codes_code').on(t.code),
  ],
);
