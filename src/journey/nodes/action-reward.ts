import { z } from 'zod';
import { defineNodeKind } from './types';
import { poolCap, poolCapMessage } from '../capped-split';

const positivePoints = { en: 'Points must be a positive whole number', zh: '积分必须是正整数' };
const reward = z.discriminatedUnion('type', [
  z.object({ type: z.literal('points'), amount: z.number().int().positive(positivePoints.en) }),
  // Value 0 is allowed: an exchange or gift coupon (兑换券) has no face value.
  // Either a coupon id with its value, or a unique code from a coupon pool (一人一码; value optional); `check` wants one.
  z.object({ type: z.literal('coupon'), couponId: z.string().trim().min(1).optional(), value: z.number().min(0).optional(), poolId: poolCap }),
  z.object({ type: z.literal('benefit'), benefitId: z.string().min(1) }),
  z.object({ type: z.literal('growth'), amount: z.number().int().positive() }),
]);
const config = z.object({
  reward,
  budget: z.object({ total: z.number().int().positive().optional(), perDay: z.number().int().positive().optional() }).optional(),
});
type Config = z.infer<typeof config>;

function describe(r: Config['reward'], zh: boolean): string {
  switch (r.type) {
    case 'points':
      return zh ? `${r.amount} 积分` : `${r.amount} points`;
    case 'growth':
      return zh ? `${r.amount} 成长值` : `${r.amount} growth`;
    case 'coupon':
      if (r.poolId) return zh ? `券池 ${r.poolId} 一人一码` : `Unique code from pool ${r.poolId}`;
      return zh ? `优惠券 ${r.couponId} (${r.value})` : `Coupon ${r.couponId} (${r.value})`;
    case 'benefit':
      return zh ? `权益 ${r.benefitId}` : `Benefit ${r.benefitId}`;
  }
}

export default defineNodeKind<Config>({
  kind: 'action.reward',
  category: 'action',
  label: { en: 'Issue reward', zh: '奖励发放' },
  description: { en: 'Give points, a coupon, a benefit or growth value', zh: '发放积分、优惠券、权益或成长值' },
  icon: '🎁',
  configSchema: config,
  defaultConfig: { reward: { type: 'points', amount: 100 } },
  hasInput: true,
  handles: () => [{ id: 'out', label: { en: 'out', zh: '出口' } }],
  summary: (c, locale) => describe(c.reward, locale === 'zh-CN'),
  check: (c) => {
    const r = c.reward;
    if (r.type !== 'coupon' || r.poolId) return [];
    if (!r.couponId) return [{ path: 'reward.couponId', message: { en: 'Coupon id is required', zh: '请填写优惠券编号' } }];
    return r.value === undefined ? [{ path: 'reward.value', message: { en: 'Coupon value is required', zh: '请填写优惠券面额' } }] : [];
  },
  compile: (c, ctx) => ({
    entry: [{ type: 'effect', params: { nodeId: ctx.node.id, effect: { type: 'reward', reward: c.reward, ...(c.budget ? { budget: c.budget } : {}) } } }],
    always: ctx.leave('out'),
  }),
  // Called with the stored config, which may not be valid yet.
  grants: (c) => ({ reward: c.reward ?? null, budget: c.budget ?? null }),
  idPrefix: 'reward',
  messages: [positivePoints, poolCapMessage],
  examples: [
    { reward: { type: 'points', amount: 100 } },
    { reward: { type: 'coupon', couponId: 'WINBACK30', value: 30 }, budget: { total: 1000, perDay: 100 } },
    { reward: { type: 'coupon', poolId: 'pool_winter' } },
    { reward: { type: 'benefit', benefitId: 'free_shipping' } },
    { reward: { type: 'growth', amount: 10 } },
  ],
});
