import { and, asc, eq, gte } from 'drizzle-orm';
import type { Condition, EventFacts, MemberFacts } from '@/journey';
import type { Db } from '@/db/client';
import { events, memberGroups, members, memberTags, segments } from '@/db/schema';

const HISTORY_MS = 400 * 24 * 3600 * 1000;

/** A member as conditions see it: profile fields, custom attributes, tags. */
export function loadMemberFacts(db: Db, memberId: string): MemberFacts | null {
  const m = db.select().from(members).where(eq(members.id, memberId)).get();
  if (!m) return null;
  const tags = db.select({ tag: memberTags.tag }).from(memberTags).where(eq(memberTags.memberId, memberId)).all();
  const groups = db.select({ id: memberGroups.groupId }).from(memberGroups).where(eq(memberGroups.memberId, memberId)).all();
  return { ...m, tags: tags.map((t) => t.tag), groups: groups.map((g) => g.id) };
}

/** Dynamic segment definitions, read once per batch. */
export function loadSegmentDefs(db: Db): Record<string, Condition> {
  return Object.fromEntries(db.select({ id: segments.id, condition: segments.condition }).from(segments).all().map((s) => [s.id, s.condition as Condition]));
}

/** The member's events over the last ~13 months, oldest first, for event conditions. */
export function loadHistory(db: Db, memberId: string, now: number): EventFacts[] {
  return db
    .select({ type: events.type, occurredAt: events.occurredAt, properties: events.properties })
    .from(events)
    .where(and(eq(events.memberId, memberId), gte(events.occurredAt, now - HISTORY_MS)))
    .orderBy(asc(events.occurredAt), asc(events.seq))
    .all();
}
