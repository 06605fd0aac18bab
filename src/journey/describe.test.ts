import { describe, expect, it } from 'vitest';
import { describeCondition } from './describe';

describe('describeCondition', () => {
  const dormant = { not: { event: 'order_paid', within: 'P90D' } } as const;
  it('reads a rule in English as typed', () => {
    expect(describeCondition(dormant)).toBe('not (order_paid in P90D)');
    expect(describeCondition({ all: [{ attr: 'tier', op: 'in', value: ['gold', 'silver'] }, { segment: 'vip' }] })).toBe('tier in gold, silver & segment vip');
  });
  it('reads the same rule in Chinese, with the duration in its own units', () => {
    expect(describeCondition(dormant, 'zh-CN')).toBe('非(order_paid 90天内)');
    expect(describeCondition({ any: [{ attr: 'city', op: 'exists' }, { event: 'coupon_redeemed', count: { op: 'gte', value: 2 }, within: 'PT12H' }] }, 'zh-CN')).toBe(
      'city 已填写 或 coupon_redeemed ≥ 2次 12小时内',
    );
  });
});
