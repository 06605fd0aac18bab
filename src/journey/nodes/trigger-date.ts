import { z } from 'zod';
import { conditionSchema } from '../conditions';
import { defineNodeKind } from './types';

const chooseAttr = { en: 'Choose the date attribute (e.g. birthday)', zh: '请选择日期属性(例如生日)' };
const config = z.object({
  attr: z.string().min(1, chooseAttr.en),
  offsetDays: z.number().int().min(-366).max(366),
  at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected a time like "09:00"'),
  condition: conditionSchema.optional(),
});
type Config = z.infer<typeof config>;

export default defineNodeKind<Config>({
  kind: 'trigger.date',
  category: 'trigger',
  label: { en: 'Anniversary', zh: '纪念日营销' },
  description: { en: 'Start on each member’s date (birthday, join date), with an offset', zh: '在会员生日、入会日等纪念日前后启动' },
  icon: '🎂',
  configSchema: config,
  defaultConfig: { attr: 'birthday', offsetDays: -3, at: '09:00' },
  hasInput: false,
  handles: () => [{ id: 'out', label: { en: 'out', zh: '出口' } }],
  summary: (c, locale) => {
    const when = c.offsetDays === 0 ? '' : c.offsetDays < 0 ? ` −${-c.offsetDays}d` : ` +${c.offsetDays}d`;
    return locale === 'zh-CN' ? `${c.attr}${when} ${c.at}` : `${c.attr}${when} at ${c.at}`;
  },
  compile: (_c, ctx) => ({ always: ctx.leave('out') }),
  scheduled: (c) => ({ type: 'anniversary', attr: c.attr, offsetDays: c.offsetDays, at: c.at, condition: c.condition }),
  // A birthday comes back every year: once a year, not once in a lifetime.
  reentryDefault: { minInterval: 'P300D' },
  messages: [chooseAttr],
  examples: [{ attr: 'birthday', offsetDays: -3, at: '09:00' }, { attr: 'joinDate', offsetDays: 0, at: '10:30', condition: { attr: 'tier', op: 'eq', value: 'gold' } }],
});
