import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from './client';
import { dialectOf } from './dialect';
import { apiKeys, auditLog, sessions, users } from './schema';

export type UserRecord = typeof users.$inferSelect;
export type ApiKeyRecord = typeof apiKeys.$inferSelect;

export function userCount(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(users).get()?.n ?? 0;
}

export function userByEmail(db: Db, email: string): UserRecord | undefined {
  return db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).get();
}

export function insertUser(db: Db, u: typeof users.$inferInsert): void {
  db.insert(users).values({ ...u, email: u.email.trim().toLowerCase() }).run();
}

export function listUsers(db: Db) {
  return db.select({ id: users.id, email: users.email, name: users.name, role: users.role, lockedUntil: users.lockedUntil, disabledAt: users.disabledAt, createdAt: users.createdAt }).from(users).orderBy(users.email).all();
}

export function updateUser(db: Db, id: string, changes: Partial<typeof users.$inferInsert>): void {
  db.update(users).set(changes).where(eq(users.id, id)).run();
}

export function insertSession(db: Db, s: typeof sessions.$inferInsert): void {
  db.insert(sessions).values(s).run();
}

/** The user of a live session, unless disabled. */
export function sessionUser(db: Db, tokenHash: string, now: number): UserRecord | undefined {
  return db
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), isNull(users.disabledAt)))
    .get()?.user;
}

export function deleteSession(db: Db, tokenHash: string): void {
  db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
}

export function deleteExpiredSessions(db: Db, now: number): void {
  db.delete(sessions).where(lt(sessions.expiresAt, now)).run();
}

export function insertApiKey(db: Db, k: typeof apiKeys.$inferInsert): void {
  db.insert(apiKeys).values(k).run();
}

export function apiKeyByHash(db: Db, keyHash: string): ApiKeyRecord | undefined {
  return db.select().from(apiKeys).where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt))).get();
}

export function touchApiKey(db: Db, id: string, now: number): void {
  db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, id)).run();
}

export function listApiKeys(db: Db) {
  return db
    .select({ id: apiKeys.id, name: apiKeys.name, scope: apiKeys.scope, prefix: apiKeys.prefix, createdBy: apiKeys.createdBy, createdAt: apiKeys.createdAt, lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .orderBy(desc(apiKeys.createdAt))
    .all();
}

export function revokeApiKey(db: Db, id: string, now: number): boolean {
  return db.update(apiKeys).set({ revokedAt: now }).where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt))).run().changes > 0;
}

export function insertAudit(db: Db, row: typeof auditLog.$inferInsert): void {
  db.insert(auditLog).values(row).run();
}

/** Audit rows newest first, filtered by action prefix, actor text and time range. */
export function queryAudit(db: Db, f: { action?: string; actor?: string; from?: number; to?: number; limit: number; offset: number }) {
  // SQLite's LIKE ignores (ASCII) case, Postgres's does not: there it is ILIKE.
  const like = sql.raw(dialectOf(db) === 'pg' ? 'ilike' : 'like');
  const where = and(
    f.action ? sql`${auditLog.action} ${like} ${`${f.action.replace(/[%_\\]/g, '\\$&')}%`} escape '\\'` : undefined,
    f.actor ? sql`${auditLog.actor} ${like} ${`%${f.actor.replace(/[%_\\]/g, '\\$&')}%`} escape '\\'` : undefined,
    f.from !== undefined ? sql`${auditLog.at} >= ${f.from}` : undefined,
    f.to !== undefined ? sql`${auditLog.at} < ${f.to}` : undefined,
  );
  const rows = db.select().from(auditLog).where(where).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(f.limit).offset(f.offset).all();
  const total = db.select({ n: sql<number>`count(*)` }).from(auditLog).where(where).get()?.n ?? 0;
  return { total, rows };
}

/** Deletes audit rows older than `before`; returns how many. Callers keep at least the retention minimum. */
export function purgeAuditBefore(db: Db, before: number): number {
  return db.delete(auditLog).where(lt(auditLog.at, before)).run().changes;
}
