import { describe, expect, it } from 'vitest';
import { validateJourney, type JourneyDocument } from '@/journey';
import { welcomeJourney, cartAbandonmentJourney } from '@/journey/examples';

function doc(partial: Partial<JourneyDocument>): JourneyDocument {
  return { format: 'journey/v1', id: 'j', name: 'J', entry: { reentry: 'never' }, nodes: [], edges: [], ...partial };
}
const trigger = { id: 't', kind: 'trigger.event', config: { event: 'member_joined' } };

describe('validateJourney', () => {
  it('accepts the shipped examples', () => {
    expect(validateJourney(welcomeJourney)).toEqual([]);
    expect(validateJourney(cartAbandonmentJourney)).toEqual([]);
  });

  it('reports an unconnected handle on its node', () => {
    const problems = validateJourney(
      doc({
        nodes: [trigger, { id: 'w', kind: 'wait.event', config: { event: 'order_paid', timeout: 'P3D' } }, { id: 'x', kind: 'end' }],
        edges: [{ source: 't', target: 'w' }, { source: 'w', sourceHandle: 'event', target: 'x' }],
      }),
    );
    expect(problems).toEqual([expect.objectContaining({ nodeId: 'w', message: 'Handle "timeout" is not connected', messageZh: '出口"timeout"未连接' })]);
  });

  it('reports a bad duration, a missing trigger and an unknown kind at once', () => {
    const problems = validateJourney(
      doc({
        nodes: [{ id: 'w', kind: 'wait.duration', config: { duration: '3 days' } }, { id: 'q', kind: 'action.fax' }],
        edges: [],
      }),
    );
    expect(problems.map((p) => [p.nodeId, p.path, p.message])).toEqual(
      expect.arrayContaining([
        ['w', 'nodes.0.config.duration', 'Not an ISO 8601 duration (e.g. PT1H, P3D)'],
        ['q', 'nodes.1.kind', 'Unknown node kind "action.fax"'],
        [undefined, 'nodes', 'The journey needs exactly one trigger; it has none'],
      ]),
    );
  });

  it('rejects duplicate variant keys and non-positive weights', () => {
    const problems = validateJourney(
      doc({
        nodes: [trigger, { id: 's', kind: 'split.ab', config: { experiment: 'e', variants: [{ key: 'A', weight: 1 }, { key: 'A', weight: 0 }] } }],
        edges: [{ source: 't', target: 's' }],
      }),
    );
    expect(problems.map((p) => [p.nodeId, p.path, p.message])).toEqual([
      ['s', 'nodes.1.config.variants.1.weight', 'Weights must be positive'],
    ]);
    const dup = validateJourney(
      doc({
        nodes: [trigger, { id: 's', kind: 'split.ab', config: { experiment: 'e', variants: [{ key: 'A', weight: 1 }, { key: 'A', weight: 2 }] } }, { id: 'x', kind: 'end' }],
        edges: [{ source: 't', target: 's' }, { source: 's', sourceHandle: 'A', target: 'x' }],
      }),
    );
    expect(dup.map((p) => [p.nodeId, p.path, p.message])).toEqual([['s', 'nodes.1.config.variants.1.key', 'Duplicate variant key "A"']]);
  });

  it('requires a timeout on a wait for an event', () => {
    const problems = validateJourney(
      doc({ nodes: [trigger, { id: 'w', kind: 'wait.event', config: { event: 'order_paid' } }], edges: [{ source: 't', target: 'w' }] }),
    );
    expect(problems.map((p) => [p.nodeId, p.path, p.message])).toEqual([['w', 'nodes.1.config.timeout', 'A wait for an event needs a timeout (e.g. P3D)']]);
  });

  it('rejects a second trigger and a connection into a trigger', () => {
    const problems = validateJourney(
      doc({
        nodes: [trigger, { id: 't2', kind: 'trigger.event', config: { event: 'signup' } }, { id: 'x', kind: 'end' }],
        edges: [{ source: 't', target: 't2' }, { source: 't2', target: 'x' }],
      }),
    );
    expect(problems.map((p) => [p.nodeId, p.message])).toEqual([
      ['t2', 'Only one trigger is allowed per journey'],
      ['t2', 'A trigger cannot have incoming connections'],
    ]);
  });

  it('rejects a loop without a wait, and edges to missing nodes', () => {
    const problems = validateJourney(
      doc({
        nodes: [trigger, { id: 'a', kind: 'action.message', config: { channel: 'sms', template: 'x' } }, { id: 'b', kind: 'action.message', config: { channel: 'sms', template: 'y' } }],
        edges: [{ source: 't', target: 'a' }, { source: 'a', target: 'b' }, { source: 'b', target: 'a' }, { source: 't', target: 'ghost' }],
      }),
    );
    const messages = problems.map((p) => `${p.nodeId}:${p.message}`);
    expect(messages).toContain('a:This node is on a loop with no wait in it');
    expect(messages).toContain('b:This node is on a loop with no wait in it');
    expect(messages).toContain('t:Edge points to a missing node "ghost"');
  });
});
