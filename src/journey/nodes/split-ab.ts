import { z } from 'zod';
import { defineNodeKind, type TransitionJson } from './types';
import { cappedTransitions, poolCap, poolCapMessage } from '../capped-split';

const text = {
  key: { en: 'Variant keys use letters, digits, "_" and "-"', zh: '版本标识只能包含字母、数字、"_" 和 "-"' },
  experiment: { en: 'Name the experiment', zh: '请为实验命名' },
  weight: { en: 'Weights must be positive', zh: '权重必须大于 0' },
  twoVariants: { en: 'An A/B test needs at least two variants', zh: 'A/B 测试至少需要两个版本' },
};
const variantKey = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, text.key.en);
const config = z.object({
  experiment: z.string().min(1, text.experiment.en),
  variants: z
    // A variant with a poolId is capped by that coupon pool's stock (see capped-split.ts).
    .array(z.object({ key: variantKey, weight: z.number().positive(text.weight.en), control: z.boolean().optional(), poolId: poolCap }))
    .min(2, text.twoVariants.en),
  /** Set by "declare winner": from this version on every new entrant takes this variant. */
  winner: variantKey.optional(),
});
type Config = z.infer<typeof config>;

/** Cumulative bucket ranges over [0, 10 000) in proportion to the weights. */
export function variantRanges(c: Config): { key: string; from: number; to: number }[] {
  const total = c.variants.reduce((s, v) => s + v.weight, 0);
  let acc = 0;
  return c.variants.map((v, i) => {
    const from = Math.round((acc / total) * 10_000);
    acc += v.weight;
    const to = i === c.variants.length - 1 ? 10_000 : Math.round((acc / total) * 10_000);
    return { key: v.key, from, to };
  });
}

export default defineNodeKind<Config>({
  kind: 'split.ab',
  category: 'split',
  label: { en: 'A/B test split', zh: 'A/B Test分流' },
  description: { en: 'Split members between variants and a control group', zh: '按比例将会员分到实验组与对照组' },
  icon: '⑂',
  configSchema: config,
  defaultConfig: { experiment: 'exp1', variants: [{ key: 'A', weight: 50 }, { key: 'B', weight: 50 }] },
  hasInput: true,
  handles: (c) => c.variants.map((v) => ({ id: v.key, label: { en: v.control ? `${v.key} (control)` : v.key, zh: v.control ? `${v.key}(对照)` : v.key } })),
  summary: (c, locale) => {
    if (c.winner) return locale === 'zh-CN' ? `胜出方案:${c.winner}` : `Winner: ${c.winner}`;
    const total = c.variants.reduce((s, v) => s + v.weight, 0) || 1;
    return c.variants.map((v) => `${v.key} ${Math.round((v.weight / total) * 100)}%`).join(' / ');
  },
  check: (c) => {
    const seen = new Set<string>();
    const problems = [];
    if (c.winner && !c.variants.some((v) => v.key === c.winner)) {
      problems.push({ path: 'winner', message: { en: `The winner "${c.winner}" is not a variant`, zh: `胜出方案"${c.winner}"不是已有变体` } });
    }
    for (const [i, v] of c.variants.entries()) {
      if (seen.has(v.key)) problems.push({ path: `variants.${i}.key`, message: { en: `Duplicate variant key "${v.key}"`, zh: `变体键重复:"${v.key}"` } });
      seen.add(v.key);
    }
    return problems;
  },
  compile: (c, ctx) => {
    if (c.winner) {
      return { always: ctx.leave(c.winner, { actions: [{ type: 'setVariant', params: { nodeId: ctx.node.id, key: c.winner } }] }) };
    }
    if (c.variants.some((v) => v.poolId)) return { always: cappedTransitions(c.variants, c.experiment, ctx, true) };
    const always: TransitionJson[] = variantRanges(c).map((r) =>
      ctx.leave(r.key, {
        guard: { type: 'bucket', params: { experiment: c.experiment, from: r.from, to: r.to } },
        actions: [{ type: 'setVariant', params: { nodeId: ctx.node.id, key: r.key } }],
      }),
    );
    return { always };
  },
  experiment: {
    of: (c) => ({ experiment: c.experiment, variants: c.variants, winner: c.winner ?? null }),
    withWinner: (c, variant) => ({ ...c, winner: variant }),
  },
  idPrefix: 'ab',
  messages: [text.key, text.experiment, text.weight, text.twoVariants, poolCapMessage],
  examples: [
    { experiment: 'exp1', variants: [{ key: 'A', weight: 50 }, { key: 'B', weight: 50 }] },
    { experiment: 'winback', variants: [{ key: 'points', weight: 40 }, { key: 'coupon', weight: 40 }, { key: 'control', weight: 20, control: true }] },
    { experiment: 'done', variants: [{ key: 'A', weight: 1 }, { key: 'B', weight: 1 }], winner: 'B' },
  ],
});
