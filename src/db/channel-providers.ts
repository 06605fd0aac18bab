import { and, asc, eq, lte } from 'drizzle-orm';
import type { Db } from './client';
import { conflictOn } from './conflict-target';
import { channelProviders, providerTokens } from './schema';

export type ChannelProviderRow = typeof channelProviders.$inferSelect;

/** The provider configured for a channel, if any. */
export function providerRow(db: Db, channel: string): ChannelProviderRow | undefined {
  return db.select().from(channelProviders).where(eq(channelProviders.channel, channel)).get();
}

export function providerRows(db: Db): ChannelProviderRow[] {
  return db.select().from(channelProviders).orderBy(asc(channelProviders.channel)).all();
}

/** Every channel a provider is configured for (receipts authenticate against these). */
export function rowsOfProvider(db: Db, provider: string): ChannelProviderRow[] {
  return db.select().from(channelProviders).where(eq(channelProviders.provider, provider)).all();
}

export function upsertProviderRow(db: Db, row: ChannelProviderRow): void {
  db.insert(channelProviders)
    .values(row)
    .onConflictDoUpdate({
      target: conflictOn(channelProviders.channel),
      set: { provider: row.provider, settings: row.settings, secrets: row.secrets, updatedAt: row.updatedAt, updatedBy: row.updatedBy },
    })
    .run();
}

export function deleteProviderRow(db: Db, channel: string): boolean {
  return db.delete(channelProviders).where(eq(channelProviders.channel, channel)).run().changes > 0;
}

/** A cached access token that is still valid at `now`. */
export function cachedToken(db: Db, key: string, now: number): string | null {
  const row = db.select().from(providerTokens).where(eq(providerTokens.key, key)).get();
  return row && row.expiresAt > now ? row.token : null;
}

/**
 * Caches a token until `expiresAt`. Tokens that ran out by `now` go at the same time: a key
 * nobody fetches again (a reconfigured app, a removed provider) would otherwise stay forever,
 * and storing a token is rare (hours apart per key), so this costs nothing on the send path.
 */
export function storeToken(db: Db, key: string, token: string, expiresAt: number, now: number): void {
  db.delete(providerTokens).where(lte(providerTokens.expiresAt, now)).run();
  db.insert(providerTokens).values({ key, token, expiresAt }).onConflictDoUpdate({ target: conflictOn(providerTokens.key), set: { token, expiresAt } }).run();
}

export function dropToken(db: Db, key: string, token?: string): void {
  db.delete(providerTokens)
    .where(token ? and(eq(providerTokens.key, key), eq(providerTokens.token, token)) : eq(providerTokens.key, key))
    .run();
}
