import { z } from 'zod';
import { defineNodeKind } from './types';

const text = {
  badTag: { en: 'Tags are short words without spaces', zh: '标签是不含空格的短词' },
  noTags: { en: 'Add or remove at least one tag', zh: '至少添加或移除一个标签' },
};
const tag = z.string().regex(/^[\w\u4e00-\u9fa5-]{1,40}$/, text.badTag.en);
const config = z
  .object({ add: z.array(tag).optional(), remove: z.array(tag).optional() })
  .refine((c) => (c.add?.length ?? 0) + (c.remove?.length ?? 0) > 0, { message: text.noTags.en });
export type TagConfig = z.infer<typeof config>;
type Config = TagConfig;

export default defineNodeKind<Config>({
  kind: 'action.tag',
  category: 'action',
  label: { en: 'Tag audience', zh: '人群打标' },
  description: { en: 'Add or remove member tags', zh: '为会员添加或移除标签' },
  icon: '🏷',
  configSchema: config,
  defaultConfig: { add: ['engaged'] },
  hasInput: true,
  handles: () => [{ id: 'out', label: { en: 'out', zh: '出口' } }],
  summary: (c) => [...(c.add ?? []).map((t) => `+${t}`), ...(c.remove ?? []).map((t) => `−${t}`)].join(' '),
  compile: (c, ctx) => ({
    entry: [
      { type: 'effect', params: { nodeId: ctx.node.id, effect: { type: 'tag', add: c.add ?? [], remove: c.remove ?? [] } } },
      // Conditions later in the same step see the change before the effect is delivered.
      { type: 'retag', params: { add: c.add ?? [], remove: c.remove ?? [] } },
    ],
    always: ctx.leave('out'),
  }),
  // Called with the stored config, which may not be valid yet.
  pickerNames: (c) => ({ tags: [c.add, c.remove].flatMap((list) => (Array.isArray(list) ? list.filter((t) => typeof t === 'string') : [])) }),
  messages: [text.badTag, text.noTags],
  examples: [{ add: ['engaged'] }, { add: ['vip', '高价值'], remove: ['dormant'] }, { remove: ['trial'] }],
});
