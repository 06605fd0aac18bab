import { z } from 'zod';
import { conditionSchema } from '../conditions';
import { isoDurationField } from '../document';
import { describeDuration } from '../duration';
import { defineNodeKind } from './types';

const text = {
  event: { en: 'Choose the event to wait for', zh: '请选择要等待的事件' },
  timeout: { en: 'A wait for an event needs a timeout (e.g. P3D)', zh: '等待事件需要设置超时时长(例如 P3D)' },
};
const config = z.object({
  event: z.string().min(1, text.event.en),
  where: conditionSchema.optional(),
  timeout: isoDurationField(text.timeout.en),
});

export default defineNodeKind<z.infer<typeof config>>({
  kind: 'wait.event',
  category: 'flow',
  label: { en: 'Wait for event', zh: '等待事件' },
  description: { en: 'Continue when the member does something, or after a timeout', zh: '等待会员行为事件,超时则走超时分支' },
  icon: '⌛',
  configSchema: config,
  defaultConfig: { event: 'order_paid', timeout: 'P3D' },
  hasInput: true,
  isWait: true,
  handles: () => [
    { id: 'event', label: { en: 'event', zh: '事件发生' } },
    { id: 'timeout', label: { en: 'timeout', zh: '超时' } },
  ],
  summary: (c, locale) =>
    locale === 'zh-CN'
      ? `等待 ${c.event},最多 ${describeDuration(c.timeout, locale)}`
      : `Wait for ${c.event}, up to ${describeDuration(c.timeout, locale)}`,
  compile: (c, ctx) => ({
    entry: [{ type: 'setWake', params: { duration: c.timeout } }],
    on: {
      'member.event': ctx.leave('event', {
        guard: { type: 'eventIs', params: { event: c.event, ...(c.where ? { where: c.where } : {}) } },
        actions: [{ type: 'clearWake' }],
      }),
      'timer.fire': ctx.leave('timeout', { guard: { type: 'due' }, actions: [{ type: 'clearWake' }] }),
    },
  }),
  listensTo: (c) => [{ event: c.event, handle: 'event' }],
  idPrefix: 'waitev',
  messages: [text.event, text.timeout],
  examples: [{ event: 'order_paid', timeout: 'P3D' }, { event: 'order_paid', where: { attr: 'properties.amount', op: 'gte', value: 100 }, timeout: 'P2D' }],
});
