import { and, eq } from 'drizzle-orm';
import type { Db } from './client';
import { memberGroups, members, memberTags, tasks } from './schema';

// Changes journeys make to a member in our own database (src/runtime/effects): each a no-op when repeated.

export function changeTags(db: Db, memberId: string, add: readonly string[], remove: readonly string[]): void {
  for (const tag of add) db.insert(memberTags).values({ memberId, tag }).onConflictDoNothing().run();
  for (const tag of remove) db.delete(memberTags).where(and(eq(memberTags.memberId, memberId), eq(memberTags.tag, tag))).run();
}

export function changeGroup(db: Db, memberId: string, groupId: string, op: 'add' | 'remove', now: number): void {
  if (op === 'add') db.insert(memberGroups).values({ groupId, memberId, addedAt: now }).onConflictDoNothing().run();
  else db.delete(memberGroups).where(and(eq(memberGroups.groupId, groupId), eq(memberGroups.memberId, memberId))).run();
}

export type MemberRow = typeof members.$inferSelect;

export function memberRow(db: Db, memberId: string): MemberRow | undefined {
  return db.select().from(members).where(eq(members.id, memberId)).get();
}

/** A task for a store associate, once per effect key. */
export function insertTask(db: Db, task: Omit<typeof tasks.$inferInsert, 'id'>): void {
  db.insert(tasks).values(task).onConflictDoNothing().run();
}
