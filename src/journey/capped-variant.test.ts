import { describe, expect, it } from 'vitest';
import { compileJourney, createJourneyMachine, initialSnapshot, journeyStepper, type JourneyDocument } from '@/journey';
import { usualPath } from './capped-split';

// A capped A/B split records the variant a member takes and, beside it, the one their hash bucket assigned them.

const variants = [
  { key: 'coupon', weight: 1, poolId: 'pool1' },
  { key: 'control', weight: 1, control: true },
];
const doc = (capped: boolean): JourneyDocument => ({
  format: 'journey/v1',
  id: 'ab',
  name: 'ab',
  entry: { reentry: 'never' },
  nodes: [
    { id: 't', kind: 'trigger.event', config: { event: 'go' } },
    { id: 'ab', kind: 'split.ab', config: { experiment: 'gift', variants: capped ? variants : variants.map(({ key, weight }) => ({ key, weight })) } },
    { id: 'end_coupon', kind: 'end' },
    { id: 'end_control', kind: 'end' },
  ],
  edges: [
    { source: 't', target: 'ab' },
    { source: 'ab', sourceHandle: 'coupon', target: 'end_coupon' },
    { source: 'ab', sourceHandle: 'control', target: 'end_control' },
  ],
});

function enter(d: JourneyDocument, memberId: string, stock?: number) {
  const machine = createJourneyMachine(compileJourney(d));
  const start = initialSnapshot(machine, { journeyId: 'j1', memberId, enteredAt: 0 });
  const member = { id: memberId, tz: 'Asia/Shanghai', tags: [] };
  const [next] = journeyStepper(machine)(start, { type: 'journey.start', env: { now: 0, member, ...(stock === undefined ? {} : { couponStock: () => stock }) } });
  return next.context;
}

const ids = Array.from({ length: 40 }, (_, i) => `m${i}`);
const usual = (memberId: string) => usualPath(variants, 'gift', { journeyId: 'j1', memberId });

describe('capped A/B split: assigned and taken variants', () => {
  it('with stock, members take the variant they are assigned, and both are recorded', () => {
    for (const id of ids) {
      const c = enter(doc(true), id, 3);
      expect(c.variants.ab).toBe(usual(id));
      expect(c.assignedVariants).toEqual({ ab: usual(id) });
    }
  });

  it('with the pool empty, members assigned the capped variant take the other one; their assignment is kept', () => {
    const assignedCoupon = ids.filter((id) => usual(id) === 'coupon');
    expect(assignedCoupon.length).toBeGreaterThan(0);
    for (const id of ids) {
      const c = enter(doc(true), id, 0);
      expect(c.variants.ab).toBe('control');
      expect(c.assignedVariants).toEqual({ ab: usual(id) });
    }
  });

  it('an uncapped split records no assignment beside the variant (the two are always the same)', () => {
    for (const id of ids.slice(0, 10)) {
      const c = enter(doc(false), id, 0);
      expect(c.variants.ab).toBe(usual(id));
      expect(c.assignedVariants).toBeUndefined();
    }
  });
});
