import { z } from 'zod';
import { conditionSchema } from '../conditions';
import { defineNodeKind } from './types';

const badTime = { en: 'Expected a time like "09:00"', zh: '请输入时间,例如 "09:00"' };
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, badTime.en);
const config = z.object({
  between: z.tuple([hhmm, hhmm]),
  days: z.array(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])).optional(),
});
type Config = z.infer<typeof config>;

export default defineNodeKind<Config>({
  kind: 'branch.time',
  category: 'condition',
  label: { en: 'Time check', zh: '时间判断' },
  description: { en: "Branch on the time of day and weekday in the member's time zone", zh: '按会员所在时区的时段与星期分支' },
  icon: '◷',
  configSchema: config,
  defaultConfig: { between: ['09:00', '21:00'] },
  hasInput: true,
  handles: () => [
    { id: 'yes', label: { en: 'yes', zh: '是' } },
    { id: 'no', label: { en: 'no', zh: '否' } },
  ],
  summary: (c) => `${c.between[0]}–${c.between[1]}${c.days?.length ? ` ${c.days.join(',')}` : ''}?`,
  compile: (c, ctx) => {
    const condition = conditionSchema.parse({ time: { between: c.between, ...(c.days ? { days: c.days } : {}) } });
    return { always: [ctx.leave('yes', { guard: { type: 'condition', params: { condition } } }), ctx.leave('no')] };
  },
  messages: [badTime],
  examples: [{ between: ['09:00', '21:00'] }, { between: ['22:00', '06:00'], days: ['sat', 'sun'] }],
});
