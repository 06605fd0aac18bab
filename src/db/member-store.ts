import type Database from 'better-sqlite3';
import { and, eq, getTableColumns, inArray } from 'drizzle-orm';
import type { Db } from './client';
import { conflictOn } from './conflict-target';
import { dialectOf } from './dialect';
import { prepared } from './prepared';
import { memberIdentities, members, memberTags, settings } from './schema';

export type MemberRecord = typeof members.$inferSelect;
export type NewMemberRecord = typeof members.$inferInsert;
export type IdentityType = (typeof memberIdentities.$inferSelect)['type'];

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A statement prepared once per connection (`key` names its shape). */
function statement(db: Db, key: string, sql: () => string): Database.Statement {
  let byKey = statements.get(db.$client);
  if (!byKey) statements.set(db.$client, (byKey = new Map()));
  let stmt = byKey.get(key);
  if (!stmt) {
    // Bounded: statements whose shape depends on the data (see insertRows) must not pile up.
    if (byKey.size >= 512) byKey.clear();
    byKey.set(key, (stmt = db.$client.prepare(sql())));
  }
  return stmt;
}

/** Ids per `in (…)` list where JSON cannot carry the values: far below SQLite's parameter limit. */
const CHUNK = 500;

function chunks<T>(list: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** The values of a JSON array bound as one parameter, as a subquery's `value` column (Postgres reads the JSON through jsonb). */
function jsonList(db: Db): string {
  return dialectOf(db) === 'pg' ? 'select value from jsonb_array_elements_text(cast(? as jsonb))' : 'select value from json_each(?)';
}

/** Whether SQLite's JSON reads these strings back exactly (no lone surrogates, no NUL): then a whole list goes in as one JSON parameter. */
// eslint-disable-next-line no-control-regex
const NOT_JSON_SAFE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function jsonSafe(values: string[]): boolean {
  for (const v of values) if (typeof v !== 'string' || NOT_JSON_SAFE.test(v)) return false;
  return true;
}

/** The columns of `members` as drizzle's `select()` returns them: property name, SQL name, driver-to-JS mapping. */
const memberColumns = Object.entries(getTableColumns(members)).map(([key, column]) => ({ key, name: column.name, column }));

/** A raw row as drizzle maps it (JSON columns parsed, nulls left as null). */
function toMemberRecord(row: Record<string, unknown>): MemberRecord {
  const out: Record<string, unknown> = {};
  for (const c of memberColumns) {
    const v = row[c.name];
    out[c.key] = v === null || v === undefined ? v : c.column.mapFromDriverValue(v);
  }
  return out as MemberRecord;
}

/**
 * Stored members by id, erased ones included (callers decide what an erased member means).
 * The ids go in as one JSON array (`json_each`): one bound parameter for a whole batch, not one per id.
 */
export function membersByIds(db: Db, ids: string[]): Map<string, MemberRecord> {
  const out = new Map<string, MemberRecord>();
  if (!ids.length) return out;
  if (!jsonSafe(ids)) {
    for (const part of chunks(ids)) for (const m of db.select().from(members).where(inArray(members.id, part)).all()) out.set(m.id, m);
    return out;
  }
  const rows = statement(db, 'membersByIds', () => `select * from members where id in (${jsonList(db)})`).all(JSON.stringify(ids)) as Record<string, unknown>[];
  for (const row of rows) {
    const m = toMemberRecord(row);
    out.set(m.id, m);
  }
  return out;
}

export function memberById(db: Db, id: string): MemberRecord | undefined {
  return db.select().from(members).where(eq(members.id, id)).get();
}

export function tagsOf(db: Db, ids: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!ids.length) return out;
  if (!jsonSafe(ids)) {
    for (const part of chunks(ids)) {
      for (const t of db.select().from(memberTags).where(inArray(memberTags.memberId, part)).all()) (out.get(t.memberId) ?? out.set(t.memberId, []).get(t.memberId)!).push(t.tag);
    }
    return out;
  }
  const rows = statement(db, 'tagsOf', () => `select member_id, tag from member_tags where member_id in (${jsonList(db)})`).raw().all(JSON.stringify(ids)) as [string, string][];
  for (const [memberId, tag] of rows) (out.get(memberId) ?? out.set(memberId, []).get(memberId)!).push(tag);
  return out;
}

export function identitiesOf(db: Db, memberId: string): { type: IdentityType; value: string }[] {
  return db.select({ type: memberIdentities.type, value: memberIdentities.value }).from(memberIdentities).where(eq(memberIdentities.memberId, memberId)).all();
}

/** Who owns each value of one identity type. */
export function identityOwners(db: Db, type: IdentityType, values: string[]): Map<string, string> {
  const out = new Map<string, string>();
  if (!values.length) return out;
  if (!jsonSafe(values)) {
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
  const rows = statement(db, 'identityOwners', () => `select value, member_id from member_identities where type = ? and value in (${jsonList(db)})`)
    .raw()
    .all(type, JSON.stringify(values)) as [string, string][];
  for (const [value, memberId] of rows) out.set(value, memberId);
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

/** Bound parameters per multi-row INSERT: below SQLite's historical limit of 999. */
const MAX_PARAMS = 990;

/**
 * `insert … values (…), (…)` for many rows. A column that holds one value in
 * every row of a statement (a batch's timestamp, a default) is bound once as
 * a named parameter: binding is most of what a wide row costs.
 */
function insertRows(db: Db, table: string, columns: readonly string[], rows: unknown[][], suffix = ''): void {
  if (!rows.length) return;
  const width = columns.length;
  const per = Math.max(1, Math.floor(MAX_PARAMS / width));
  for (let from = 0; from < rows.length; from += per) {
    const to = Math.min(rows.length, from + per);
    const first = rows[from];
    const constant: boolean[] = [];
    // Named parameters are SQLite's: on Postgres every value is bound by position.
    const named = dialectOf(db) === 'sqlite';
    for (let c = 0; c < width; c++) {
      const v = first[c];
      let same = named;
      for (let r = from + 1; r < to && same; r++) same = rows[r][c] === v;
      constant.push(same && to - from > 1);
    }
    const mask = constant.map((x) => (x ? '1' : '0')).join('');
    const count = to - from;
    const stmt = statement(db, `${table}:${count}:${mask}:${suffix}`, () => {
      const tuple = `(${columns.map((_, c) => (constant[c] ? `@k${c}` : '?')).join(', ')})`;
      return `insert into ${table} (${columns.join(', ')}) values ${Array(count).fill(tuple).join(', ')}${suffix}`;
    });
    const byName: Record<string, unknown> = {};
    let anyConstant = false;
    for (let c = 0; c < width; c++) {
      if (constant[c]) {
        byName[`k${c}`] = first[c];
        anyConstant = true;
      }
    }
    const params: unknown[] = [];
    for (let r = from; r < to; r++) {
      const row = rows[r];
      for (let c = 0; c < width; c++) if (!constant[c]) params.push(row[c]);
    }
    if (anyConstant) stmt.run(params, byName);
    else stmt.run(params);
  }
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
  db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: conflictOn(settings.key), set: { value } }).run();
}

/** Empties every table (migrations stay): how an interrupted demo seed starts over. */
export function wipeAllData(db: Db): void {
  if (dialectOf(db) === 'pg') return wipeAllPgData(db);
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

/**
 * The same on Postgres: the schema's tables from information_schema (no sqlite_master), emptied in one statement
 * (`truncate … cascade` needs no foreign keys turned off; ids go on from where they were, as on SQLite).
 */
function wipeAllPgData(db: Db): void {
  const tables = db.$client
    .prepare(`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like '%drizzle%'`)
    .pluck()
    .all() as string[];
  if (tables.length) db.$client.prepare(`truncate ${tables.map((t) => `"${t}"`).join(', ')} cascade`).run();
}
