import { evaluateCondition, type Condition, type EvalEnv, type EventFacts, type JourneyDocument } from '@/journey';
import type { Db } from '@/db/client';
import { prepared } from '@/db/prepared';
import { loadHistory, loadManyMemberFacts, loadSegmentDefs } from './member-facts';

/** Members read per batch while counting an audience. */
const BATCH = 500;
/** Members listed as a preview of who is in an audience. */
const SAMPLE = 10;

export interface SegmentRow {
  id: string;
  name: string;
  condition: Condition;
  createdAt: number;
}

export function listSegments(db: Db): SegmentRow[] {
  return (prepared(db, `select id, name, condition, created_at as createdAt from segments order by name, id`).all() as (Omit<SegmentRow, 'condition'> & { condition: string })[]).map(
    (r) => ({ ...r, condition: JSON.parse(r.condition) as Condition }),
  );
}

/** Visits every member with what conditions read about them now; event history is loaded only when a condition asks. */
function eachMember(db: Db, now: number, visit: (memberId: string, env: EvalEnv) => void): number {
  const segments = loadSegmentDefs(db);
  const ids = prepared(db, `select id from members where erased_at is null order by id`).pluck().all() as string[];
  for (let i = 0; i < ids.length; i += BATCH) {
    for (const [id, member] of loadManyMemberFacts(db, ids.slice(i, i + BATCH))) {
      let history: EventFacts[] | undefined;
      visit(id, { now, member, segments, history: () => (history ??= loadHistory(db, id, now)) });
    }
  }
  return ids.length;
}

/** Who matches an audience condition right now, evaluated exactly as in a journey: the count and the first few ids. */
export function previewAudience(db: Db, condition: Condition, now: number): { members: number; matching: number; sample: string[] } {
  let matching = 0;
  const sample: string[] = [];
  const members = eachMember(db, now, (id, env) => {
    if (!evaluateCondition(condition, env)) return;
    matching++;
    if (sample.length < SAMPLE) sample.push(id);
  });
  return { members, matching, sample };
}

/** How many members are in each segment right now, in one pass over the members. */
export function segmentSizes(db: Db, now: number): Record<string, number> {
  const definitions = loadSegmentDefs(db);
  const sizes: Record<string, number> = Object.fromEntries(Object.keys(definitions).map((id) => [id, 0]));
  eachMember(db, now, (_id, env) => {
    // Asked the way a journey asks ({segment: id}), so a static group of the same id counts too.
    for (const segmentId of Object.keys(definitions)) if (evaluateCondition({ segment: segmentId }, env)) sizes[segmentId]++;
  });
  return sizes;
}

/** Creates or replaces a segment definition. */
export function saveSegment(db: Db, s: { id: string; name: string; condition: Condition }, now: number): void {
  prepared(
    db,
    `insert into segments (id, name, condition, created_at) values (?, ?, ?, ?)
     on conflict (id) do update set name = excluded.name, condition = excluded.condition`,
  ).run(s.id, s.name, JSON.stringify(s.condition), now);
}

/** Published journeys whose live version tests the segment: deleting it would change who they reach. */
export function journeysUsingSegment(db: Db, segmentId: string): { id: string; name: string }[] {
  const live = prepared(db, `select j.id, j.name, v.document from journeys j join journey_versions v on v.id = j.live_version_id where j.status in ('live', 'paused')`).all() as {
    id: string;
    name: string;
    document: string;
  }[];
  return live.filter((j) => mentionsSegment(JSON.parse(j.document) as JourneyDocument, segmentId)).map(({ id, name }) => ({ id, name }));
}

function mentionsSegment(value: unknown, segmentId: string): boolean {
  if (Array.isArray(value)) return value.some((v) => mentionsSegment(v, segmentId));
  if (!value || typeof value !== 'object') return false;
  const o = value as Record<string, unknown>;
  if (o.segment === segmentId) return true;
  return Object.values(o).some((v) => mentionsSegment(v, segmentId));
}

export function deleteSegment(db: Db, segmentId: string): boolean {
  return prepared(db, `delete from segments where id = ?`).run(segmentId).changes > 0;
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

/** Ids of the live members in a saved segment (or static group of that id) right now, asked the way a journey asks. */
export function segmentMemberIds(db: Db, segmentId: string, now: number): string[] {
  const ids: string[] = [];
  eachMember(db, now, (id, env) => {
    if (evaluateCondition({ segment: segmentId }, env)) ids.push(id);
  });
  return ids;
}
