import { z } from 'zod';
import { conditionSchema } from '../conditions';
import { describeCondition } from '../describe';
import { defineNodeKind, type HandleDef, type TransitionJson } from './types';

const config = z
  .object({
    condition: conditionSchema.optional(),
    branches: z.array(z.object({ label: z.string().min(1), condition: conditionSchema })).min(1).optional(),
  })
  .refine((c) => Boolean(c.condition) !== Boolean(c.branches), {
    message: 'Set either one condition (yes/no) or a list of branches',
  });
type Config = z.infer<typeof config>;

function handlesOf(c: Config): HandleDef[] {
  if (c.branches) {
    return [
      ...c.branches.map((b, i) => ({ id: `b${i}`, label: { en: b.label, zh: b.label } })),
      { id: 'else', label: { en: 'else', zh: '其他' } },
    ];
  }
  return [
    { id: 'yes', label: { en: 'yes', zh: '是' } },
    { id: 'no', label: { en: 'no', zh: '否' } },
  ];
}

export default defineNodeKind<Config>({
  kind: 'branch.attribute',
  category: 'condition',
  label: { en: 'Attribute check', zh: '属性判断' },
  description: { en: 'Branch on member attributes (tier, city, points…)', zh: '按会员属性分支(等级、城市、积分等)' },
  icon: '◇',
  configSchema: config,
  defaultConfig: { condition: { attr: 'tier', op: 'eq', value: 'gold' } },
  hasInput: true,
  handles: handlesOf,
  summary: (c) => (c.branches ? c.branches.map((b) => b.label).join(' / ') : `${describeCondition(c.condition)}?`),
  compile: (c, ctx) => {
    // Branches are tried in order; the first that holds wins, otherwise `no` / `else`.
    const always: TransitionJson[] = c.branches
      ? [
          ...c.branches.map((b, i) => ctx.leave(`b${i}`, { guard: { type: 'condition', params: { condition: b.condition } } })),
          ctx.leave('else'),
        ]
      : [ctx.leave('yes', { guard: { type: 'condition', params: { condition: c.condition } } }), ctx.leave('no')];
    return { always };
  },
});
