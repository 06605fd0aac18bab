import { and, desc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db } from './client';
import { inboxMessages, linkTokens, messageSends } from './schema';

export type MessageSend = typeof messageSends.$inferSelect;
export type LinkToken = typeof linkTokens.$inferSelect;
export type InboxMessage = typeof inboxMessages.$inferSelect;

/** Kept once per idempotency key: a repeated send of the same effect keeps the first provider id. */
export function insertMessageSend(db: Db, row: typeof messageSends.$inferInsert): void {
  db.insert(messageSends).values(row).onConflictDoNothing().run();
}

export type MessageOutcome = 'delivered' | 'failed' | 'opened' | 'clicked';
const OUTCOME_FIELD = { delivered: 'deliveredAt', failed: 'failedAt', opened: 'openedAt', clicked: 'clickedAt' } as const;

/** Notes what became of a sent message, the first time only (callbacks and clicks repeat); false when there is no such send. */
export function recordMessageOutcome(db: Db, idempotencyKey: string, outcome: MessageOutcome, at: number): boolean {
  const field = OUTCOME_FIELD[outcome];
  return db
    .update(messageSends)
    .set({ [field]: sql`coalesce(${messageSends[field]}, ${at})` })
    .where(eq(messageSends.idempotencyKey, idempotencyKey))
    .run().changes > 0;
}

/** The send a receipt is about, by our key or by the provider's message id. */
export function findMessageSend(db: Db, provider: string, ref: { idempotencyKey?: string; providerMessageId?: string }): MessageSend | undefined {
  const byKey = ref.idempotencyKey ? eq(messageSends.idempotencyKey, ref.idempotencyKey) : undefined;
  const byId = ref.providerMessageId ? and(eq(messageSends.provider, provider), eq(messageSends.providerMessageId, ref.providerMessageId)) : undefined;
  if (!byKey && !byId) return undefined;
  return db.select().from(messageSends).where(or(byKey, byId)).get();
}

export function insertLinkToken(db: Db, row: LinkToken): void {
  db.insert(linkTokens).values(row).run();
}

export function linkToken(db: Db, token: string): LinkToken | undefined {
  return db.select().from(linkTokens).where(eq(linkTokens.token, token)).get();
}

/** The token already made for this message and target, so a retried send links the same way. */
export function existingLinkToken(db: Db, memberId: string, idempotencyKey: string, kind: LinkToken['kind'], target: string | null): string | undefined {
  return db
    .select({ token: linkTokens.token })
    .from(linkTokens)
    .where(
      and(
        eq(linkTokens.memberId, memberId),
        eq(linkTokens.idempotencyKey, idempotencyKey),
        eq(linkTokens.kind, kind),
        target === null ? isNull(linkTokens.target) : eq(linkTokens.target, target),
      ),
    )
    .get()?.token;
}

/** Stores an in-app message once per idempotency key; returns its id. */
export function insertInboxMessage(db: Db, row: Omit<InboxMessage, 'id' | 'readAt'>): number {
  db.insert(inboxMessages).values(row).onConflictDoNothing().run();
  return db.select({ id: inboxMessages.id }).from(inboxMessages).where(eq(inboxMessages.idempotencyKey, row.idempotencyKey)).get()!.id;
}

export function inboxOf(db: Db, memberId: string, limit: number): InboxMessage[] {
  return db.select().from(inboxMessages).where(eq(inboxMessages.memberId, memberId)).orderBy(desc(inboxMessages.createdAt), desc(inboxMessages.id)).limit(limit).all();
}

/** Marks a message read; the row as it is afterwards, or undefined when the member has no such message. */
export function markInboxRead(db: Db, memberId: string, id: number, now: number): { row: InboxMessage; first: boolean } | undefined {
  const row = db.select().from(inboxMessages).where(and(eq(inboxMessages.id, id), eq(inboxMessages.memberId, memberId))).get();
  if (!row) return undefined;
  if (row.readAt !== null) return { row, first: false };
  db.update(inboxMessages).set({ readAt: now }).where(eq(inboxMessages.id, id)).run();
  return { row: { ...row, readAt: now }, first: true };
}

/** Erasure (PIPL): the rendered texts of a member's in-app messages go; the rows stay, pseudonymous, so counts do not change. */
export function eraseMemberMessages(db: Db, memberId: string): void {
  db.update(inboxMessages).set({ title: null, body: '' }).where(eq(inboxMessages.memberId, memberId)).run();
  // Tracked links keep working as redirects for counts, but their targets may carry personal data in query strings.
  db.update(linkTokens).set({ target: null }).where(and(eq(linkTokens.memberId, memberId), eq(linkTokens.kind, 'click'))).run();
}
