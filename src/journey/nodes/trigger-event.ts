import { z } from 'zod';
import { conditionSchema, eventMatches } from '../conditions';
import { defineNodeKind } from './types';

const chooseEvent = { en: 'Choose the event that starts the journey', zh: '请选择启动旅程的事件' };
const config = z.object({ event: z.string().min(1, chooseEvent.en), where: conditionSchema.optional() });

export default defineNodeKind<z.infer<typeof config>>({
  kind: 'trigger.event',
  category: 'trigger',
  label: { en: 'Real-time trigger', zh: '实时营销' },
  description: { en: 'Starts when a member does something (an event)', zh: '会员发生行为事件时进入旅程' },
  icon: '⚡',
  configSchema: config,
  defaultConfig: { event: 'member_joined' },
  hasInput: false,
  handles: () => [{ id: 'out', label: { en: 'out', zh: '出口' } }],
  summary: (c, locale) => (locale === 'zh-CN' ? `事件:${c.event}` : `On ${c.event}`),
  compile: (_c, ctx) => ({ always: ctx.leave('out') }),
  triggeredBy: (c, event, env) => eventMatches(event, c.event, c.where, env),
  listensTo: (c) => [{ event: c.event, handle: 'out' }],
  idPrefix: 'trigger',
  messages: [chooseEvent],
  examples: [{ event: 'member_joined' }, { event: 'order_paid', where: { attr: 'properties.amount', op: 'gte', value: 200 } }],
});
