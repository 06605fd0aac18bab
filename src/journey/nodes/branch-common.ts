import { z } from 'zod';
import { conditionSchema, type Condition } from '../conditions';
import { describeCondition } from '../describe';
import type { Bilingual } from '../i18n-text';
import { defineNodeKind, type HandleDef, type TransitionJson } from './types';

const conditionOrBranches = { en: 'Set either one condition (yes/no) or a list of branches', zh: '请设置一个条件(是/否)或一组分支,二选一' };
const branchConfig = z
  .object({
    condition: conditionSchema.optional(),
    branches: z.array(z.object({ label: z.string().min(1), condition: conditionSchema })).min(1).optional(),
  })
  .refine((c) => Boolean(c.condition) !== Boolean(c.branches), {
    message: conditionOrBranches.en,
  });
export type BranchConfig = z.infer<typeof branchConfig>;

function handlesOf(c: BranchConfig): HandleDef[] {
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

/** Collects the kinds of leaf conditions used, so a branch kind can insist on its own kind of test. */
function leaves(c: Condition): Condition[] {
  if ('all' in c) return c.all.flatMap(leaves);
  if ('any' in c) return c.any.flatMap(leaves);
  if ('not' in c) return leaves(c.not);
  return [c];
}

/**
 * The judgment / multi-branch family (属性判断, 事件判断, 群组判断 and their 多分支
 * forms) shares one shape: ordered conditions, first match wins, else `no`/`else`.
 */
export function defineBranchKind(spec: {
  kind: string;
  label: Bilingual;
  description: Bilingual;
  icon: string;
  defaultCondition: Condition;
  accepts: (leaf: Condition) => boolean;
  wrongLeaf: Bilingual;
  idPrefix?: string;
  /** A second valid config besides the default condition (a multi-branch one), for the contract suite. */
  multiExample: BranchConfig;
}) {
  return defineNodeKind<BranchConfig>({
    kind: spec.kind,
    category: 'condition',
    label: spec.label,
    description: spec.description,
    icon: spec.icon,
    configSchema: branchConfig,
    defaultConfig: { condition: spec.defaultCondition },
    hasInput: true,
    handles: handlesOf,
    summary: (c, locale) => (c.branches ? c.branches.map((b) => b.label).join(' / ') : `${describeCondition(c.condition, locale)}${locale === 'zh-CN' ? '？' : '?'}`),
    check: (c) => {
      const all = c.branches ? c.branches.map((b, i) => [`branches.${i}.condition`, b.condition] as const) : [['condition', c.condition!] as const];
      return all.flatMap(([path, cond]) => (leaves(cond).every(spec.accepts) ? [] : [{ path, message: spec.wrongLeaf }]));
    },
    compile: (c, ctx) => {
      const always: TransitionJson[] = c.branches
        ? [
            ...c.branches.map((b, i) => ctx.leave(`b${i}`, { guard: { type: 'condition', params: { condition: b.condition } } })),
            ctx.leave('else'),
          ]
        : [ctx.leave('yes', { guard: { type: 'condition', params: { condition: c.condition } } }), ctx.leave('no')];
      return { always };
    },
    idPrefix: spec.idPrefix,
    messages: [conditionOrBranches],
    examples: [{ condition: spec.defaultCondition }, spec.multiExample],
  });
}
