import { describe, expect, it } from 'vitest';
import { compileJourney } from './compile';
import type { JourneyDocument } from './document';
import { assignmentBucket, isHeldOut } from './hash';
import { validateJourney } from './validate';

const doc: JourneyDocument = {
  format: 'journey/v1',
  id: 'h',
  name: 'Holdout',
  entry: { reentry: 'never' },
  nodes: [
    { id: 't', kind: 'trigger.event', config: { event: 'joined' } },
    { id: 'm', kind: 'action.message', config: { channel: 'sms', template: 'Hi' } },
    { id: 'x', kind: 'end' },
  ],
  edges: [
    { source: 't', target: 'm' },
    { source: 'm', target: 'x' },
  ],
};

describe('holdout (global control) setting', () => {
  it('validates the percent with a message in English and Chinese naming the field', () => {
    expect(validateJourney({ ...doc, holdout: { percent: 10 } })).toEqual([]);
    const [problem] = validateJourney({ ...doc, holdout: { percent: 80 } });
    expect(problem).toMatchObject({ path: 'holdout.percent', message: 'Hold out between 0.1% and 50% of entrants', messageZh: '全局对照组比例须在 0.1% 到 50% 之间' });
    expect(validateJourney({ ...doc, holdout: { percent: 'ten' } })[0]).toMatchObject({ path: 'holdout.percent' });
  });

  it('marks every effect with the percent only when a holdout is set (existing machines are unchanged)', () => {
    expect(JSON.stringify(compileJourney(doc))).not.toContain('holdoutPercent');
    const json = JSON.stringify(compileJourney({ ...doc, holdout: { percent: 10 } }));
    expect(json.match(/"holdoutPercent":10/g)).toHaveLength(1);
  });

  it('holds out members by the split hash with "holdout" as the key, about the share asked for', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `m${i}`);
    const held = ids.filter((id) => isHeldOut('h', id, 10));
    expect(held.every((id) => assignmentBucket('h', 'holdout', id) < 1000)).toBe(true);
    expect(held.length / ids.length).toBeGreaterThan(0.09);
    expect(held.length / ids.length).toBeLessThan(0.11);
    expect(isHeldOut('h', held[0], undefined)).toBe(false);
  });
});
