import { randomBytes, randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { Db } from './client';
import { prepared } from './prepared';
import { couponPools } from './schema';
import { CouponInputError as InputError, parseCodeCsv, type RejectedLine } from './coupon-csv';

export const MAX_GENERATE = 100_000;
/** Rejected lines listed back to the uploader; the total is always given. */
const LISTED_REJECTIONS = 200;

export interface PoolCounts {
  /** Not yet given to anyone, pool not expired. */
  available: number;
  /** Given to a member, not redeemed, pool not expired. */
  issued: number;
  redeemed: number;
  /** Not redeemed when the pool expired (issued or never given out). */
  expired: number;
  total: number;
}
export interface PoolView {
  id: string;
  name: string;
  expiresAt: number | null;
  lowStock: number;
  createdAt: number;
  createdBy: string;
  counts: PoolCounts;
  /** Fewer codes available than the pool's low-stock threshold (the canvas badge). */
  low: boolean;
}

export function createPool(db: Db, input: { name: string; expiresAt?: number | null; lowStock?: number }, actor: string, now: number): string {
  const name = input.name.trim();
  if (!name) throw new InputError([{ field: 'name', message: 'Name the pool' }]);
  if (name.length > 100) throw new InputError([{ field: 'name', message: 'A pool name has at most 100 characters' }]);
  const lowStock = input.lowStock ?? 0;
  if (!Number.isInteger(lowStock) || lowStock < 0) throw new InputError([{ field: 'lowStock', message: 'The low-stock threshold is a whole number of at least 0' }]);
  const id = `pool_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  db.insert(couponPools).values({ id, name, expiresAt: input.expiresAt ?? null, lowStock, createdAt: now, createdBy: actor }).run();
  return id;
}

// sum(case …): Postgres does not add up booleans.
const COUNTS_SQL = `select
    coalesce(sum(case when c.status = 'available' and not expired then 1 else 0 end), 0) as available,
    coalesce(sum(case when c.status = 'issued' and not expired then 1 else 0 end), 0) as issued,
    coalesce(sum(case when c.status = 'redeemed' then 1 else 0 end), 0) as redeemed,
    coalesce(sum(case when c.status <> 'redeemed' and expired then 1 else 0 end), 0) as expired,
    count(c.id) as total
  from (select p.id, (p.expires_at is not null and p.expires_at <= ?) as expired from coupon_pools p where p.id = ?) p
  left join coupon_codes c on c.pool_id = p.id`;

/** Counts by state; expiry is the pool's, read against `now`. Null for an unknown pool. */
export function poolCounts(db: Db, poolId: string, now: number): PoolCounts | null {
  const row = prepared(db, `${COUNTS_SQL} group by p.id`).get(now, poolId) as PoolCounts | undefined;
  return row ?? null;
}

/** Codes a reward could still take now: 0 for an unknown or expired pool. */
export function availableCodes(db: Db, poolId: string, now: number): number {
  return (
    (prepared(
      db,
      `select count(*) from coupon_codes c join coupon_pools p on p.id = c.pool_id
        where c.pool_id = ? and c.status = 'available' and (p.expires_at is null or p.expires_at > ?)`,
    )
      .pluck()
      .get(poolId, now) as number) ?? 0
  );
}

function view(db: Db, p: typeof couponPools.$inferSelect, now: number): PoolView {
  const counts = poolCounts(db, p.id, now)!;
  return { ...p, counts, low: counts.available < p.lowStock };
}

export function listPools(db: Db, now: number): PoolView[] {
  return db.select().from(couponPools).orderBy(desc(couponPools.createdAt), couponPools.id).all().map((p) => view(db, p, now));
}

export function getPool(db: Db, poolId: string, now: number): PoolView | null {
  const p = db.select().from(couponPools).where(eq(couponPools.id, poolId)).get();
  return p ? view(db, p, now) : null;
}

export function updatePool(db: Db, poolId: string, change: { name?: string; expiresAt?: number | null; lowStock?: number }): boolean {
  if (change.name !== undefined && !change.name.trim()) throw new InputError([{ field: 'name', message: 'Name the pool' }]);
  if (change.lowStock !== undefined && (!Number.isInteger(change.lowStock) || change.lowStock < 0)) {
    throw new InputError([{ field: 'lowStock', message: 'The low-stock threshold is a whole number of at least 0' }]);
  }
  const set = { ...(change.name !== undefined ? { name: change.name.trim() } : {}), ...(change.expiresAt !== undefined ? { expiresAt: change.expiresAt } : {}), ...(change.lowStock !== undefined ? { lowStock: change.lowStock } : {}) };
  if (Object.keys(set).length === 0) return !!db.select({ id: couponPools.id }).from(couponPools).where(eq(couponPools.id, poolId)).get();
  return db.update(couponPools).set(set).where(eq(couponPools.id, poolId)).run().changes > 0;
}

function requirePool(db: Db, poolId: string): void {
  if (!db.select({ id: couponPools.id }).from(couponPools).where(eq(couponPools.id, poolId)).get()) {
    throw new InputError([{ field: 'poolId', message: `No coupon pool "${poolId}"` }]);
  }
}

export interface UploadResult {
  added: number;
  /** Lines not added, with why: invalid, a repeat within the file, several values, or already in the pool (`exists`). */
  rejected: (RejectedLine | { line: number; reason: 'exists'; code: string })[];
  rejectedCount: number;
}

/** Adds the codes of a CSV to a pool in one transaction; bad lines are reported by number and the good ones kept. */
export function uploadCodes(db: Db, poolId: string, csv: string, now: number): UploadResult {
  const parsed = parseCodeCsv(csv);
  return db.transaction(() => {
    requirePool(db, poolId);
    const insert = prepared(db, `insert into coupon_codes (pool_id, code, status, added_at) values (?, ?, 'available', ?) on conflict do nothing`);
    const rejected: UploadResult['rejected'] = [...parsed.rejected];
    let added = 0;
    for (const { line, code } of parsed.codes) {
      if (insert.run(poolId, code, now).changes) added++;
      else rejected.push({ line, reason: 'exists', code });
    }
    rejected.sort((a, b) => a.line - b.line);
    return { added, rejected: rejected.slice(0, LISTED_REJECTIONS), rejectedCount: rejected.length };
  });
}

/** Without 0/O and 1/I, so a code read out or typed from a receipt is not mistaken. 32 characters: 256 is a multiple, so every one is equally likely. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function randomCode(prefix: string, length: number): string {
  // The randomness is the operating system's (node:crypto); mapping bytes to letters is only an encoding.
  const bytes = randomBytes(length);
  let code = prefix;
  for (const b of bytes) code += ALPHABET[b % ALPHABET.length];
  return code;
}

/** Adds `count` random codes (12 characters after an optional prefix), each unique in the pool. */
export function generateCodes(db: Db, poolId: string, count: number, now: number, opts: { prefix?: string; length?: number } = {}): { added: number } {
  if (!Number.isInteger(count) || count < 1 || count > MAX_GENERATE) throw new InputError([{ field: 'count', message: `Generate between 1 and ${MAX_GENERATE} codes at a time` }]);
  const prefix = opts.prefix ?? '';
  if (!/^[A-Za-z0-9_-]{0,16}$/.test(prefix)) throw new InputError([{ field: 'prefix', message: 'A prefix has at most 16 letters, digits, "_" or "-"' }]);
  const length = opts.length ?? 12;
  if (!Number.isInteger(length) || length < 6 || length > 32) throw new InputError([{ field: 'length', message: 'Codes have 6 to 32 random characters' }]);
  return db.transaction(() => {
    requirePool(db, poolId);
    const insert = prepared(db, `insert into coupon_codes (pool_id, code, status, added_at) values (?, ?, 'available', ?) on conflict do nothing`);
    let added = 0;
    // A clash with an existing code is astronomically rare at 12 characters; it is simply drawn again.
    for (let tries = 0; added < count && tries < count * 2; tries++) added += insert.run(poolId, randomCode(prefix, length), now).changes;
    return { added };
  });
}

/** Placeholder codes a test run's scratch database gets per pool: enough for a member who passes a reward node a few times. */
const TEST_RUN_CODES = 20;

/**
 * Gives a test run's scratch database the workspace's pools with as many placeholder codes as each has available
 * (at most 20): the run shows a real outcome (a code issued, or `pool_exhausted`) without using or showing real codes.
 */
export function copyPoolsForTestRun(from: Db, to: Db, now: number): void {
  const insert = to.$client.prepare(`insert into coupon_codes (pool_id, code, status, added_at) values (?, ?, 'available', ?)`);
  for (const pool of from.select().from(couponPools).all()) {
    to.insert(couponPools).values(pool).run();
    const n = Math.min(TEST_RUN_CODES, availableCodes(from, pool.id, now));
    for (let i = 1; i <= n; i++) insert.run(pool.id, `TEST-CODE-${i}`, now);
  }
}
