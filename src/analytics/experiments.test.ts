import { describe, expect, it } from 'vitest';
import { analyseExperiment, newcombe, probabilityToBeBest, requiredSamplePerVariant, sampleRatioMismatch, twoProportionPValue, wilson } from './experiments';

describe('experiment statistics against published reference values', () => {
  it('Wilson interval (Newcombe 1998, Table I: 81/263 → 0.2553 to 0.3662)', () => {
    const ci = wilson(81, 263);
    expect(ci.low).toBeCloseTo(0.2553, 4);
    expect(ci.high).toBeCloseTo(0.3662, 4);
  });

  it('Newcombe hybrid score interval for a difference (Newcombe 1998, Table II: 56/70 − 48/80 → 0.0524 to 0.3339)', () => {
    const ci = newcombe(56, 70, 48, 80);
    expect(ci.low).toBeCloseTo(0.0524, 4);
    expect(ci.high).toBeCloseTo(0.3339, 4);
  });

  it('two-proportion z-test: 250/1000 vs 200/1000 → z = 2.6774, p = 0.00742', () => {
    // pooled p = 0.225, SE = sqrt(0.225 · 0.775 · 2/1000) = 0.018675, z = 0.05 / SE
    expect(twoProportionPValue(250, 1000, 200, 1000)).toBeCloseTo(0.00742, 4);
    expect(twoProportionPValue(10, 100, 10, 100)).toBe(1);
  });

  it('flags a sample ratio mismatch only when the split is really skewed', () => {
    // 5,000 vs 5,000 expected; 5,300 / 4,700 gives χ² = 2·300²/5000 = 36, p ≈ 2e-9
    const skewed = sampleRatioMismatch([5300, 4700], [50, 50]);
    expect(skewed.chiSquare).toBeCloseTo(36, 6);
    expect(skewed.mismatch).toBe(true);
    expect(sampleRatioMismatch([5030, 4970], [50, 50]).mismatch).toBe(false);
    expect(sampleRatioMismatch([2050, 7950], [20, 80]).mismatch).toBe(false);
  });

  it('probability to be best: symmetric when equal, near 1 for a clear winner', () => {
    const [a, b] = probabilityToBeBest([{ assigned: 500, reached: 50 }, { assigned: 500, reached: 50 }]);
    expect(a).toBeCloseTo(0.5, 2);
    expect(b).toBeCloseTo(0.5, 2);
    const [lo, hi] = probabilityToBeBest([{ assigned: 1000, reached: 100 }, { assigned: 1000, reached: 160 }]);
    expect(hi).toBeGreaterThan(0.999);
    expect(lo + hi).toBeCloseTo(1, 6);
  });

  it('sample size for 10% → 11% at α 0.05, power 0.8 is about 14,751 per group', () => {
    expect(requiredSamplePerVariant(0.1)).toBeGreaterThan(14_700);
    expect(requiredSamplePerVariant(0.1)).toBeLessThan(14_800);
  });

  it('puts it together with uplift against the control and a plain verdict', () => {
    const r = analyseExperiment([
      { key: 'coupon', assigned: 1000, reached: 250, weight: 50 },
      { key: 'control', assigned: 1000, reached: 200, weight: 50, control: true },
    ]);
    const coupon = r.variants[0];
    expect(coupon.vsControl?.absolute).toBeCloseTo(0.05, 10);
    expect(coupon.vsControl?.relative).toBeCloseTo(0.25, 10);
    expect(coupon.vsControl?.significant).toBe(true);
    expect(coupon.probabilityBest).toBeGreaterThan(0.99);
    expect(r.srm.mismatch).toBe(false);
    expect(r.verdict.en).toContain('statistically significant');
    expect(r.verdict.zh).toContain('差异显著');
  });
});
