import { z } from 'zod';
import { actorName } from '@/auth/permissions';
import { MAX_CSV_CHARS } from '@/db/coupon-csv';
import { createPool, generateCodes, getPool, listPools, MAX_GENERATE, updatePool, uploadCodes } from '@/db/coupons';
import { audit } from '../audit';
import { allowed, notFound, router } from '../trpc';

const poolId = z.string().trim().min(1, 'poolId is required').max(64);
/** An expiry as an ISO instant with its offset (the page sends the end of the chosen local day), or null for none. */
const expiresAt = z.iso.datetime({ offset: true, error: 'expiresAt must be an ISO 8601 instant with offset' }).nullable().optional();
const lowStock = z.number().int('lowStock must be a whole number').min(0, 'lowStock must be at least 0').max(10_000_000).optional();
const toMs = (iso: string | null | undefined) => (iso === undefined ? undefined : iso === null ? null : Date.parse(iso));

/**
 * Coupon pools (一人一码): everyone who can read journeys sees the pools and their stock (the reward picker and the
 * canvas's low-stock badge need them); creating pools and adding codes needs `coupons:write` (admins, marketers).
 */
export const couponsRouter = router({
  list: allowed('journeys:read').query(({ ctx }) => listPools(ctx.db, Date.now())),
  create: allowed('coupons:write')
    .input(z.object({ name: z.string().trim().min(1, 'name is required').max(100), expiresAt, lowStock }))
    .mutation(({ ctx, input }) => {
      const id = createPool(ctx.db, { name: input.name, expiresAt: toMs(input.expiresAt), lowStock: input.lowStock }, actorName(ctx.principal), Date.now());
      audit(ctx, 'coupon.pool.create', `coupon_pool:${id}`, { after: input });
      return { id };
    }),
  update: allowed('coupons:write')
    .input(z.object({ poolId, name: z.string().trim().min(1, 'name is required').max(100).optional(), expiresAt, lowStock }))
    .mutation(({ ctx, input }) => {
      const before = getPool(ctx.db, input.poolId, Date.now());
      if (!before) notFound(`Coupon pool ${input.poolId}`);
      updatePool(ctx.db, input.poolId, { name: input.name, expiresAt: toMs(input.expiresAt), lowStock: input.lowStock });
      audit(ctx, 'coupon.pool.update', `coupon_pool:${input.poolId}`, { before: { name: before.name, expiresAt: before.expiresAt, lowStock: before.lowStock }, after: input });
      return { ok: true };
    }),
  /** Codes from a CSV's text: one a line or a `code` column; the answer lists rejected lines by number. */
  upload: allowed('coupons:write')
    .input(z.object({ poolId, csv: z.string().min(1, 'csv is empty').max(MAX_CSV_CHARS, `csv is larger than ${MAX_CSV_CHARS / 1_000_000} MB: split it`) }))
    .mutation(({ ctx, input }) => {
      if (!getPool(ctx.db, input.poolId, Date.now())) notFound(`Coupon pool ${input.poolId}`);
      const result = uploadCodes(ctx.db, input.poolId, input.csv, Date.now());
      audit(ctx, 'coupon.codes.upload', `coupon_pool:${input.poolId}`, { after: { added: result.added, rejected: result.rejectedCount } });
      return result;
    }),
  generate: allowed('coupons:write')
    .input(
      z.object({
        poolId,
        count: z.number().int('count must be a whole number').min(1, 'count must be at least 1').max(MAX_GENERATE, `count is at most ${MAX_GENERATE}`),
        prefix: z.string().trim().max(16).regex(/^[A-Za-z0-9_-]*$/, 'prefix uses letters, digits, "_" and "-"').optional(),
      }),
    )
    .mutation(({ ctx, input }) => {
      if (!getPool(ctx.db, input.poolId, Date.now())) notFound(`Coupon pool ${input.poolId}`);
      const result = generateCodes(ctx.db, input.poolId, input.count, Date.now(), { prefix: input.prefix });
      audit(ctx, 'coupon.codes.generate', `coupon_pool:${input.poolId}`, { after: { added: result.added, prefix: input.prefix ?? '' } });
      return result;
    }),
});
