import { createHash } from 'node:crypto';
import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import {
  canonicalJson,
  compileJourney,
  emptyDocument,
  getNodeKind,
  nextTriggerRun,
  journeyDocumentSchema,
  triggerNodeOf,
  validateJourney,
  type JourneyDocument,
  type ValidationProblem,
} from '@/journey';
import { goalDeadline } from '@/journey/goal';
import type { Db } from './client';
import { dialectOf } from './dialect';
import { enrolments, journeyEnrolmentCounts, journeys, journeyVersions, triggerSchedules } from './schema';

export type JourneyStatus = 'draft' | 'live' | 'paused' | 'archived';

export interface JourneySummary {
  id: string;
  name: string;
  status: JourneyStatus;
  updatedAt: number;
  liveVersion: number | null;
  activeMembers: number;
  totalEnrolments: number;
}

function slug(name: string): string {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 32);
  return base || 'journey';
}

export function listJourneys(db: Db): JourneySummary[] {
  const rows = db
    .select({
      id: journeys.id,
      name: journeys.name,
      status: journeys.status,
      updatedAt: journeys.updatedAt,
      liveVersion: journeyVersions.number,
    })
    .from(journeys)
    .leftJoin(journeyVersions, eq(journeyVersions.id, journeys.liveVersionId))
    .orderBy(desc(journeys.updatedAt))
    .all();
  // Kept by triggers as enrolments change: a few rows per journey, however many members went through it.
  const counts = db
    .select({
      journeyId: journeyEnrolmentCounts.journeyId,
      total: sql<number>`sum(${journeyEnrolmentCounts.total})`,
      active: sql<number>`sum(${journeyEnrolmentCounts.inFlight})`,
    })
    .from(journeyEnrolmentCounts)
    .groupBy(journeyEnrolmentCounts.journeyId)
    .all();
  const byJourney = new Map(counts.map((c) => [c.journeyId, c]));
  return rows.map((r) => ({
    ...r,
    liveVersion: r.liveVersion ?? null,
    activeMembers: Number(byJourney.get(r.id)?.active ?? 0),
    totalEnrolments: Number(byJourney.get(r.id)?.total ?? 0),
  }));
}

export function getJourney(db: Db, id: string) {
  const journey = db.select().from(journeys).where(eq(journeys.id, id)).get();
  if (!journey) return null;
  const versions = db
    .select({ id: journeyVersions.id, number: journeyVersions.number, hash: journeyVersions.hash, publishedAt: journeyVersions.publishedAt })
    .from(journeyVersions)
    .where(eq(journeyVersions.journeyId, id))
    .orderBy(desc(journeyVersions.number))
    .all();
  return {
    id: journey.id,
    name: journey.name,
    status: journey.status as JourneyStatus,
    draft: journey.draft as JourneyDocument,
    updatedAt: journey.updatedAt,
    liveVersionId: journey.liveVersionId,
    pausedAt: journey.pausedAt,
    pausedAfterEvent: journey.pausedAfterEvent,
    versions,
  };
}

/** Creates a journey; its id is `preferredId` when given and free, else a slug of the name. */
export function createJourney(db: Db, input: { name: string; document?: JourneyDocument; now?: number; preferredId?: string }): string {
  const now = input.now ?? Date.now();
  const base = input.preferredId ?? slug(input.name);
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (db.select({ id: journeys.id }).from(journeys).where(eq(journeys.id, id)).get()) continue;
    const draft = input.document ? { ...input.document, id, name: input.name } : emptyDocument(id, input.name);
    // Another process (the app and the CLI, or two app processes) may take the free id first: then try the next.
    const inserted = db.insert(journeys).values({ id, name: input.name, status: 'draft', draft, createdAt: now, updatedAt: now }).onConflictDoNothing().run();
    if (inserted.changes > 0) return id;
  }
}

/** Saves a draft; drafts may be incomplete, so only the document's shape is enforced here. */
export function saveDraft(db: Db, id: string, document: unknown, now = Date.now()): { updatedAt: number; problems: ValidationProblem[] } {
  const parsed = journeyDocumentSchema.parse(document);
  const draft = { ...parsed, id };
  const res = db.update(journeys).set({ draft, name: draft.name, updatedAt: now }).where(eq(journeys.id, id)).run();
  if (res.changes === 0) throw new Error(`Journey "${id}" does not exist`);
  return { updatedAt: now, problems: validateJourney(draft) };
}

export type PublishResult =
  | { ok: true; version: { id: number; number: number; hash: string }; migrated: number; kept: number }
  | { ok: false; problems: ValidationProblem[] };

export interface PublishOptions {
  /** Move in-flight members of older versions to the new one, by node id. */
  migrate?: boolean;
}

/**
 * Freezes the draft into an immutable, compiled version and makes it live.
 * Members in flight stay on their version unless `migrate` is set; then each
 * waiting member moves when its node exists in the new version with the same
 * kind, and stays otherwise.
 */
export function publishJourney(db: Db, id: string, now = Date.now(), options: PublishOptions = {}): PublishResult {
  const journey = db.select().from(journeys).where(eq(journeys.id, id)).get();
  if (!journey) throw new Error(`Journey "${id}" does not exist`);
  return publishDocument(db, id, journey.draft, now, options);
}

/** Publishes a given document (the draft, or the live version with a change) as the journey's next version. */
export function publishDocument(db: Db, id: string, document: unknown, now: number, options: PublishOptions): PublishResult {
  const problems = validateJourney(document);
  if (problems.length) return { ok: false, problems };
  const doc = journeyDocumentSchema.parse(document);
  const machine = compileJourney(doc);
  const hash = createHash('sha256').update(canonicalJson(doc)).digest('hex').slice(0, 16);
  const trigger = triggerNodeOf(doc);
  const kind = getNodeKind(trigger.kind)!;
  const triggerConfig = kind.configSchema.parse(trigger.config ?? {});
  // Indexed with the version: ingest looks only at journeys whose trigger listens for the incoming event type.
  const triggerEvent = kind.listensTo?.(triggerConfig)[0]?.event ?? null;

  return db.transaction((tx) => {
    lockJourneyRow(db, id);
    const latest = tx
      .select()
      .from(journeyVersions)
      .where(eq(journeyVersions.journeyId, id))
      .orderBy(desc(journeyVersions.number))
      .get();
    let version = latest && latest.hash === hash ? latest : undefined;
    if (!version) {
      version = tx
        .insert(journeyVersions)
        .values({ journeyId: id, number: (latest?.number ?? 0) + 1, hash, document: doc, machine, triggerEvent, publishedAt: now })
        .returning()
        .get();
    }
    const spec = kind.scheduled?.(triggerConfig);
    if (spec) {
      tx.insert(triggerSchedules)
        .values({ versionId: version.id, journeyId: id, nextRunAt: nextTriggerRun(spec, now, true), lastRunAt: now })
        .onConflictDoNothing()
        .run();
    }
    // A paused journey stays paused: the marketer resumes it when ready (and resuming replays what held members did).
    tx.update(journeys)
      .set({ status: sql`case when ${journeys.status} = 'paused' then 'paused' else 'live' end`, liveVersionId: version.id, updatedAt: now })
      .where(eq(journeys.id, id))
      .run();
    const { migrated, kept } = migrateInFlight(tx as unknown as Db, id, version.id, doc, options.migrate === true);
    return { ok: true as const, version: { id: version.id, number: version.number, hash: version.hash }, migrated, kept };
  });
}

/**
 * Makes concurrent publishes of one journey take turns: each reads the latest version number and
 * inserts the next, so two at once (the web app and a worker, or two app processes) would take the
 * same number. SQLite's single writer already serialises them; Postgres' READ COMMITTED does not,
 * so the journey's row is locked until the transaction ends, and the next publisher reads after it.
 */
function lockJourneyRow(db: Db, id: string): void {
  // The same connection as the caller's transaction: the lock is the transaction's.
  if (dialectOf(db) === 'pg') db.$client.prepare('select id from journeys where id = ? for update').get(id);
}

/**
 * Sets the status. A pause remembers when it began and the last event stored before it (pausing
 * again keeps both), so resuming knows which events held members missed; anything else forgets them.
 */
export function setJourneyStatus(db: Db, id: string, status: JourneyStatus, now = Date.now()) {
  const paused = status === 'paused';
  db.update(journeys)
    .set({
      status,
      pausedAt: paused ? sql`coalesce(${journeys.pausedAt}, ${now})` : null,
      pausedAfterEvent: paused ? sql`coalesce(${journeys.pausedAfterEvent}, (select coalesce(max(seq), 0) from events))` : null,
      updatedAt: now,
    })
    .where(eq(journeys.id, id))
    .run();
}

function migrateInFlight(db: Db, journeyId: string, versionId: number, doc: JourneyDocument, migrate: boolean): { migrated: number; kept: number } {
  const inFlight = db
    .select({ id: enrolments.id, versionId: enrolments.versionId, nodeId: enrolments.nodeId, enteredAt: enrolments.enteredAt, document: journeyVersions.document })
    .from(enrolments)
    .innerJoin(journeyVersions, eq(journeyVersions.id, enrolments.versionId))
    .where(and(eq(enrolments.journeyId, journeyId), inArray(enrolments.status, ['active', 'waiting']), ne(enrolments.versionId, versionId)))
    .all();
  if (!migrate) return { migrated: 0, kept: inFlight.length };
  const kinds = new Map(doc.nodes.map((n) => [n.id, n.kind]));
  let migrated = 0;
  for (const e of inFlight) {
    const oldKind = (e.document as JourneyDocument).nodes.find((n) => n.id === e.nodeId)?.kind;
    if (!e.nodeId || !oldKind || kinds.get(e.nodeId) !== oldKind) continue;
    // The persisted snapshot names the node by id, so it resolves against the new machine as is.
    // The goal window follows the version: ingest looks at finished members only while their goal is reachable.
    db.update(enrolments).set({ versionId, goalUntil: goalDeadline(doc, e.enteredAt) }).where(eq(enrolments.id, e.id)).run();
    migrated++;
  }
  return { migrated, kept: inFlight.length - migrated };
}

/** Members in flight per version and node: what a publisher sees before choosing to migrate. */
export function inFlightByNode(db: Db, journeyId: string) {
  return db
    .select({ versionId: enrolments.versionId, number: journeyVersions.number, nodeId: enrolments.nodeId, members: sql<number>`count(*)` })
    .from(enrolments)
    .innerJoin(journeyVersions, eq(journeyVersions.id, enrolments.versionId))
    .where(and(eq(enrolments.journeyId, journeyId), inArray(enrolments.status, ['active', 'waiting'])))
    // The version's number is grouped too: Postgres rejects a selected column that is neither grouped nor aggregated.
    .groupBy(enrolments.versionId, journeyVersions.number, enrolments.nodeId)
    .all();
}

/** A document whose A/B split `nodeId` sends every new entrant to `variant`. */
export function documentWithWinner(doc: JourneyDocument, nodeId: string, variant: string): JourneyDocument {
  return {
    ...doc,
    nodes: doc.nodes.map((n) => {
      const experiment = n.id === nodeId ? getNodeKind(n.kind)?.experiment : undefined;
      return experiment ? { ...n, config: experiment.withWinner(n.config ?? {}, variant) } : n;
    }),
  };
}

/**
 * "Declare winner": a new version — the live one with the A/B split sending
 * every new entrant to `variant`. Members in flight and all history stay as
 * they are; unpublished edits in the draft are kept (the draft's split gets
 * the winner too, so the next publish does not undo it).
 */
export function declareWinner(db: Db, journeyId: string, nodeId: string, variant: string, now = Date.now()): PublishResult {
  const journey = db.select().from(journeys).where(eq(journeys.id, journeyId)).get();
  if (!journey?.liveVersionId) throw new Error(`Journey "${journeyId}" has no live version`);
  const live = db.select().from(journeyVersions).where(eq(journeyVersions.id, journey.liveVersionId)).get()!;
  const withWinner = (doc: JourneyDocument) => documentWithWinner(doc, nodeId, variant);
  const doc = live.document as JourneyDocument;
  if (!doc.nodes.some((n) => n.id === nodeId && getNodeKind(n.kind)?.experiment)) throw new Error(`Node "${nodeId}" is not an A/B split of "${journeyId}"`);
  const result = publishDocument(db, journeyId, withWinner(doc), now, {});
  if (result.ok) db.update(journeys).set({ draft: withWinner(journey.draft as JourneyDocument) }).where(eq(journeys.id, journeyId)).run();
  return result;
}
