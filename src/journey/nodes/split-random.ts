import { z } from 'zod';
import { variantRanges } from './split-ab';
import { defineNodeKind, type TransitionJson } from './types';
import { cappedTransitions, poolCap, poolCapMessage } from '../capped-split';

const text = {
  key: { en: 'Path keys use letters, digits, "_" and "-"', zh: '路径标识只能包含字母、数字、"_" 和 "-"' },
  weight: { en: 'Weights must be positive', zh: '权重必须大于 0' },
  twoPaths: { en: 'A splitter needs at least two paths', zh: '分流至少需要两条路径' },
};
const pathKey = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, text.key.en);
const config = z.object({
  // A path with a poolId is capped by that coupon pool's stock (see capped-split.ts).
  paths: z.array(z.object({ key: pathKey, weight: z.number().positive(text.weight.en), poolId: poolCap })).min(2, text.twoPaths.en),
});
type Config = z.infer<typeof config>;

export default defineNodeKind<Config>({
  kind: 'split.random',
  category: 'split',
  label: { en: 'Splitter', zh: '分流器' },
  description: { en: 'Spread members over paths by weight (e.g. to pace a send)', zh: '按权重把会员分到不同路径' },
  icon: '⑃',
  configSchema: config,
  defaultConfig: { paths: [{ key: 'p1', weight: 50 }, { key: 'p2', weight: 50 }] },
  hasInput: true,
  handles: (c) => c.paths.map((p) => ({ id: p.key, label: { en: p.key, zh: p.key } })),
  summary: (c) => {
    const total = c.paths.reduce((s, p) => s + p.weight, 0) || 1;
    return c.paths.map((p) => `${p.key} ${Math.round((p.weight / total) * 100)}%`).join(' / ');
  },
  check: (c) => {
    const keys = c.paths.map((p) => p.key);
    return keys.flatMap((k, i) => (keys.indexOf(k) !== i ? [{ path: `paths.${i}.key`, message: { en: `Duplicate path key "${k}"`, zh: `路径键重复:"${k}"` } }] : []));
  },
  compile: (c, ctx) => {
    // Same deterministic hash rule as A/B tests, salted with the node id.
    if (c.paths.some((p) => p.poolId)) return { always: cappedTransitions(c.paths, `split:${ctx.node.id}`, ctx, false) };
    const ranges = variantRanges({ experiment: ctx.node.id, variants: c.paths });
    const always: TransitionJson[] = ranges.map((r) =>
      ctx.leave(r.key, { guard: { type: 'bucket', params: { experiment: `split:${ctx.node.id}`, from: r.from, to: r.to } } }),
    );
    return { always };
  },
  messages: [text.key, text.weight, text.twoPaths, poolCapMessage],
  examples: [{ paths: [{ key: 'p1', weight: 50 }, { key: 'p2', weight: 50 }] }, { paths: [{ key: 'x', weight: 1 }, { key: 'y', weight: 1 }, { key: 'slow', weight: 2 }] }],
});
