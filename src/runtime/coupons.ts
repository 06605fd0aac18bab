import type { Db } from '@/db/client';
import type { outbox } from '@/db/schema';
import { setEffectPayload } from '@/db/outbox-effects';
import { availableCodes } from '@/db/coupons';
import { issueCode, issuedCodeFor, pendingPoolRewards, redeemCode, type RedeemOutcome } from '@/db/coupon-issue';

type OutboxRecord = typeof outbox.$inferSelect;

/** What `{{coupon.code}}` shows in a message preview: a code's shape, not anyone's code. */
export const SAMPLE_COUPON = { code: 'SAMPLE2345CODE' };

/** What `{{coupon.code}}` renders as when the step writes a message: kept as is, filled at delivery (see fillCouponCode). */
export const COUPON_CODE_MARK = '{{coupon.code}}';
const MARK = /\{\{\s*coupon\.code\s*\}\}/g;

/** The pool a reward draws from, for `{type: 'coupon', poolId}` rewards (the older `{couponId, value}` has none). */
export function rewardPool(effectOrPayload: Record<string, unknown>): string | null {
  const reward = effectOrPayload.reward as { type?: string; poolId?: unknown } | undefined;
  return reward?.type === 'coupon' && typeof reward.poolId === 'string' && reward.poolId ? reward.poolId : null;
}

/**
 * A coupon-from-pool reward: takes a code inside the delivery's transaction (keyed by the outbox row), or says why
 * the reward is skipped (`pool_exhausted`, `pool_expired`, `unknown_pool`). Null for any other reward.
 */
export function applyPoolReward(db: Db, row: OutboxRecord, now: number): { status: 'sent' | 'skipped'; reason: string } | null {
  const poolId = rewardPool(row.payload);
  if (!poolId) return null;
  const issued = issueCode(db, { poolId, idempotencyKey: row.idempotencyKey, memberId: row.memberId, journeyId: row.journeyId, enrolmentId: row.enrolmentId, nodeId: row.nodeId }, now);
  return 'code' in issued ? { status: 'sent', reason: 'sent' } : { status: 'skipped', reason: issued.skipped };
}

/**
 * A message that mentions `{{coupon.code}}` gets the code the member was issued in this journey (empty when none
 * was, e.g. the pool ran out), written into its outbox row before it is recorded or handed to a provider, so the
 * provider send, the test run and the member's message history all show the same text.
 */
export function fillCouponCode(db: Db, row: OutboxRecord): OutboxRecord {
  if (row.type !== 'message') return row;
  const p = row.payload as { text?: unknown; subject?: unknown; params?: Record<string, unknown> };
  const mentions = (v: unknown) => typeof v === 'string' && v.includes('coupon.code');
  const params = p.params && typeof p.params === 'object' ? p.params : {};
  if (!mentions(p.text) && !mentions(p.subject) && !Object.values(params).some(mentions)) return row;
  const code = issuedCodeFor(db, row.memberId, row.journeyId, row.enrolmentId) ?? '';
  const fill = (v: unknown) => (typeof v === 'string' ? v.replace(MARK, code) : v);
  const payload: Record<string, unknown> = { ...row.payload, text: fill(p.text) };
  if (p.subject !== undefined) payload.subject = fill(p.subject);
  if (p.params) payload.params = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, fill(v)]));
  setEffectPayload(db, row.id, payload);
  return { ...row, payload };
}

/** `coupon_redeemed` with `{code}` or `{poolId, code}` marks the member's code redeemed; the event still goes to journeys. */
export function applyCouponEvent(db: Db, memberId: string, type: string, properties: Record<string, unknown>, at: number): RedeemOutcome | null {
  if (type !== 'coupon_redeemed' || typeof properties.code !== 'string' || !properties.code) return null;
  return redeemCode(db, memberId, { code: properties.code, ...(typeof properties.poolId === 'string' ? { poolId: properties.poolId } : {}) }, at);
}

/**
 * A pool's stock as capped splits see it while the engine steps a batch: codes available, less rewards from the
 * pool still waiting in the outbox. Read once per pool and kept until a step draws from that pool: rewards are
 * applied in the step's own transaction (src/runtime/effects/reward.ts), so the next read sees the code gone.
 * `reset` at each batch's start and end.
 */
export class CouponStock {
  private readonly known = new Map<string, number>();

  constructor(private readonly db: Db) {}

  reset(): void {
    this.known.clear();
  }

  /** The `couponStock` fact of a step at `now`. */
  reader(now: number): (poolId: string) => number {
    return (poolId) => {
      let stock = this.known.get(poolId);
      if (stock === undefined) this.known.set(poolId, (stock = availableCodes(this.db, poolId, now) - pendingPoolRewards(this.db, poolId)));
      return stock;
    };
  }

  /** After a step: the pools its rewards drew from are read again next time. */
  drew(effects: readonly Record<string, unknown>[]): void {
    for (const effect of effects) {
      const poolId = effect.type === 'reward' ? rewardPool(effect) : null;
      if (poolId) this.known.delete(poolId);
    }
  }
}
