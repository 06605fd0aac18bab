import { and, asc, desc, eq, isNull, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db } from './client';
import { dialectOf } from './dialect';
import { assetLedger, enrolments, journeys, memberGroups, memberIdentities, members, memberTags, pointsLedger, tasks } from './schema';

export interface MemberSearch {
  /** Matches id, name and email (case-insensitive), and phone by its digits when the query is a phone number. */
  search?: string;
  tier?: string;
  tag?: string;
  /** Only these member ids (a segment's members, evaluated by the runtime). */
  ids?: string[];
  limit: number;
  offset: number;
}

/** Phone matching needs at least this many digits: fewer would match nearly everyone. */
const MIN_PHONE_DIGITS = 3;

/** `%text%` with LIKE's wildcards escaped, for `like … escape '\'`. */
function contains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The digits to look for in phone numbers, or null when the query is not a
 * phone number: "138 0013" and "+86-138" are; "m0001" is an id, and matching
 * its digits against phones would list unrelated members.
 */
export function phoneDigits(query: string): string | null {
  if (!/^\+?[\d\s().-]+$/.test(query)) return null;
  const digits = query.replace(/\D/g, '');
  return digits.length >= MIN_PHONE_DIGITS ? digits : null;
}

/** The strings of a JSON array bound as one parameter, as a subquery (Postgres reads the JSON through jsonb). */
function jsonStrings(db: Db, list: string): SQL {
  return dialectOf(db) === 'pg' ? sql`select value from jsonb_array_elements_text(cast(${list} as jsonb))` : sql`select value from json_each(${list})`;
}

function searchWhere(db: Db, f: Omit<MemberSearch, 'limit' | 'offset'>): SQL | undefined {
  const parts: (SQL | undefined)[] = [isNull(members.erasedAt)];
  const q = f.search?.trim();
  if (q) {
    const pattern = contains(q.toLowerCase());
    const like = (column: SQLWrapper) => sql`lower(${column}) like ${pattern} escape '\\'`;
    const digits = phoneDigits(q);
    parts.push(or(like(members.id), like(members.name), like(members.email), digits ? sql`${members.phone} like ${contains(digits)} escape '\\'` : undefined));
  }
  if (f.tier) parts.push(eq(members.tier, f.tier));
  if (f.tag) parts.push(sql`exists (select 1 from ${memberTags} where ${memberTags.memberId} = ${members.id} and ${memberTags.tag} = ${f.tag})`);
  // One JSON parameter whatever the segment's size: no limit on bound variables.
  if (f.ids) parts.push(sql`${members.id} in (${jsonStrings(db, JSON.stringify(f.ids))})`);
  return and(...parts);
}

/** A page of live members matching the filters, with their tags; personal data unmasked (the caller masks). */
export function searchMembers(db: Db, f: MemberSearch) {
  const where = searchWhere(db, f);
  const rows = db
    .select({ id: members.id, name: members.name, phone: members.phone, email: members.email, tier: members.tier, city: members.city, points: members.points, tz: members.tz })
    .from(members)
    .where(where)
    .orderBy(asc(members.id))
    .limit(f.limit)
    .offset(f.offset)
    .all();
  const total = db.select({ n: sql<number>`count(*)` }).from(members).where(where).get()?.n ?? 0;
  const tags = new Map<string, string[]>();
  if (rows.length) {
    const ids = JSON.stringify(rows.map((r) => r.id));
    for (const t of db
      .select()
      .from(memberTags)
      .where(sql`${memberTags.memberId} in (${jsonStrings(db, ids)})`)
      .orderBy(asc(memberTags.tag))
      .all())
      (tags.get(t.memberId) ?? tags.set(t.memberId, []).get(t.memberId)!).push(t.tag);
  }
  return { total, rows: rows.map((r) => ({ ...r, tags: tags.get(r.id) ?? [] })) };
}

/** Tiers live members have, for the tier filter. */
export function memberTiers(db: Db): string[] {
  return db
    .selectDistinct({ tier: members.tier })
    .from(members)
    .where(isNull(members.erasedAt))
    .orderBy(asc(members.tier))
    .all()
    .map((r) => r.tier);
}

/** Ledger and task rows shown on a member's page: the newest first, at most this many each. */
const RECENT = 100;

/** What a member's page shows, table by table, or null for an unknown or erased member. Personal data unmasked (the caller masks). */
export function memberPageRecords(db: Db, memberId: string) {
  const member = db
    .select()
    .from(members)
    .where(and(eq(members.id, memberId), isNull(members.erasedAt)))
    .get();
  if (!member) return null;
  return {
    member,
    tags: db
      .select({ tag: memberTags.tag })
      .from(memberTags)
      .where(eq(memberTags.memberId, memberId))
      .orderBy(asc(memberTags.tag))
      .all()
      .map((t) => t.tag),
    groups: db
      .select({ groupId: memberGroups.groupId, addedAt: memberGroups.addedAt })
      .from(memberGroups)
      .where(eq(memberGroups.memberId, memberId))
      .orderBy(asc(memberGroups.groupId))
      .all(),
    identities: db
      .select({ type: memberIdentities.type, value: memberIdentities.value, addedAt: memberIdentities.addedAt })
      .from(memberIdentities)
      .where(eq(memberIdentities.memberId, memberId))
      .orderBy(asc(memberIdentities.type))
      .all(),
    points: db
      .select({ delta: pointsLedger.delta, kind: pointsLedger.kind, reason: pointsLedger.reason, at: pointsLedger.at })
      .from(pointsLedger)
      .where(eq(pointsLedger.memberId, memberId))
      .orderBy(desc(pointsLedger.id))
      .limit(RECENT)
      .all(),
    assets: db
      .select({ asset: assetLedger.asset, delta: assetLedger.delta, value: assetLedger.value, reason: assetLedger.reason, at: assetLedger.at })
      .from(assetLedger)
      .where(eq(assetLedger.memberId, memberId))
      .orderBy(desc(assetLedger.id))
      .limit(RECENT)
      .all(),
    openTasks: db
      .select({ id: tasks.id, text: tasks.text, associate: tasks.associate, journeyId: tasks.journeyId, nodeId: tasks.nodeId, dueAt: tasks.dueAt, createdAt: tasks.createdAt })
      .from(tasks)
      .where(and(eq(tasks.memberId, memberId), eq(tasks.status, 'open')))
      .orderBy(desc(tasks.id))
      .limit(RECENT)
      .all(),
    enrolments: db
      .select({
        id: enrolments.id,
        journeyId: enrolments.journeyId,
        journeyName: journeys.name,
        entryNo: enrolments.entryNo,
        status: enrolments.status,
        nodeId: enrolments.nodeId,
        variant: enrolments.variant,
        exitReason: enrolments.exitReason,
        enteredAt: enrolments.enteredAt,
        goalAt: enrolments.goalAt,
      })
      .from(enrolments)
      .innerJoin(journeys, eq(journeys.id, enrolments.journeyId))
      .where(eq(enrolments.memberId, memberId))
      .orderBy(desc(enrolments.enteredAt), desc(enrolments.id))
      .limit(RECENT)
      .all(),
  };
}
