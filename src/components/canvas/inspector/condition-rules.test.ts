import { describe, expect, it } from 'vitest';
import { getNodeKind, type Condition } from '@/journey';
import { blankRule, fromRuleSet, parseAttrValue, rulePath, toRuleSet, withOp } from './condition-rules';

describe('condition rules', () => {
  it('reads flat conditions as rule lists and writes them back unchanged', () => {
    const conditions: Condition[] = [
      { attr: 'tier', op: 'eq', value: 'gold' },
      { not: { event: 'order_paid', within: 'P90D' } },
      { all: [{ tag: 'vip' }, { not: { segment: 'dormant' } }] },
      { any: [{ event: 'cart_add', count: { op: 'gte', value: 2 } }, { attr: 'points', op: 'gt', value: 500 }] },
    ];
    for (const c of conditions) expect(fromRuleSet(toRuleSet(c)!)).toEqual(c);
  });

  it('refuses what a flat list cannot show, so the JSON editor keeps it', () => {
    expect(toRuleSet({ all: [{ any: [{ tag: 'a' }, { tag: 'b' }] }, { tag: 'c' }] })).toBeNull();
    expect(toRuleSet({ not: { all: [{ tag: 'a' }] } })).toBeNull();
    expect(toRuleSet({ time: { between: ['09:00', '21:00'] } })).toBeNull();
  });

  it('drops the wrapper for one rule and the condition for none', () => {
    const set = toRuleSet({ any: [{ tag: 'a' }, { tag: 'b' }] })!;
    expect(fromRuleSet({ ...set, rules: set.rules.slice(1) })).toEqual({ tag: 'b' });
    expect(fromRuleSet({ match: 'all', rules: [] })).toBeUndefined();
    expect(toRuleSet(undefined)).toEqual({ match: 'all', rules: [] });
  });

  it('names the path validation uses for each rule', () => {
    const set = toRuleSet({ all: [{ tag: 'a' }, { not: { event: '' } }] })!;
    expect(rulePath('branches.0.condition', set, 1)).toBe('branches.0.condition.all.1.not');
    expect(rulePath('condition', toRuleSet({ attr: 'x', op: 'exists' })!, 0)).toBe('condition');
    // The paths agree with what the node kind's schema reports.
    const issues = getNodeKind('branch.event')!.configSchema.safeParse({ branches: [{ label: 'x', condition: { all: [{ event: 'a' }, { not: { event: '' } }] } }] });
    expect(issues.success).toBe(false);
    expect(issues.error!.issues[0].path.join('.')).toBe(`${rulePath('branches.0.condition', set, 1)}.event`);
  });

  it('types values as numbers or lists to suit the operator', () => {
    expect(parseAttrValue('gt', '500')).toBe(500);
    expect(parseAttrValue('eq', 'gold')).toBe('gold');
    expect(parseAttrValue('in', 'gold, platinum，3')).toEqual(['gold', 'platinum', 3]);
    expect(withOp({ attr: 'tier', op: 'eq', value: 'gold' }, 'exists')).toEqual({ attr: 'tier', op: 'exists' });
    expect(withOp({ attr: 'points', op: 'eq', value: 100 }, 'between')).toEqual({ attr: 'points', op: 'between', value: [100] });
  });

  it('starts new rules blank so the form asks for the missing name', () => {
    expect(blankRule('event')).toEqual({ negate: false, leaf: { event: '' } });
    expect(blankRule('attr').leaf).toMatchObject({ attr: '', op: 'eq' });
  });
});
