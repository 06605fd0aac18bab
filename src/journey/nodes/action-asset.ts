import { z } from 'zod';
import { defineNodeKind } from './types';

export const assetKinds = ['points', 'growth', 'stored_value'] as const;
const chooseTier = { en: 'Choose the tier', zh: '请选择会员等级' };
const config = z.union([
  z.object({ asset: z.enum(assetKinds), delta: z.number().int().refine((n) => n !== 0, 'The change must not be zero') }).strict(),
  z.object({ tier: z.string().min(1, chooseTier.en) }).strict(),
]);
type Config = z.infer<typeof config>;
const names = { points: ['points', '积分'], growth: ['growth', '成长值'], stored_value: ['stored value', '储值'] } as const;

export default defineNodeKind<Config>({
  kind: 'action.asset',
  category: 'action',
  label: { en: 'Change assets', zh: '资产变更' },
  description: { en: 'Adjust points, growth value, stored value or tier', zh: '调整积分、成长值、储值或会员等级' },
  icon: '±',
  configSchema: config,
  defaultConfig: { asset: 'points', delta: 100 },
  hasInput: true,
  handles: () => [{ id: 'out', label: { en: 'out', zh: '出口' } }],
  summary: (c, locale) => {
    const zh = locale === 'zh-CN';
    if ('tier' in c) return zh ? `等级 → ${c.tier}` : `Tier → ${c.tier}`;
    return `${c.delta > 0 ? '+' : ''}${c.delta} ${names[c.asset][zh ? 1 : 0]}`;
  },
  compile: (c, ctx) => ({
    // `adjust` lets conditions later in the same step see the new balance or tier before the effect is delivered.
    entry: [
      { type: 'effect', params: { nodeId: ctx.node.id, effect: { type: 'asset', ...c } } },
      { type: 'adjust', params: 'tier' in c ? { tier: c.tier } : { field: c.asset === 'stored_value' ? 'storedValue' : c.asset, delta: c.delta } },
    ],
    always: ctx.leave('out'),
  }),
  messages: [chooseTier],
  examples: [{ asset: 'points', delta: 100 }, { asset: 'stored_value', delta: -30 }, { tier: 'platinum' }],
});
