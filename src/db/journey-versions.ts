import { eq } from 'drizzle-orm';
import type { JourneyDocument } from '@/journey';
import type { Db } from './client';
import { journeys, journeyVersions } from './schema';

// Published versions of journeys: immutable rows (document, compiled machine), one per publish.

export type JourneyVersionRow = typeof journeyVersions.$inferSelect;

export function versionRow(db: Db, versionId: number): JourneyVersionRow | undefined {
  return db.select().from(journeyVersions).where(eq(journeyVersions.id, versionId)).get();
}

/** The document a version published (as stored: validated when it was published). */
export function versionDocument(db: Db, versionId: number): JourneyDocument | undefined {
  return versionRow(db, versionId)?.document as JourneyDocument | undefined;
}

/** Every published version of a journey with its document. */
export function journeyVersionDocuments(db: Db, journeyId: string): { id: number; document: JourneyDocument }[] {
  return db
    .select({ id: journeyVersions.id, document: journeyVersions.document })
    .from(journeyVersions)
    .where(eq(journeyVersions.journeyId, journeyId))
    .all() as { id: number; document: JourneyDocument }[];
}

/** The journey's live version id (null before the first publish) and status; undefined for an unknown journey. */
export function liveVersionOf(db: Db, journeyId: string): { versionId: number | null; status: (typeof journeys.$inferSelect)['status'] } | undefined {
  return db.select({ versionId: journeys.liveVersionId, status: journeys.status }).from(journeys).where(eq(journeys.id, journeyId)).get();
}
