import { evaluateCondition, type Condition, type EvalEnv, type EventFacts } from '@/journey';
import type { Db } from '@/db/client';
import { liveMemberIds, loadHistory, loadManyMemberFacts, loadSegmentDefs } from '@/db/member-facts';
import { publishedJourneyDocuments } from '@/db/segments';

// Audiences evaluated in memory, exactly as journeys evaluate conditions. The segments' own rows (list, save,
// delete, static-group uploads) are in src/db/segments.ts.

/** Members read per batch while counting an audience. */
const BATCH = 500;
/** Members listed as a preview of who is in an audience. */
const SAMPLE = 10;

/** Visits every member with what conditions read about them now; event history is loaded only when a condition asks. */
function eachMember(db: Db, now: number, visit: (memberId: string, env: EvalEnv) => void): number {
  const segments = loadSegmentDefs(db);
  const ids = liveMemberIds(db);
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

/** Published journeys whose live version tests the segment: deleting it would change who they reach. */
export function journeysUsingSegment(db: Db, segmentId: string): { id: string; name: string }[] {
  return publishedJourneyDocuments(db)
    .filter((j) => mentionsSegment(j.document, segmentId))
    .map(({ id, name }) => ({ id, name }));
}

function mentionsSegment(value: unknown, segmentId: string): boolean {
  if (Array.isArray(value)) return value.some((v) => mentionsSegment(v, segmentId));
  if (!value || typeof value !== 'object') return false;
  const o = value as Record<string, unknown>;
  if (o.segment === segmentId) return true;
  return Object.values(o).some((v) => mentionsSegment(v, segmentId));
}

/** Ids of the live members in a saved segment (or static group of that id) right now, asked the way a journey asks. */
export function segmentMemberIds(db: Db, segmentId: string, now: number): string[] {
  const ids: string[] = [];
  eachMember(db, now, (id, env) => {
    if (evaluateCondition({ segment: segmentId }, env)) ids.push(id);
  });
  return ids;
}
