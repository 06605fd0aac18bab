import type { Condition, EventFacts, MemberFacts } from '@/journey';
import type { Db } from './client';
import { prepared } from './prepared';
import { members, segments } from './schema';

const HISTORY_MS = 400 * 24 * 3600 * 1000;

type Member = typeof members.$inferSelect;
/** The columns conditions read, as SQLite returns them (JSON columns still text). */
type MemberRow = Pick<
  Member,
  'id' | 'name' | 'phone' | 'email' | 'gender' | 'birthday' | 'city' | 'tier' | 'points' | 'growth' | 'storedValue' | 'tz' | 'joinDate' | 'joinChannel' | 'store' | 'associate'
> & { consent: string; attributes: string };

const MEMBER_COLUMNS = `id, name, phone, email, gender, birthday, city, tier, points, growth, stored_value as storedValue, tz,
  join_date as joinDate, join_channel as joinChannel, store, associate, consent, attributes`;

function toFacts(m: MemberRow, tags: string[], groups: string[]): MemberFacts {
  return { ...m, consent: JSON.parse(m.consent), attributes: JSON.parse(m.attributes), tags, groups };
}

/** A member as conditions see it: profile fields, custom attributes, tags and static groups. */
export function loadMemberFacts(db: Db, memberId: string): MemberFacts | null {
  const m = prepared(db, `select ${MEMBER_COLUMNS} from members where id = ? and erased_at is null`).get(memberId) as MemberRow | undefined;
  if (!m) return null;
  const tags = prepared(db, 'select tag from member_tags where member_id = ?').pluck().all(memberId) as string[];
  const groups = prepared(db, 'select group_id from member_groups where member_id = ?').pluck().all(memberId) as string[];
  return toFacts(m, tags, groups);
}

const MANY = 500;

/** The same for many members with three queries per 500 instead of three per member. Unknown ids are absent. */
export function loadManyMemberFacts(db: Db, memberIds: string[]): Map<string, MemberFacts> {
  const facts = new Map<string, MemberFacts>();
  for (let i = 0; i < memberIds.length; i += MANY) {
    const ids = memberIds.slice(i, i + MANY);
    const marks = ids.map(() => '?').join(', ');
    const rows = db.$client.prepare(`select ${MEMBER_COLUMNS} from members where id in (${marks}) and erased_at is null`).all(...ids) as MemberRow[];
    const tags = new Map<string, string[]>();
    const groups = new Map<string, string[]>();
    for (const t of db.$client.prepare(`select member_id as m, tag as v from member_tags where member_id in (${marks})`).all(...ids) as { m: string; v: string }[]) {
      (tags.get(t.m) ?? tags.set(t.m, []).get(t.m)!).push(t.v);
    }
    for (const g of db.$client.prepare(`select member_id as m, group_id as v from member_groups where member_id in (${marks})`).all(...ids) as { m: string; v: string }[]) {
      (groups.get(g.m) ?? groups.set(g.m, []).get(g.m)!).push(g.v);
    }
    for (const m of rows) facts.set(m.id, toFacts(m, tags.get(m.id) ?? [], groups.get(m.id) ?? []));
  }
  return facts;
}

/** The member's events over the last ~13 months, oldest first, for event conditions. */
export function loadHistory(db: Db, memberId: string, now: number): EventFacts[] {
  const rows = prepared(
    db,
    `select type, occurred_at as occurredAt, properties from events
      where member_id = ? and occurred_at >= ? order by occurred_at, seq`,
  ).all(memberId, now - HISTORY_MS) as { type: string; occurredAt: number; properties: string }[];
  return rows.map((r) => ({ type: r.type, occurredAt: r.occurredAt, properties: JSON.parse(r.properties) }));
}

/** Dynamic segment definitions, read once per batch. */
export function loadSegmentDefs(db: Db): Record<string, Condition> {
  return Object.fromEntries(db.select({ id: segments.id, condition: segments.condition }).from(segments).all().map((s) => [s.id, s.condition as Condition]));
}

/** Ids of every member not erased, in id order: the members an audience is counted over. */
export function liveMemberIds(db: Db): string[] {
  return prepared(db, `select id from members where erased_at is null order by id`).pluck().all() as string[];
}

/** The first member not erased, by id: the sample a message preview is rendered for. */
export function firstLiveMemberId(db: Db): string | undefined {
  return prepared(db, 'select id from members where erased_at is null order by id limit 1').pluck().get() as string | undefined;
}
