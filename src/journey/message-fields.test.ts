import { describe, expect, it } from 'vitest';
import { compileJourney } from './compile';
import type { JourneyDocument } from './document';

const doc = (config: Record<string, unknown>): JourneyDocument => ({
  format: 'journey/v1',
  id: 'mail',
  name: 'Mail',
  entry: { reentry: 'never' },
  nodes: [
    { id: 'trigger', kind: 'trigger.event', config: { event: 'member_joined' }, position: { x: 0, y: 0 } },
    { id: 'mail', kind: 'action.message', config, position: { x: 0, y: 100 } },
    { id: 'end', kind: 'end', position: { x: 0, y: 200 } },
  ],
  edges: [
    { source: 'trigger', target: 'mail' },
    { source: 'mail', target: 'end' },
  ],
});

const effectOf = (config: Record<string, unknown>) => {
  const entry = compileJourney(doc(config)).states.mail.entry as unknown as { type: string; params?: { effect?: unknown } }[];
  return entry.find((a) => a.type === 'effect')?.params?.effect;
};

describe('action.message fields for the channel providers', () => {
  it('carries subject, template id, params and link tracking into the effect when set, nothing when not', () => {
    expect(effectOf({ channel: 'email', template: 'Hi {{member.name}}', subject: 'Welcome', trackLinks: true })).toMatchObject({ channel: 'email', subject: 'Welcome', trackLinks: true });
    expect(effectOf({ channel: 'sms', template: 'x', templateId: 'SMS_1', params: { name: '{{member.name}}' } })).toMatchObject({ templateId: 'SMS_1', params: { name: '{{member.name}}' } });
    expect(effectOf({ channel: 'sms', template: 'x' })).toEqual({ type: 'message', channel: 'sms', template: 'x', quietHours: 'defer' });
  });
});
