import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// Tables of the channel providers (issue #15), kept beside schema.ts (which re-exports them) so that file stays small.

/**
 * Which provider sends each channel. Non-secret fields are plain JSON so the
 * settings page can show them; secret fields are one AES-256-GCM blob (see
 * src/channels/secrets.ts) that needs `SECRETS_KEY` to read.
 */
export const channelProviders = sqliteTable('channel_providers', {
  channel: text('channel').primaryKey(),
  provider: text('provider').notNull(),
  settings: text('settings', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  secrets: text('secrets'),
  updatedAt: integer('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});

/** Access tokens of token-based APIs (WeChat, WeCom), shared by every worker so a restart does not fetch a new one. */
export const providerTokens = sqliteTable('provider_tokens', {
  key: text('key').primaryKey(),
  token: text('token').notNull(),
  expiresAt: integer('expires_at').notNull(),
});

/** One row per message a provider accepted: receipts name the provider's id (or our key), and lead back to journey and node. */
export const messageSends = sqliteTable(
  'message_sends',
  {
    idempotencyKey: text('idempotency_key').primaryKey(),
    provider: text('provider').notNull(),
    providerMessageId: text('provider_message_id'),
    memberId: text('member_id').notNull(),
    journeyId: text('journey_id').notNull(),
    nodeId: text('node_id').notNull(),
    channel: text('channel').notNull(),
    sentAt: integer('sent_at').notNull(),
    // What became of it, first time each (receipts and clicks repeat): the per-node message counts read these.
    deliveredAt: integer('delivered_at'),
    failedAt: integer('failed_at'),
    openedAt: integer('opened_at'),
    clickedAt: integer('clicked_at'),
  },
  (t) => [index('message_sends_provider_id').on(t.provider, t.providerMessageId), index('message_sends_node').on(t.journeyId, t.nodeId, t.sentAt)],
);

/**
 * Random tokens behind `/r/:token` (a tracked link: the stored target is the
 * only place it redirects to) and `/u/:token` (one-click unsubscribe).
 */
export const linkTokens = sqliteTable(
  'link_tokens',
  {
    token: text('token').primaryKey(),
    kind: text('kind', { enum: ['click', 'unsubscribe'] }).notNull(),
    memberId: text('member_id').notNull(),
    journeyId: text('journey_id').notNull(),
    nodeId: text('node_id').notNull(),
    channel: text('channel').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    target: text('target'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('link_tokens_member').on(t.memberId)],
);

/** The in-app channel's inbox: the message is delivered when it is stored here, read when the app says so. */
export const inboxMessages = sqliteTable(
  'inbox_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    idempotencyKey: text('idempotency_key').notNull(),
    memberId: text('member_id').notNull(),
    journeyId: text('journey_id').notNull(),
    nodeId: text('node_id').notNull(),
    title: text('title'),
    body: text('body').notNull(),
    createdAt: integer('created_at').notNull(),
    readAt: integer('read_at'),
  },
  (t) => [uniqueIndex('inbox_messages_key').on(t.idempotencyKey), index('inbox_messages_member').on(t.memberId, t.createdAt)],
);

/**
 * Send rate limits of a channel's provider (Settings → Channels), kept apart from `channel_providers` so a channel
 * sent by SMTP from the environment or by a built-in provider can be limited too. Null: no limit of that kind.
 */
export const sendRateLimits = sqliteTable('send_rate_limits', {
  channel: text('channel').primaryKey(),
  perSecond: integer('per_second'),
  perMinute: integer('per_minute'),
  updatedAt: integer('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});

/**
 * Sends admitted under a rate limit: `n` sends of `key` (`channel:sms`, `journey:<id>`) at instant `at`. The sliding
 * windows count these rows, so limits hold across engine workers (one database) and restarts; rows older than the
 * longest window (a minute) are pruned as sends are admitted.
 */
export const sendRateLog = sqliteTable(
  'send_rate_log',
  {
    key: text('key').notNull(),
    at: integer('at').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.at] })],
);
