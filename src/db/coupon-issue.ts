import type { Db } from './client';
import { bySqlDialect, dialectOf } from './dialect';
import { prepared } from './prepared';

export interface IssueRequest {
  poolId: string;
  /** The outbox row's key: one code per effect, however often its delivery is attempted. */
  idempotencyKey: string;
  memberId: string;
  journeyId: string;
  enrolmentId: number;
  nodeId: string;
}
export type IssueResult = { code: string } | { skipped: 'pool_exhausted' | 'pool_expired' | 'unknown_pool' };

/**
 * Gives one code of the pool to a member, keyed by the effect. Call it inside the transaction that settles the
 * effect (it is a savepoint there): the code and the settled row commit together, a crash loses both, and a repeat
 * of the same key gets the code it got before. The code is taken with one UPDATE of the oldest available row under
 * SQLite's single writer, so two effects can never get the same code.
 */
export function issueCode(db: Db, req: IssueRequest, now: number): IssueResult {
  return db.$client.transaction((): IssueResult => {
    const before = prepared(db, 'select code from coupon_codes where idempotency_key = ?').pluck().get(req.idempotencyKey) as string | undefined;
    if (before !== undefined) return { code: before };
    const pool = prepared(db, 'select expires_at as expiresAt from coupon_pools where id = ?').get(req.poolId) as { expiresAt: number | null } | undefined;
    if (!pool) return { skipped: 'unknown_pool' };
    if (pool.expiresAt !== null && pool.expiresAt <= now) return { skipped: 'pool_expired' };
    // Postgres has no single writer: the oldest available row is locked (rows other issuers hold are passed over), and
    // the outer condition makes an update that lost the row to a concurrent issuer take none rather than the same code.
    const take = bySqlDialect(db, {
      sqlite: `update coupon_codes set status = 'issued', idempotency_key = ?, member_id = ?, journey_id = ?, enrolment_id = ?, node_id = ?, issued_at = ?
        where id = (select id from coupon_codes where pool_id = ? and status = 'available' order by id limit 1)
        returning code`,
      pg: `update coupon_codes set status = 'issued', idempotency_key = ?, member_id = ?, journey_id = ?, enrolment_id = ?, node_id = ?, issued_at = ?
        where id = (select id from coupon_codes where pool_id = ? and status = 'available' order by id limit 1 for update skip locked) and status = 'available'
        returning code`,
    });
    const code = prepared(db, take)
      .pluck()
      .get(req.idempotencyKey, req.memberId, req.journeyId, req.enrolmentId, req.nodeId, now, req.poolId) as string | undefined;
    return code === undefined ? { skipped: 'pool_exhausted' } : { code };
  })();
}

/** The code a member was given in a journey: their current enrolment's latest, else the journey's latest. */
export function issuedCodeFor(db: Db, memberId: string, journeyId: string, enrolmentId: number): string | null {
  const code = prepared(
    db,
    // A case, not the comparison itself: Postgres sorts a null (no enrolment) first in descending order, SQLite last.
    `select code from coupon_codes where member_id = ? and journey_id = ?
      order by case when enrolment_id = ? then 1 else 0 end desc, issued_at desc, id desc limit 1`,
  )
    .pluck()
    .get(memberId, journeyId, enrolmentId) as string | undefined;
  return code ?? null;
}

export type RedeemOutcome = 'redeemed' | 'already_redeemed' | 'expired' | 'unknown_code';

/**
 * A `coupon_redeemed` event: marks the member's code redeemed. The code must have been issued to this member (a
 * code is one person's, 一人一码); a pool past its expiry no longer redeems. Repeating the event changes nothing.
 */
export function redeemCode(db: Db, memberId: string, ref: { code: string; poolId?: string }, at: number): RedeemOutcome {
  const row = prepared(
    db,
    `select c.id, c.status, p.expires_at as expiresAt from coupon_codes c join coupon_pools p on p.id = c.pool_id
      where c.code = ? and c.member_id = ? and (cast(? as text) is null or c.pool_id = ?) order by c.issued_at desc limit 1`,
  ).get(ref.code, memberId, ref.poolId ?? null, ref.poolId ?? null) as { id: number; status: string; expiresAt: number | null } | undefined;
  if (!row) return 'unknown_code';
  if (row.status === 'redeemed') return 'already_redeemed';
  if (row.expiresAt !== null && row.expiresAt <= at) return 'expired';
  // The status is checked again in the update: on Postgres a concurrent redemption of the same code may have come first.
  const changed = prepared(db, `update coupon_codes set status = 'redeemed', redeemed_at = ? where id = ? and status <> 'redeemed'`).run(at, row.id).changes;
  return changed ? 'redeemed' : 'already_redeemed';
}

/** Rewards from the pool waiting in the outbox: codes already promised, though not yet taken. */
export function pendingPoolRewards(db: Db, poolId: string): number {
  // Postgres reads the JSON payload (stored as text) through jsonb.
  const pool = dialectOf(db) === 'pg' ? `(payload)::jsonb #>> '{reward,poolId}'` : `json_extract(payload, '$.reward.poolId')`;
  return prepared(db, `select count(*) from outbox where status = 'pending' and type = 'reward' and ${pool} = ?`)
    .pluck()
    .get(poolId) as number;
}
