import { addAsset, addPoints, setTier } from '@/db/ledgers';
import { applied, type EffectHandler } from './types';

/** `action.asset`: adjusts points, growth or stored value, or sets the tier (which starts `tier_changed` journeys). */
export const assetEffect: EffectHandler = {
  type: 'asset',
  inStep: true,
  apply(db, row, now, ctx) {
    const p = row.payload as { asset?: 'points' | 'growth' | 'stored_value'; delta?: number; tier?: string };
    if (p.tier) {
      const changed = setTier(db, row, p.tier, now);
      if (changed) ctx.onTierChange(row.memberId, changed.from, p.tier);
    } else if (p.asset === 'points' && p.delta) addPoints(db, row, p.delta, now);
    else if ((p.asset === 'growth' || p.asset === 'stored_value') && p.delta) addAsset(db, row, p.asset, p.delta, now);
    return applied;
  },
};
