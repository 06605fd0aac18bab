import type { Condition, EventFacts, MemberFacts } from '@/journey';
import type { Db } from '@/db/client';
import { prepared } from '@/db/prepared';
import { segments } from '@/db/schema';

const HISTORY_MS = 400 * 24 * 3600 * 1000;

interface MemberRow {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  gender: string | null;
  birthday: string | null;
  city: string | null;
  tier: string;
  points: number;
  growth: number;
  storedValue: number;
  tz: string;
  joinDate: string | null;
  joinChannel: string | null;
  store: string | null;
  associate: string | null;
  consent: string;
  attributes: string;
}

/** A member as conditions see it: profile fields, custom attributes, tags and static groups. */
export function loadMemberFacts(db: Db, memberId: string): MemberFacts | null {
  const m = prepared(
    db,
    `select id, name, phone, email, gender, birthday, city, tier, points, growth, stored_value as storedValue, tz,
            join_date as joinDate, join_channel as joinChannel, store, associate, consent, attributes
       from members where id = ?`,
  ).get(memberId) as MemberRow | undefined;
  if (!m) return null;
  const tags = prepared(db, 'select tag from member_tags where member_id = ?').pluck().all(memberId) as string[];
  const groups = prepared(db, 'select group_id from member_groups where member_id = ?').pluck().all(memberId) as string[];
  return { ...m, consent: JSON.parse(m.consent), attributes: JSON.parse(m.attributes), tags, groups };
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
