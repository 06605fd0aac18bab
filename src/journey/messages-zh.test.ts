import { describe, expect, it } from 'vitest';
import { nodeKinds } from './nodes';
import { validateJourney } from './validate';
import type { JourneyDocument } from './document';

const hasChinese = (s: string) => /[\u4e00-\u9fa5]/.test(s);

function docWith(node: { id: string; kind: string; config: unknown }): JourneyDocument {
  const trigger = { id: 't', kind: 'trigger.event', config: { event: 'go' } };
  const nodes = node.kind.startsWith('trigger.') ? [node] : [trigger, node];
  return { format: 'journey/v1', id: 'j', name: 'J', entry: { reentry: 'never' }, nodes, edges: [] } as unknown as JourneyDocument;
}

describe('validation messages in Chinese', () => {
  it('gives every node kind with an empty or wrong config Chinese messages, never an English sentence with a prefix', () => {
    let checked = 0;
    for (const kind of nodeKinds) {
      for (const config of [{}, { duration: 'three days', event: '', time: '9am', add: ['two words'] }]) {
        const problems = validateJourney(docWith({ id: 'n', kind: kind.kind, config })).filter((p) => p.nodeId === 'n' && p.path.includes('config'));
        for (const p of problems) {
          checked++;
          expect(hasChinese(p.messageZh), `${kind.kind}: ${p.message} → ${p.messageZh}`).toBe(true);
          expect(p.messageZh, `${kind.kind}: ${p.message}`).not.toMatch(/^配置错误:/);
        }
      }
    }
    // Most kinds reject one of the two configs: the loop above really looked at messages.
    expect(checked).toBeGreaterThan(20);
  });

  it('translates a bad duration and a missing event on the node they belong to', () => {
    const problems = validateJourney({
      ...docWith({ id: 'w', kind: 'wait.duration', config: { duration: '3 days' } }),
      nodes: [
        { id: 't', kind: 'trigger.event', config: { event: '' } },
        { id: 'w', kind: 'wait.duration', config: { duration: '3 days' } },
      ],
    });
    expect(problems.find((p) => p.nodeId === 'w')?.messageZh).toBe('不是有效的时长(例如 PT1H 表示 1 小时,P3D 表示 3 天)');
    expect(problems.find((p) => p.nodeId === 't')?.messageZh).toBe('请选择启动旅程的事件');
  });
});
