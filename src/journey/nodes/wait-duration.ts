import { z } from 'zod';
import { isoDurationField } from '../document';
import { describeDuration } from '../duration';
import { defineNodeKind } from './types';

const howLong = { en: 'How long to wait? (e.g. P3D)', zh: '要等待多久?(例如 P3D)' };
const config = z.object({ duration: isoDurationField(howLong.en) });

export default defineNodeKind<z.infer<typeof config>>({
  kind: 'wait.duration',
  category: 'flow',
  label: { en: 'Wait', zh: '等待' },
  description: { en: 'Hold the member for a fixed time', zh: '等待一段固定时间后继续' },
  icon: '⏳',
  configSchema: config,
  defaultConfig: { duration: 'P1D' },
  hasInput: true,
  isWait: true,
  handles: () => [{ id: 'out', label: { en: 'out', zh: '出口' } }],
  summary: (c, locale) => (locale === 'zh-CN' ? `等待 ${describeDuration(c.duration, locale)}` : `Wait ${describeDuration(c.duration, locale)}`),
  compile: (c, ctx) => ({
    entry: [{ type: 'setWake', params: { duration: c.duration } }],
    on: { 'timer.fire': ctx.leave('out', { guard: { type: 'due' }, actions: [{ type: 'clearWake' }] }) },
  }),
  idPrefix: 'wait',
  messages: [howLong],
  examples: [{ duration: 'P1D' }, { duration: 'PT12H' }],
});
