import { and, count, eq, sql } from 'drizzle-orm';
import type { JourneyDocument } from '@/journey';
import type { Db } from './client';
import { prepared } from './prepared';
import { createJourney, getJourney } from './journeys';
import { enrolments, journeyVersions, journeys, memberGroups, members, publishRequests } from './schema';

/** Everyday journey-list tools (duplicate, delete a draft) and static groups (客群): list, members, delete. */

export class ToolError extends Error {}

/** A copy of the journey's current draft as a new draft, named "<name> (copy)" / "<name> (副本)" by the caller. */
export function duplicateJourney(db: Db, id: string, name: string, now = Date.now()): string {
  const source = getJourney(db, id);
  if (!source) throw new ToolError(`Journey "${id}" not found`);
  return createJourney(db, { name, document: source.draft, now });
}

/**
 * Deletes a journey that was never published: no version, no member ever in it, no approval asked.
 * A published journey is archived instead (its versions and step log are history analysts still read).
 */
export function deleteDraft(db: Db, id: string): { name: string } {
  const j = db.select({ name: journeys.name, liveVersionId: journeys.liveVersionId }).from(journeys).where(eq(journeys.id, id)).get();
  if (!j) throw new ToolError(`Journey "${id}" not found`);
  const versions = db.select({ n: count() }).from(journeyVersions).where(eq(journeyVersions.journeyId, id)).get()?.n ?? 0;
  const enrolled = db.select({ n: count() }).from(enrolments).where(eq(enrolments.journeyId, id)).get()?.n ?? 0;
  if (j.liveVersionId !== null || versions > 0 || enrolled > 0) throw new ToolError(`"${j.name}" has been published: archive it instead of deleting it`);
  db.transaction((tx) => {
    tx.delete(publishRequests).where(eq(publishRequests.journeyId, id)).run();
    tx.delete(journeys).where(eq(journeys.id, id)).run();
  });
  return { name: j.name };
}

export interface GroupRow {
  id: string;
  members: number;
  lastAddedAt: number;
}

export function listGroups(db: Db): GroupRow[] {
  return db
    .select({ id: memberGroups.groupId, members: count(), lastAddedAt: sql<number>`max(${memberGroups.addedAt})` })
    .from(memberGroups)
    .groupBy(memberGroups.groupId)
    .orderBy(memberGroups.groupId)
    .all();
}

/** One page of a group's members (id, name, tier, when added): nothing personal beyond the name. */
export function groupMembers(db: Db, groupId: string, limit: number, offset: number) {
  const rows = db
    .select({ id: members.id, name: members.name, tier: members.tier, addedAt: memberGroups.addedAt })
    .from(memberGroups)
    .innerJoin(members, eq(members.id, memberGroups.memberId))
    .where(and(eq(memberGroups.groupId, groupId), sql`${members.erasedAt} is null`))
    .orderBy(memberGroups.memberId)
    .limit(limit)
    .offset(offset)
    .all();
  const total = db.select({ n: count() }).from(memberGroups).where(eq(memberGroups.groupId, groupId)).get()?.n ?? 0;
  return { rows, total };
}

/** Live or paused journeys whose published version adds to, removes from or tests this group. */
export function journeysUsingGroup(db: Db, groupId: string): { id: string; name: string }[] {
  const live = prepared(db, `select j.id, j.name, v.document from journeys j join journey_versions v on v.id = j.live_version_id where j.status in ('live', 'paused')`).all() as {
    id: string;
    name: string;
    document: string;
  }[];
  return live.filter((j) => mentions(JSON.parse(j.document) as JourneyDocument, groupId)).map(({ id, name }) => ({ id, name }));
}

function mentions(value: unknown, groupId: string): boolean {
  if (Array.isArray(value)) return value.some((v) => mentions(v, groupId));
  if (!value || typeof value !== 'object') return false;
  const o = value as Record<string, unknown>;
  if (o.segment === groupId || o.group === groupId) return true;
  return Object.values(o).some((v) => mentions(v, groupId));
}

/** Removes a static group (its memberships); refused while a live journey uses it. */
export function deleteGroup(db: Db, groupId: string): { removed: number } {
  const users = journeysUsingGroup(db, groupId);
  if (users.length) throw new ToolError(`Group "${groupId}" is used by ${users.map((u) => `"${u.name}"`).join(', ')}`);
  const removed = db.delete(memberGroups).where(eq(memberGroups.groupId, groupId)).run().changes;
  if (removed === 0) throw new ToolError(`Group "${groupId}" not found`);
  return { removed };
}
