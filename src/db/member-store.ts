import type Database from 'better-sqlite3';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from './client';
import { prepared } from './prepared';
import { memberIdentities, members, memberTags, settings } from './schema';

export type MemberRecord = typeof members.$inferSelect;
export type NewMemberRecord = typeof members.$inferInsert;
export type IdentityType = (typeof memberIdentities.$inferSelect)['type'];

/** Ids per `in (…)` list: far below SQLite's parameter limit. */
const CHUNK = 500;

function chunks<T>(list: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Stored members by id, erased ones included (callers decide what an erased member means). */
export function membersByIds(db: Db, ids: string[]): Map<string, MemberRecord> {
  const out = new Map<string, MemberRecord>();
  for (const part of chunks(ids)) for (const m of db.select().from(members).where(inArray(members.id, part)).all()) out.set(m.id, m);
  return out;
}

export function memberById(db: Db, id: string): MemberRecord | undefined {
  return db.select().from(members).where(eq(members.id, id)).get();
}

export function tagsOf(db: Db, ids: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of chunks(ids)) {
    for (const t of db.select().from(memberTags).where(inArray(memberTags.memberId, part)).all()) (out.get(t.memberId) ?? out.set(t.memberId, []).get(t.memberId)!).push(t.tag);
  }
  return out;
}

export function identitiesOf(db: Db, memberId: string): { type: IdentityType; value: string }[] {
  return db.select({ type: memberIdentities.type, value: memberIdentities.value }).from(memberIdentities).where(eq(memberIdentities.memberId, memberId)).all();
}

/** Who owns each value of one identity type. */
export function identityOwners(db: Db, type: IdentityType, values: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of chunks(values)) {
    for (const r of db
      .select({ value: memberIdentities.value, memberId: memberIdentities.memberId })
      .from(memberIdentities)
      .where(and(eq(memberIdentities.type, type), inArray(memberIdentities.value, part)))
      .all())
      out.set(r.value, r.memberId);
  }
  return out;
}

/** The member an identity belongs to, unless that member was erased. */
export function resolveIdentity(db: Db, type: IdentityType, value: string): string | undefined {
  return prepared(db, `select i.member_id from member_identities i join members m on m.id = i.member_id where i.type = ? and i.value = ? and m.erased_at is null`)
    .pluck()
    .get(type, value) as string | undefined;
}

const MEMBER_COLUMNS = [
  'id', 'name', 'phone', 'email', 'gender', 'birthday', 'city', 'tier', 'points', 'growth', 'stored_value', 'tz', 'join_date', 'join_channel',
  'store', 'associate', 'consent', 'attributes', 'created_at', 'updated_at',
] as const;

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** `insert … values (…), (…)` for `count` rows, prepared once per size and connection. */
function bulkInsert(db: Db, table: string, columns: readonly string[], count: number, suffix = ''): Database.Statement {
  let byKey = statements.get(db.$client);
  if (!byKey) statements.set(db.$client, (byKey = new Map()));
  const key = `${table}:${count}:${suffix}`;
  let stmt = byKey.get(key);
  if (!stmt) {
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    stmt = db.$client.prepare(`insert into ${table} (${columns.join(', ')}) values ${Array(count).fill(tuple).join(', ')}${suffix}`);
    byKey.set(key, stmt);
  }
  return stmt;
}

function insertRows(db: Db, table: string, columns: readonly string[], rows: unknown[][], suffix = ''): void {
  const per = Math.max(1, Math.floor(900 / columns.length));
  for (const part of chunks(rows, per)) bulkInsert(db, table, columns, part.length, suffix).run(part.flat());
}

/** New members with multi-row INSERTs: the import's hot path. */
export function insertMembers(db: Db, rows: Required<Omit<NewMemberRecord, 'unsubscribedAt' | 'erasedAt'>>[]): void {
  insertRows(
    db,
    'members',
    MEMBER_COLUMNS,
    rows.map((m) => [
      m.id, m.name, m.phone, m.email, m.gender, m.birthday, m.city, m.tier, m.points, m.growth, m.storedValue, m.tz, m.joinDate, m.joinChannel,
      m.store, m.associate, JSON.stringify(m.consent), JSON.stringify(m.attributes), m.createdAt, m.updatedAt,
    ]),
  );
}

export function updateMember(db: Db, id: string, changes: Partial<NewMemberRecord>): void {
  db.update(members).set(changes).where(eq(members.id, id)).run();
}

export function addTags(db: Db, rows: { memberId: string; tag: string }[]): void {
  insertRows(db, 'member_tags', ['member_id', 'tag'], rows.map((r) => [r.memberId, r.tag]), ' on conflict do nothing');
}

export function removeTags(db: Db, memberId: string, tags: string[]): void {
  if (tags.length) db.delete(memberTags).where(and(eq(memberTags.memberId, memberId), inArray(memberTags.tag, tags))).run();
}

export function addIdentities(db: Db, rows: { type: IdentityType; value: string; memberId: string; addedAt: number }[]): void {
  insertRows(db, 'member_identities', ['type', 'value', 'member_id', 'added_at'], rows.map((r) => [r.type, r.value, r.memberId, r.addedAt]));
}

export function removeIdentity(db: Db, memberId: string, type: IdentityType): void {
  db.delete(memberIdentities).where(and(eq(memberIdentities.memberId, memberId), eq(memberIdentities.type, type))).run();
}

export function readSetting<T>(db: Db, key: string): T | undefined {
  return db.select().from(settings).where(eq(settings.key, key)).get()?.value as T | undefined;
}

export function writeSetting(db: Db, key: string, value: unknown): void {
  db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
}

/** Empties every table (migrations stay): how an interrupted demo seed starts over. */
export function wipeAllData(db: Db): void {
  const tables = db.$client.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'`).pluck().all() as string[];
  db.$client.pragma('foreign_keys = OFF');
  try {
    db.$client.transaction(() => {
      for (const t of tables) db.$client.prepare(`delete from "${t}"`).run();
    })();
  } finally {
    db.$client.pragma('foreign_keys = ON');
  }
}
