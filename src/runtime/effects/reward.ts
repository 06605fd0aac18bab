import { decideReward } from '../policy';
import { applyPoolReward } from '../coupons';
import { addAsset, addPoints } from '@/db/ledgers';
import { applied, type EffectHandler } from './types';

/** `action.reward`: points, growth, or a unique code from a coupon pool (一人一码), within the node's budgets. */
export const rewardEffect: EffectHandler = {
  type: 'reward',
  inStep: true,
  decide: (db, policy, member, row, now) => decideReward(db, policy, member, row, row.payload.budget as { total?: number; perDay?: number } | undefined, now),
  apply(db, row, now) {
    // A code from a coupon pool, or `pool_exhausted` when none is left.
    const fromPool = applyPoolReward(db, row, now);
    if (fromPool) return fromPool;
    const reward = row.payload.reward as { type: string; amount?: number } | undefined;
    if (reward?.type === 'points' && reward.amount) addPoints(db, row, reward.amount, now);
    else if (reward?.type === 'growth' && reward.amount) addAsset(db, row, 'growth', reward.amount, now);
    // Coupons by id and benefits are recorded (the outbox row is the record the brand's systems read).
    return applied;
  },
};
