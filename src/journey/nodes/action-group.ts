import { z } from 'zod';
import { defineNodeKind } from './types';

const badGroup = { en: 'Group ids use letters, digits, "_" and "-"', zh: '客群 ID 只能包含字母、数字、"_" 和 "-"' };
const config = z.object({
  group: z.string().regex(/^[\w-]{1,64}$/, badGroup.en),
  op: z.enum(['add', 'remove']),
});
type Config = z.infer<typeof config>;

export default defineNodeKind<Config>({
  kind: 'action.group',
  category: 'action',
  label: { en: 'Customer group', zh: '客群分流' },
  description: { en: 'Add the member to a static group, or remove them', zh: '将会员加入或移出静态客群' },
  icon: '👥',
  configSchema: config,
  defaultConfig: { group: 'vip_followup', op: 'add' },
  hasInput: true,
  handles: () => [{ id: 'out', label: { en: 'out', zh: '出口' } }],
  summary: (c, locale) => (locale === 'zh-CN' ? `${c.op === 'add' ? '加入' : '移出'}客群 ${c.group}` : `${c.op === 'add' ? 'Add to' : 'Remove from'} ${c.group}`),
  compile: (c, ctx) => ({
    // `regroup` lets conditions later in the same step see the change before the effect is delivered.
    entry: [
      { type: 'effect', params: { nodeId: ctx.node.id, effect: { type: 'group', group: c.group, op: c.op } } },
      { type: 'regroup', params: { group: c.group, op: c.op } },
    ],
    always: ctx.leave('out'),
  }),
  // Called with the stored config, which may not be valid yet.
  pickerNames: (c) => ({ groups: typeof c.group === 'string' ? [c.group] : [] }),
  messages: [badGroup],
  examples: [{ group: 'vip_followup', op: 'add' }, { group: 'spring_sale', op: 'remove' }],
});
