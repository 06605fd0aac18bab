import { z } from 'zod';
import { defineNodeKind, type TransitionJson } from './types';

const variantKey = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'Variant keys use letters, digits, "_" and "-"');
const config = z.object({
  experiment: z.string().min(1, 'Name the experiment'),
  variants: z
    .array(z.object({ key: variantKey, weight: z.number().positive('Weights must be positive'), control: z.boolean().optional() }))
    .min(2, 'An A/B test needs at least two variants'),
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
    const always: TransitionJson[] = variantRanges(c).map((r) =>
      ctx.leave(r.key, {
        guard: { type: 'bucket', params: { experiment: c.experiment, from: r.from, to: r.to } },
        actions: [{ type: 'setVariant', params: { nodeId: ctx.node.id, key: r.key } }],
      }),
    );
    return { always };
  },
});
