import { sql } from 'drizzle-orm';
import type { Condition, JourneyDocument } from '@/journey';
import type { Db } from './client';
import { prepared } from './prepared';
import { memberGroups, members, segments } from './schema';

type Segment = typeof segments.$inferSelect;

/** A saved segment (人群): a condition evaluated against members whenever it is asked. */
export type SegmentRow = Pick<Segment, 'id' | 'name' | 'createdAt'> & { condition: Condition };

export function listSegments(db: Db): SegmentRow[] {
  return (prepared(db, `select id, name, condition, created_at as createdAt from segments order by name, id`).all() as (Omit<SegmentRow, 'condition'> & { condition: string })[]).map(
    (r) => ({ ...r, condition: JSON.parse(r.condition) as Condition }),
  );
}

/** Creates or replaces a segment definition. */
export function saveSegment(db: Db, s: { id: string; name: string; condition: Condition }, now: number): void {
  prepared(
    db,
    `insert into segments (id, name, condition, created_at) values (?, ?, ?, ?)
     on conflict (id) do update set name = excluded.name, condition = excluded.condition`,
  ).run(s.id, s.name, JSON.stringify(s.condition), now);
}

export function deleteSegment(db: Db, segmentId: string): boolean {
  return prepared(db, `delete from segments where id = ?`).run(segmentId).changes > 0;
}

/** The live version's document of every published journey (live or paused). */
export function publishedJourneyDocuments(db: Db): { id: string; name: string; document: JourneyDocument }[] {
  const live = prepared(db, `select j.id, j.name, v.document from journeys j join journey_versions v on v.id = j.live_version_id where j.status in ('live', 'paused')`).all() as {
    id: string;
    name: string;
    document: string;
  }[];
  return live.map((j) => ({ id: j.id, name: j.name, document: JSON.parse(j.document) as JourneyDocument }));
}

/**
 * Adds members to a static group from an uploaded list of ids (人群上传). Unknown ids are
 * reported, not stored; ids already in the group are counted as kept.
 */
export function uploadGroup(db: Db, groupId: string, memberIds: string[], now: number): { added: number; kept: number; unknown: string[] } {
  const unique = [...new Set(memberIds.map((id) => id.trim()).filter(Boolean))];
  const exists = prepared(db, `select 1 from members where id = ? and erased_at is null`).pluck();
  const insert = prepared(db, `insert into member_groups (group_id, member_id, added_at) values (?, ?, ?) on conflict do nothing`);
  const result = { added: 0, kept: 0, unknown: [] as string[] };
  db.$client.transaction(() => {
    for (const id of unique) {
      if (exists.get(id) === undefined) result.unknown.push(id);
      else if (insert.run(groupId, id, now).changes > 0) result.added++;
      else result.kept++;
    }
  })();
  return result;
}

/** Inserts saved segments and static-group rows in one transaction (a demo workspace's audiences); an existing id fails. */
export function insertAudiences(db: Db, rows: { segments: (typeof segments.$inferInsert)[]; groups: (typeof memberGroups.$inferInsert)[] }): void {
  db.transaction(() => {
    db.insert(segments).values(rows.segments).run();
    db.insert(memberGroups).values(rows.groups).run();
  });
}

/** How many members the database holds (erased ones too). */
export function memberCount(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(members).get()?.n ?? 0;
}
