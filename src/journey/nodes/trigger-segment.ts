import { z } from 'zod';
import { conditionSchema } from '../conditions';
import { describeCondition } from '../describe';
import { describeSchedule, scheduleSchema } from './schedule-config';
import { defineNodeKind } from './types';

const segmentOrCondition = { en: 'Choose a segment or describe the audience with a condition', zh: '请选择人群,或用条件描述目标人群' };
const config = z
  .object({ segment: z.string().min(1).optional(), condition: conditionSchema.optional(), schedule: scheduleSchema })
  .refine((c) => Boolean(c.segment) !== Boolean(c.condition), { message: segmentOrCondition.en });
type Config = z.infer<typeof config>;

export default defineNodeKind<Config>({
  kind: 'trigger.segment',
  category: 'trigger',
  label: { en: 'Targeted audience', zh: '定向营销' },
  description: { en: 'Enrol a segment once or on a recurring schedule', zh: '按人群单次或周期性执行' },
  icon: '🎯',
  configSchema: config,
  defaultConfig: { condition: { not: { event: 'order_paid', within: 'P90D' } }, schedule: { cron: '0 10 * * 1', tz: 'Asia/Shanghai' } },
  hasInput: false,
  handles: () => [{ id: 'out', label: { en: 'out', zh: '出口' } }],
  summary: (c, locale) => `${c.segment ?? describeCondition(c.condition, locale)} · ${describeSchedule(c.schedule, locale === 'zh-CN')}`,
  compile: (_c, ctx) => ({ always: ctx.leave('out') }),
  scheduled: (c) => ({ type: 'audience', segment: c.segment, condition: c.condition, ...c.schedule }),
  messages: [segmentOrCondition],
  examples: [
    { condition: { not: { event: 'order_paid', within: 'P90D' } }, schedule: { cron: '0 10 * * 1', tz: 'Asia/Shanghai' } },
    { segment: 'dormant_90d', schedule: { once: '2027-01-01T10:00:00+08:00' } },
  ],
});
