import { describe, expect, it } from 'vitest';
import { validateJourney } from './validate';
import type { JourneyDocument } from './document';

function withReward(reward: unknown) {
  const doc = {
    format: 'journey/v1', id: 'j', name: 'J', entry: { reentry: 'never' },
    nodes: [
      { id: 't', kind: 'trigger.event', config: { event: 'member_joined' } },
      { id: 'r', kind: 'action.reward', config: { reward } },
      { id: 'x', kind: 'end' },
    ],
    edges: [{ source: 't', target: 'r' }, { source: 'r', target: 'x' }],
  } as unknown as JourneyDocument;
  return validateJourney(doc).filter((p) => p.nodeId === 'r');
}

describe('validation messages name the field, in both languages', () => {
  it('a missing coupon id', () => {
    expect(withReward({ type: 'coupon', couponId: '', value: 10 })).toEqual([
      expect.objectContaining({ path: 'nodes.1.config.reward.couponId', message: 'Coupon id is required', messageZh: '请填写优惠券编号' }),
    ]);
    // Blank is as missing as empty.
    expect(withReward({ type: 'coupon', couponId: '   ', value: 10 })[0]?.messageZh).toBe('请填写优惠券编号');
  });

  it('0 is a valid coupon value (exchange coupons), a negative one names the field and the real bound', () => {
    expect(withReward({ type: 'coupon', couponId: 'GIFT', value: 0 })).toEqual([]);
    expect(withReward({ type: 'coupon', couponId: 'GIFT', value: -5 })).toEqual([
      expect.objectContaining({ message: 'Coupon value must be at least 0', messageZh: '优惠券面额不能小于 0' }),
    ]);
  });

  it('a positive-only number says "greater than 0", never "cannot be less than 0"', () => {
    const [p] = withReward({ type: 'growth', amount: 0 });
    expect(p).toEqual(expect.objectContaining({ message: 'Amount must be greater than 0', messageZh: '发放数量必须大于 0' }));
  });

  it('never shows zod\'s own wording', () => {
    const all = [...withReward({ type: 'coupon' }), ...withReward({ type: 'benefit', benefitId: '' }), ...withReward({ type: 'points', amount: 1.5 })];
    expect(all.length).toBeGreaterThanOrEqual(3);
    for (const p of all) {
      expect(p.message).not.toMatch(/expected|Too small|Invalid input/i);
      expect(p.messageZh).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(all.map((p) => p.messageZh)).toContain('请填写优惠券编号');
    expect(all.map((p) => p.messageZh)).toContain('请填写权益编号');
  });
});
