import { z } from 'zod';
import { conditionSchema } from '../conditions';
import { isoDuration } from '../document';
import { defineNodeKind } from './types';

const chooseEvent = { en: 'Choose the event to count', zh: '请选择要计数的事件' };
const config = z.object({
  event: z.string().min(1, chooseEvent.en),
  where: conditionSchema.optional(),
  within: isoDuration.optional(),
  sinceEntry: z.boolean().optional(),
  count: z.object({ op: z.enum(['eq', 'gt', 'gte', 'lt', 'lte']), value: z.number().int().min(0) }),
});
type Config = z.infer<typeof config>;
const opText = { eq: '=', gt: '>', gte: '≥', lt: '<', lte: '≤' } as const;

export default defineNodeKind<Config>({
  kind: 'branch.count',
  category: 'condition',
  label: { en: 'Count check', zh: '计数判断' },
  description: { en: 'Branch on how many times the member did something', zh: '按会员某行为发生的次数分支' },
  icon: '#',
  configSchema: config,
  defaultConfig: { event: 'order_paid', within: 'P90D', count: { op: 'gte', value: 2 } },
  hasInput: true,
  handles: () => [
    { id: 'yes', label: { en: 'yes', zh: '是' } },
    { id: 'no', label: { en: 'no', zh: '否' } },
  ],
  summary: (c, locale) =>
    `${c.event} ${opText[c.count.op]} ${c.count.value}${locale === 'zh-CN' ? '次' : '×'}${c.within ? ` / ${c.within}` : ''}${c.sinceEntry ? ' (since entry)' : ''}?`,
  compile: (c, ctx) => {
    const condition = { event: c.event, count: c.count, ...(c.where ? { where: c.where } : {}), ...(c.within ? { within: c.within } : {}), ...(c.sinceEntry ? { sinceEntry: true } : {}) };
    return { always: [ctx.leave('yes', { guard: { type: 'condition', params: { condition } } }), ctx.leave('no')] };
  },
  messages: [chooseEvent],
  examples: [
    { event: 'order_paid', within: 'P90D', count: { op: 'gte', value: 2 } },
    { event: 'order_paid', sinceEntry: true, where: { attr: 'properties.amount', op: 'gt', value: 50 }, count: { op: 'eq', value: 0 } },
  ],
});
