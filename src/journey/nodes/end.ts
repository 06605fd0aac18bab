import { z } from 'zod';
import { defineNodeKind } from './types';

const config = z.object({}).passthrough();

export default defineNodeKind<z.infer<typeof config>>({
  kind: 'end',
  category: 'flow',
  label: { en: 'End', zh: '结束' },
  description: { en: 'The member leaves the journey here', zh: '会员在此结束旅程' },
  icon: '■',
  configSchema: config,
  defaultConfig: {},
  hasInput: true,
  handles: () => [],
  summary: (_c, locale) => (locale === 'zh-CN' ? '结束旅程' : 'Journey ends'),
  compile: () => ({ type: 'final' }),
  examples: [{}],
});
