import { z } from 'zod';
import { defineNodeKind } from '@/journey/nodes/types';

/** A test-only event-driven trigger: starts on a daily check-in with at least `minStreak` days in a row. */
const config = z.object({ minStreak: z.number().int().min(1) });

export default defineNodeKind<z.infer<typeof config>>({
  kind: 'trigger.check_in',
  category: 'trigger',
  label: { en: 'Check-in streak', zh: '连续签到' },
  description: { en: 'Starts when a member checks in several days in a row', zh: '会员连续签到达到天数时进入旅程' },
  icon: '✓',
  configSchema: config,
  defaultConfig: { minStreak: 3 },
  hasInput: false,
  handles: () => [{ id: 'out', label: { en: 'out', zh: '出口' } }],
  summary: (c, locale) => (locale === 'zh-CN' ? `连续签到 ${c.minStreak} 天` : `Check-in streak of ${c.minStreak}`),
  compile: (_c, ctx) => ({ always: ctx.leave('out') }),
  listensTo: () => [{ event: 'sign_in', handle: 'out' }],
  triggeredBy: (c, event) => event.type === 'sign_in' && Number(event.properties?.streak ?? 0) >= c.minStreak,
  examples: [{ minStreak: 3 }, { minStreak: 7 }],
});
