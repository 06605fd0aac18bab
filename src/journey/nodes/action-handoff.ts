import { z } from 'zod';
import { isoDuration } from '../document';
import { describeDuration } from '../duration';
import { defineNodeKind } from './types';

const describeTask = { en: 'Describe the task for the associate', zh: '请描述给导购的任务' };
const config = z.object({ task: z.string().min(1, describeTask.en), due: isoDuration.optional() });
type Config = z.infer<typeof config>;

export default defineNodeKind<Config>({
  kind: 'action.handoff',
  category: 'action',
  label: { en: 'Hand off to associate', zh: '转导购' },
  description: { en: "Create a follow-up task for the member's store associate", zh: '为会员的专属导购创建跟进任务' },
  icon: '🤝',
  configSchema: config,
  defaultConfig: { task: 'Call {{member.name}} to say congratulations', due: 'P2D' },
  hasInput: true,
  handles: () => [{ id: 'out', label: { en: 'out', zh: '出口' } }],
  summary: (c, locale) => `${c.task.slice(0, 36)}${c.due ? ` (${describeDuration(c.due, locale)})` : ''}`,
  compile: (c, ctx) => ({
    entry: [{ type: 'effect', params: { nodeId: ctx.node.id, effect: { type: 'handoff', task: c.task, ...(c.due ? { due: c.due } : {}) } } }],
    always: ctx.leave('out'),
  }),
  messages: [describeTask],
  examples: [{ task: 'Call {{member.name}} to say congratulations', due: 'P2D' }, { task: 'Invite {{member.name}} to the store event' }],
});
