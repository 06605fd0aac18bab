import { z } from 'zod';
import { defineNodeKind } from './types';

const text = {
  time: { en: 'Expected a time like "10:00"', zh: '请输入时间,例如 "10:00"' },
  atOrTime: { en: 'Set either an instant (at) or a local time (time)', zh: '请设置具体时间或当地时刻,二选一' },
};
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, text.time.en);
const config = z
  .object({
    at: z.iso.datetime({ offset: true, error: 'Expected an ISO 8601 instant with offset' }).optional(),
    time: hhmm.optional(),
    days: z.array(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])).optional(),
  })
  .refine((c) => Boolean(c.at) !== Boolean(c.time), { message: text.atOrTime.en });
type Config = z.infer<typeof config>;

export default defineNodeKind<Config>({
  kind: 'wait.until',
  category: 'flow',
  label: { en: 'Wait until', zh: '等待至' },
  description: { en: "Hold until a date, or the next local time in the member's time zone", zh: '等待到指定时间,或会员时区的下一个指定时刻' },
  icon: '⏰',
  configSchema: config,
  defaultConfig: { time: '10:00' },
  hasInput: true,
  isWait: true,
  handles: () => [{ id: 'out', label: { en: 'out', zh: '出口' } }],
  summary: (c, locale) =>
    c.at ? `${locale === 'zh-CN' ? '等待至' : 'Until'} ${c.at}` : `${locale === 'zh-CN' ? '等待至' : 'Until'} ${c.time}${c.days?.length ? ` (${c.days.join(',')})` : ''}`,
  compile: (c, ctx) => ({
    entry: [{ type: 'setWakeAt', params: { ...(c.at ? { at: c.at } : {}), ...(c.time ? { time: c.time } : {}), ...(c.days ? { days: c.days } : {}) } }],
    on: { 'timer.fire': ctx.leave('out', { guard: { type: 'due' }, actions: [{ type: 'clearWake' }] }) },
  }),
  messages: [text.time, text.atOrTime],
  examples: [{ time: '10:00' }, { time: '09:30', days: ['mon', 'fri'] }, { at: '2027-11-11T10:00:00+08:00' }],
});
