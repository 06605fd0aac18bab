import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { json } from './schema-json';
import { journeys } from './schema-journeys';

export const members = sqliteTable('members', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  phone: text('phone'),
  email: text('email'),
  gender: text('gender'),
  birthday: text('birthday'),
  city: text('city'),
  tier: text('tier').notNull().default('bronze'),
  points: integer('points').notNull().default(0),
  growth: integer('growth').notNull().default(0),
  storedValue: integer('stored_value').notNull().default(0),
  tz: text('tz').notNull().default('Asia/Shanghai'),
  joinDate: text('join_date'),
  joinChannel: text('join_channel'),
  store: text('store'),
  associate: text('associate'),
  consent: json<Record<string, boolean>>('consent').notNull().default(sql`'{}'`),
  /** Set by an `unsubscribed` event without a channel; it sticks: no marketing message is sent after it. */
  unsubscribedAt: integer('unsubscribed_at'),
  attributes: json<Record<string, unknown>>('attributes').notNull().default(sql`'{}'`),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at'),
  /** Set by erasure (PIPL): the row stays so that pseudonymous counts keep their key, but the member is unknown from then on. */
  erasedAt: integer('erased_at'),
});

/**
 * How brands know a member (OneID): each (type, value) belongs to one member.
 * Phone and email rows mirror the profile; WeChat and device ids come from profiles and events.
 */
export const memberIdentities = sqliteTable(
  'member_identities',
  {
    type: text('type', { enum: ['phone', 'email', 'wechatOpenId', 'wechatUnionId', 'deviceId'] }).notNull(),
    value: text('value').notNull(),
    memberId: text('member_id').notNull().references(() => members.id),
    addedAt: integer('added_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.type, t.value] }), index('member_identities_member').on(t.memberId)],
);

export const memberTags = sqliteTable(
  'member_tags',
  {
    memberId: text('member_id').notNull().references(() => members.id),
    tag: text('tag').notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.tag] }), index('member_tags_tag').on(t.tag)],
);

export const events = sqliteTable(
  'events',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id'),
    memberId: text('member_id').notNull().references(() => members.id),
    type: text('type').notNull(),
    occurredAt: integer('occurred_at').notNull(),
    receivedAt: integer('received_at').notNull(),
    properties: json<Record<string, unknown>>('properties').notNull().default(sql`'{}'`),
  },
  (t) => [uniqueIndex('events_id').on(t.id), index('events_member_time').on(t.memberId, t.occurredAt)],
);


export const journeyVersions = sqliteTable(
  'journey_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    journeyId: text('journey_id').notNull().references(() => journeys.id),
    number: integer('number').notNull(),
    hash: text('hash').notNull(),
    document: json<unknown>('document').notNull(),
    machine: json<unknown>('machine').notNull(),
    triggerEvent: text('trigger_event'),
    publishedAt: integer('published_at').notNull(),
  },
  (t) => [uniqueIndex('journey_versions_number').on(t.journeyId, t.number), index('journey_versions_trigger').on(t.triggerEvent)],
);

export const enrolments = sqliteTable(
  'enrolments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    journeyId: text('journey_id').notNull().references(() => journeys.id),
    versionId: integer('version_id').notNull().references(() => journeyVersions.id),
    memberId: text('member_id').notNull().references(() => members.id),
    entryNo: integer('entry_no').notNull(),
    status: text('status', { enum: ['active', 'waiting', 'completed', 'exited'] }).notNull(),
    nodeId: text('node_id'),
    snapshot: json<unknown>('snapshot').notNull(),
    wakeAt: integer('wake_at'),
    variant: text('variant'),
    exitReason: text('exit_reason'),
    enteredAt: integer('entered_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    goalAt: integer('goal_at'),
    /** When the member entered the node they are at (`node_id`): a wait's step-log row is written only when they leave it. */
    nodeEnteredAt: integer('node_entered_at'),
    /** Last moment an event can still reach the goal (entry + `goal.within`); null when the version has no goal. */
    goalUntil: integer('goal_until'),
  },
  (t) => [
    uniqueIndex('enrolments_entry').on(t.journeyId, t.memberId, t.entryNo),
    index('enrolments_wake').on(t.wakeAt).where(sql`wake_at IS NOT NULL`),
    index('enrolments_member_status').on(t.memberId, t.status),
    index('enrolments_node').on(t.journeyId, t.nodeId, t.status),
    // Report totals, conversion by day and breakdowns count a journey's entries in a date range.
    index('enrolments_entered').on(t.journeyId, t.enteredAt),
    // Finished members who may still reach the goal: every event of the member looks them up, so only they are in it.
    index('enrolments_goal_pending').on(t.memberId, t.goalUntil).where(sql`status = 'completed' AND goal_at IS NULL AND goal_until IS NOT NULL`),
  ],
);

export const stepLog = sqliteTable(
  'step_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    enrolmentId: integer('enrolment_id').notNull().references(() => enrolments.id),
    journeyId: text('journey_id').notNull(),
    versionId: integer('version_id').notNull(),
    memberId: text('member_id').notNull(),
    nodeId: text('node_id'),
    /**
     * `pass`: one node passed (written when the member leaves it; `at` entered, `left_at` left, `handle` taken, or null when
     * the journey ended there: an end node, an exit criterion, a goal exit, erasure). `goal`: the goal reached at `at`.
     * `exit_journey`: left the journey early, `handle` = the reason. A member still at a node has no row for it yet:
     * see `enrolments.node_id` / `node_entered_at`.
     */
    kind: text('kind', { enum: ['pass', 'goal', 'exit_journey'] }).notNull(),
    handle: text('handle'),
    visit: integer('visit'),
    at: integer('at').notNull(),
    leftAt: integer('left_at'),
  },
  // Node passes only: the analytics that start from a node (custom path, wait times) look for entries in a time range (crowds and
  // member paths go through the enrolment).
  (t) => [index('step_log_pass').on(t.journeyId, t.nodeId, t.at).where(sql`kind = 'pass'`), index('step_log_enrolment').on(t.enrolmentId)],
);

export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    idempotencyKey: text('idempotency_key').notNull(),
    enrolmentId: integer('enrolment_id').notNull().references(() => enrolments.id),
    journeyId: text('journey_id').notNull(),
    nodeId: text('node_id').notNull(),
    memberId: text('member_id').notNull(),
    type: text('type').notNull(),
    channel: text('channel'),
    payload: json<Record<string, unknown>>('payload').notNull(),
    /** `sending`: passed the gateway, waiting for (or between attempts of) a provider send by an engine worker. */
    status: text('status', { enum: ['pending', 'sending', 'sent', 'failed', 'dead', 'skipped'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    reason: text('reason'),
    createdAt: integer('created_at').notNull(),
    deliverAfter: integer('deliver_after').notNull(),
    deliveredAt: integer('delivered_at'),
  },
  (t) => [
    uniqueIndex('outbox_key').on(t.idempotencyKey),
    index('outbox_pending').on(t.status, t.deliverAfter),
    index('outbox_member_sent').on(t.memberId, t.type, t.deliveredAt),
    index('outbox_node').on(t.journeyId, t.nodeId, t.status),
  ],
);

export const pointsLedger = sqliteTable(
  'points_ledger',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    memberId: text('member_id').notNull().references(() => members.id),
    delta: integer('delta').notNull(),
    kind: text('kind', { enum: ['earn', 'spend', 'expire', 'adjust'] }).notNull(),
    reason: text('reason').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [uniqueIndex('points_ledger_key').on(t.idempotencyKey), index('points_ledger_member').on(t.memberId)],
);

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    target: text('target').notNull(),
    detail: json<unknown>('detail'),
  },
  (t) => [index('audit_log_at').on(t.at), index('audit_log_action').on(t.action, t.at)],
);

/** Static groups (客群): membership written by `action.group` or saved from a crowd. */
export const memberGroups = sqliteTable(
  'member_groups',
  {
    groupId: text('group_id').notNull(),
    memberId: text('member_id').notNull().references(() => members.id),
    addedAt: integer('added_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.memberId] }), index('member_groups_member').on(t.memberId)],
);

/** Dynamic segments (人群): a condition evaluated against a member when needed. */
export const segments = sqliteTable('segments', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  condition: json<unknown>('condition').notNull(),
  createdAt: integer('created_at').notNull(),
});

/** Growth value and stored value movements; points keep their own ledger. */
export const assetLedger = sqliteTable(
  'asset_ledger',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    memberId: text('member_id').notNull().references(() => members.id),
    asset: text('asset', { enum: ['growth', 'stored_value', 'tier'] }).notNull(),
    delta: integer('delta'),
    value: text('value'),
    reason: text('reason').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [uniqueIndex('asset_ledger_key').on(t.idempotencyKey), index('asset_ledger_member').on(t.memberId)],
);

/** Follow-up tasks for store associates (转导购). */
export const tasks = sqliteTable(
  'tasks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    idempotencyKey: text('idempotency_key').notNull(),
    memberId: text('member_id').notNull().references(() => members.id),
    associate: text('associate'),
    journeyId: text('journey_id').notNull(),
    nodeId: text('node_id').notNull(),
    text: text('text').notNull(),
    status: text('status', { enum: ['open', 'done'] }).notNull().default('open'),
    dueAt: integer('due_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('tasks_key').on(t.idempotencyKey), index('tasks_associate').on(t.associate, t.status)],
);

/** Next run of each time-driven trigger (audience, anniversary, holiday). */
export const triggerSchedules = sqliteTable(
  'trigger_schedules',
  {
    versionId: integer('version_id').primaryKey().references(() => journeyVersions.id),
    journeyId: text('journey_id').notNull(),
    nextRunAt: integer('next_run_at'),
    lastRunAt: integer('last_run_at').notNull(),
    /** The last member id enrolled by a run in progress, so a crash resumes rather than repeats. */
    cursor: text('cursor'),
  },
  (t) => [index('trigger_schedules_next').on(t.nextRunAt)],
);

/** Every sending-policy decision with its reason: sent, deferred or skipped (no consent, capped, quiet hours, budget…). */
export const deliveryLog = sqliteTable(
  'delivery_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    outboxId: integer('outbox_id').notNull().references(() => outbox.id),
    memberId: text('member_id').notNull(),
    journeyId: text('journey_id').notNull(),
    decision: text('decision', { enum: ['sent', 'deferred', 'skipped', 'failed', 'dead'] }).notNull(),
    reason: text('reason').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('delivery_log_outbox').on(t.outboxId), index('delivery_log_member').on(t.memberId, t.at)],
);

/** Workspace settings (sending policy defaults), one JSON value per key. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: json<unknown>('value').notNull(),
});

/**
 * Enrolments per journey, all and those still in flight (active or waiting), kept by triggers on `enrolments` in the
 * same transaction (drizzle/0020, drizzle/pg/0003), so the journeys list reads a few rows instead of counting every
 * enrolment on the web app's thread. One row per member partition: on Postgres each engine worker owns its
 * partitions, so workers never wait for one another's counter row. The journey's figures are the sums.
 */
export const journeyEnrolmentCounts = sqliteTable(
  'journey_enrolment_counts',
  {
    journeyId: text('journey_id').notNull(),
    partition: integer('partition').notNull(),
    total: integer('total').notNull().default(0),
    inFlight: integer('in_flight').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.journeyId, t.partition] })],
);

/**
 * Per-node counters by hour, written by the engine in the same transaction as
 * the step log, so funnels (for any date range, in any whole-hour time zone)
 * read a few rows instead of scanning the log.
 */
export const nodeCounts = sqliteTable(
  'node_counts',
  {
    journeyId: text('journey_id').notNull(),
    versionId: integer('version_id').notNull(),
    nodeId: text('node_id').notNull(),
    kind: text('kind').notNull(),
    handle: text('handle').notNull().default(''),
    /** Hours since the Unix epoch (UTC) of the moves counted. */
    hour: integer('hour').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.journeyId, t.versionId, t.nodeId, t.kind, t.handle, t.hour] })],
);

/**
 * The durable inbox: events accepted by the API (and profile changes) waiting
 * for an engine worker. The HTTP side only inserts here; the worker that owns
 * the member's partition steps the member and deletes the row in the same
 * transaction, so an event is processed once, in order per member.
 */
export const inbox = sqliteTable(
  'inbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventSeq: integer('event_seq').notNull().references(() => events.seq),
    memberId: text('member_id').notNull(),
    /** hash(member) mod PARTITIONS: one worker owns a partition at a time. */
    partition: integer('partition').notNull(),
    acceptedAt: integer('accepted_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** Set after repeated failures: the row stays for inspection and is no longer picked up. */
    error: text('error'),
  },
  (t) => [index('inbox_partition').on(t.partition, t.id)],
);

/** Which variant each enrolment took at each A/B split: the experiment report joins this, not the step log. */
export const enrolmentVariants = sqliteTable(
  'enrolment_variants',
  {
    enrolmentId: integer('enrolment_id').notNull().references(() => enrolments.id),
    journeyId: text('journey_id').notNull(),
    versionId: integer('version_id').notNull(),
    nodeId: text('node_id').notNull(),
    variant: text('variant').notNull(),
    /**
     * At a capped split, the variant the member's hash bucket assigned them: it differs from `variant` when the
     * capped variant's pool ran out and moved them. Null at uncapped splits and for rows recorded before it existed.
     */
    assigned: text('assigned'),
    /** When the member took the variant (epoch ms); null for rows recorded before it existed (their entry time stands in). */
    at: integer('at'),
  },
  (t) => [primaryKey({ columns: [t.enrolmentId, t.nodeId] }), index('enrolment_variants_node').on(t.journeyId, t.nodeId, t.variant)],
);

export * from './schema-journeys';
export * from './schema-access';
export * from './schema-channels';
export * from './schema-coupons';
export * from './schema-runs';
export * from './schema-leases';
