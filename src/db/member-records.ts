import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from './client';
import { bySqlDialect } from './dialect';
import {
  assetLedger,
  auditLog,
  deliveryLog,
  enrolments,
  events,
  memberGroups,
  memberIdentities,
  members,
  memberTags,
  outbox,
  pointsLedger,
  stepLog,
  tasks,
} from './schema';

/** Everything stored about one member, table by table: the PIPL right of access. */
export function memberRecords(db: Db, memberId: string) {
  const member = db.select().from(members).where(eq(members.id, memberId)).get();
  if (!member) return null;
  const enrolmentRows = db.select().from(enrolments).where(eq(enrolments.memberId, memberId)).orderBy(asc(enrolments.id)).all();
  const steps = db.select().from(stepLog).where(eq(stepLog.memberId, memberId)).orderBy(asc(stepLog.id)).all();
  const messages = db.select().from(outbox).where(eq(outbox.memberId, memberId)).orderBy(asc(outbox.id)).all();
  return {
    member,
    identities: db.select({ type: memberIdentities.type, value: memberIdentities.value, addedAt: memberIdentities.addedAt }).from(memberIdentities).where(eq(memberIdentities.memberId, memberId)).all(),
    tags: db.select({ tag: memberTags.tag }).from(memberTags).where(eq(memberTags.memberId, memberId)).all().map((t) => t.tag),
    groups: db.select({ groupId: memberGroups.groupId, addedAt: memberGroups.addedAt }).from(memberGroups).where(eq(memberGroups.memberId, memberId)).all(),
    events: db.select().from(events).where(eq(events.memberId, memberId)).orderBy(asc(events.occurredAt), asc(events.seq)).all(),
    enrolments: enrolmentRows,
    steps,
    messages,
    decisions: db.select().from(deliveryLog).where(eq(deliveryLog.memberId, memberId)).orderBy(asc(deliveryLog.id)).all(),
    points: db.select().from(pointsLedger).where(eq(pointsLedger.memberId, memberId)).orderBy(asc(pointsLedger.id)).all(),
    assets: db.select().from(assetLedger).where(eq(assetLedger.memberId, memberId)).orderBy(asc(assetLedger.id)).all(),
    tasks: db.select().from(tasks).where(eq(tasks.memberId, memberId)).orderBy(asc(tasks.id)).all(),
  };
}

export type MemberRecords = NonNullable<ReturnType<typeof memberRecords>>;

/**
 * Erasure's writes: personal data out of the profile, identities and event
 * properties; pending effects cancelled. Step log, counters, enrolments and
 * ledgers keep their (now pseudonymous) rows so that counts do not change.
 */
export function scrubMember(db: Db, memberId: string, now: number): { events: number; cancelled: number } {
  db.update(members)
    .set({ name: '', phone: null, email: null, birthday: null, gender: null, attributes: {}, erasedAt: now, updatedAt: now })
    .where(eq(members.id, memberId))
    .run();
  db.delete(memberIdentities).where(eq(memberIdentities.memberId, memberId)).run();
  const scrubbed = db.update(events).set({ properties: {} }).where(eq(events.memberId, memberId)).run();
  // Rendered texts are copies of profile fields ("Hi 张三"): sent messages and associate tasks lose them too.
  // Postgres removes the keys through jsonb (the column holds JSON text).
  const withoutTexts = bySqlDialect(db, {
    sqlite: sql`json_remove(${outbox.payload}, '$.text', '$.vars')`,
    pg: sql`((${outbox.payload})::jsonb - 'text' - 'vars')::text`,
  });
  db.update(outbox).set({ payload: withoutTexts }).where(eq(outbox.memberId, memberId)).run();
  db.update(tasks).set({ text: '' }).where(eq(tasks.memberId, memberId)).run();
  const pending = db.select({ id: outbox.id, journeyId: outbox.journeyId }).from(outbox).where(and(eq(outbox.memberId, memberId), eq(outbox.status, 'pending'))).all();
  if (pending.length) {
    const ids = pending.map((p) => p.id);
    db.update(outbox).set({ status: 'skipped', reason: 'erased' }).where(inArray(outbox.id, ids)).run();
    db.insert(deliveryLog)
      .values(pending.map((p) => ({ outboxId: p.id, memberId, journeyId: p.journeyId, decision: 'skipped' as const, reason: 'erased', at: now })))
      .run();
  }
  return { events: scrubbed.changes, cancelled: pending.length };
}

export function recordAudit(db: Db, row: { actor: string; action: string; target: string; detail?: unknown; at: number }): void {
  db.insert(auditLog).values({ ...row, detail: row.detail ?? null }).run();
}

/** Whether the member exists and was not erased. */
export function isLiveMember(db: Db, memberId: string): boolean {
  return db.select({ id: members.id }).from(members).where(and(eq(members.id, memberId), isNull(members.erasedAt))).get() !== undefined;
}
