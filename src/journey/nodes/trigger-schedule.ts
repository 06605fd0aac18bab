import { z } from 'zod';
import { conditionSchema } from '../conditions';
import { cronSchema, instantSchema, zoneSchema } from './schedule-config';
import { defineNodeKind } from './types';

const atOrCron = { en: 'Set either an instant (at) or a cron schedule', zh: '请设置具体时间或 cron 周期,二选一' };
const config = z
  .object({ at: instantSchema.optional(), cron: cronSchema.optional(), tz: zoneSchema.optional(), condition: conditionSchema.optional() })
  .refine((c) => Boolean(c.at) !== Boolean(c.cron), { message: atOrCron.en });
type Config = z.infer<typeof config>;

export default defineNodeKind<Config>({
  kind: 'trigger.schedule',
  category: 'trigger',
  label: { en: 'Holiday / scheduled', zh: '节假日营销' },
  description: { en: 'Start at a set time (a holiday, a sale) for an audience', zh: '在节假日或指定时间对人群启动' },
  icon: '📅',
  configSchema: config,
  defaultConfig: { at: '2027-02-06T10:00:00+08:00' },
  hasInput: false,
  handles: () => [{ id: 'out', label: { en: 'out', zh: '出口' } }],
  summary: (c, locale) => (c.at ? `${locale === 'zh-CN' ? '时间' : 'At'} ${c.at}` : `${c.cron} (${c.tz ?? 'Asia/Shanghai'})`),
  compile: (_c, ctx) => ({ always: ctx.leave('out') }),
  scheduled: (c) => ({ type: 'audience', condition: c.condition, ...(c.at ? { once: c.at } : { cron: c.cron, tz: c.tz ?? 'Asia/Shanghai' }) }),
  // A recurring run may enrol the same member again, at most daily.
  reentryDefault: { minInterval: 'P1D' },
  messages: [atOrCron],
  examples: [{ at: '2027-02-06T10:00:00+08:00' }, { cron: '0 9 * * 1', tz: 'Asia/Shanghai', condition: { tag: 'vip' } }],
});
