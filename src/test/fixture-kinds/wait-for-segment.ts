import { z } from 'zod';
import { isoDurationField } from '@/journey/document';
import { describeDuration } from '@/journey/duration';
import { defineNodeKind } from '@/journey/nodes/types';

/**
 * A node kind that exists only in tests: "wait until the member is in a segment, or give up after a
 * timeout". It is written like a module of src/journey/nodes and registered by new-kind.test.ts alone,
 * to show that validation, compile, the runtime, the palette and the contract suite need nothing else.
 */
const text = { segment: { en: 'Choose the segment to wait for', zh: '请选择要等待进入的人群' } };
const config = z.object({ segment: z.string().min(1, text.segment.en), timeout: isoDurationField('How long to wait? (e.g. P3D)') });

export default defineNodeKind<z.infer<typeof config>>({
  kind: 'wait.for_segment',
  category: 'flow',
  label: { en: 'Wait for segment', zh: '等待进入人群' },
  description: { en: 'Continue once the member is in a segment, or after a timeout', zh: '会员进入人群后继续,超时则走超时分支' },
  icon: '⧗',
  configSchema: config,
  defaultConfig: { segment: 'big_spenders', timeout: 'P3D' },
  hasInput: true,
  isWait: true,
  handles: () => [
    { id: 'in', label: { en: 'in segment', zh: '已进入' } },
    { id: 'timeout', label: { en: 'timeout', zh: '超时' } },
  ],
  summary: (c, locale) =>
    locale === 'zh-CN' ? `等待进入 ${c.segment},最多 ${describeDuration(c.timeout, locale)}` : `Wait for ${c.segment}, up to ${describeDuration(c.timeout, locale)}`,
  // Checked on entry and again after each of the member's events (XState re-runs `always` after every event).
  compile: (c, ctx) => ({
    entry: [{ type: 'setWake', params: { duration: c.timeout } }],
    always: ctx.leave('in', { guard: { type: 'condition', params: { condition: { segment: c.segment } } }, actions: [{ type: 'clearWake' }] }),
    on: { 'timer.fire': ctx.leave('timeout', { guard: { type: 'due' }, actions: [{ type: 'clearWake' }] }) },
  }),
  idPrefix: 'waitseg',
  messages: [text.segment],
  examples: [{ segment: 'big_spenders', timeout: 'P3D' }, { segment: 'vip_club', timeout: 'PT12H' }],
});
