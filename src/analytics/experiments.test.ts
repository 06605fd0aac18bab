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
    // Classic p = 0.0074, but one look at a fixed horizon is not how the report is read: the always-valid p
    // (mSPRT, τ = 10% of the pooled rate) is 0.186 here, so no winner is offered yet.
    expect(coupon.vsControl?.significant).toBe(true);
    expect(coupon.vsControl?.sequential.pValue).toBeCloseTo(0.186, 2);
    expect(coupon.vsControl?.direction).toBe('inconclusive');
    expect(coupon.probabilityBest).toBeGreaterThan(0.99);
    expect(r.srm.mismatch).toBe(false);
    expect(r.decision).toMatchObject({ state: 'keep_running', candidate: null });
    expect(r.verdict.en).toContain('+5.0 percentage points');
    expect(r.verdict.en).toContain('Keep the test running and do not declare a winner');
    expect(r.verdict.zh).toContain('请继续实验');
    expect(r.verdict.zh).toContain('+5.0 个百分点');
  });
});

describe('what the report decides (issue #16 cases)', () => {
  const arm = (key: string, assigned: number, reached: number, control = false) => ({ key, assigned, reached, weight: 1, control });

  it("0/50 vs 4/50: Fisher's exact p = 0.117 (scipy fisher_exact), not a z-test 'significant'", () => {
    const r = analyseExperiment([arm('A', 50, 0, true), arm('B', 50, 4)]);
    const b = r.variants[1].vsControl!;
    expect(b.test).toBe('fisher');
    expect(b.pValue).toBeCloseTo(0.11746329272102468, 9);
    expect(b.significant).toBe(false);
    expect(r.decision.state).toBe('keep_running');
    expect(r.verdict.en).not.toMatch(/significant \(/);
  });

  it('a significantly worse treatment gets a harm warning; if all are worse, the control may be kept', () => {
    const worse = analyseExperiment([arm('A', 1000, 300, true), arm('B', 1000, 200)]);
    expect(worse.variants[1].vsControl!.direction).toBe('worse');
    expect(worse.decision).toMatchObject({ state: 'ready', candidate: 'A', harmed: ['B'] });
    const mixed = analyseExperiment([arm('A', 1000, 300, true), arm('B', 1000, 200), arm('C', 1000, 305)]);
    expect(mixed.decision).toMatchObject({ state: 'harm', candidate: null, harmed: ['B'] });
    expect(mixed.verdict.en).toContain('Warning: B does significantly worse than A');
    expect(mixed.verdict.zh).toContain('警告:B 明显差于对照组 A');
  });

  it('several arms: Holm across the comparisons (D at p = 0.018 alone is not significant among three)', () => {
    const r = analyseExperiment([arm('A', 1000, 100, true), arm('B', 1000, 105), arm('C', 1000, 98), arm('D', 1000, 134)]);
    const d = r.variants[3].vsControl!;
    expect(d.pValue).toBeLessThan(0.05);
    expect(d.adjustedP).toBeCloseTo(Math.min(1, 3 * d.pValue), 12);
    expect(d.significant).toBe(false);
    expect(r.decision.candidate).toBeNull();
  });

  it('a declared winner is not offered again', () => {
    const r = analyseExperiment([arm('A', 1000, 100, true), arm('B', 1000, 200)], { winner: 'B' });
    expect(r.decision).toMatchObject({ state: 'declared', winner: 'B', candidate: null });
    expect(r.verdict.en).toContain('was declared the winner');
  });

  it('a clear winner by the always-valid interval is offered, in percentage points with relative lift apart', () => {
    const r = analyseExperiment([arm('A', 5000, 500, true), arm('B', 5000, 700)]);
    const b = r.variants[1].vsControl!;
    expect(b.sequential.ci.low).toBeGreaterThan(0);
    expect(r.decision).toMatchObject({ state: 'ready', candidate: 'B' });
    expect(r.verdict.en).toContain('+4.0 percentage points');
    expect(r.verdict.en).toContain('a relative lift of +40.0%');
    expect(r.verdict.zh).toContain('相对提升 +40.0%');
  });

  it('small rates get more decimals; tiny-rate P(best) is not "100%"', () => {
    const r = analyseExperiment([arm('A', 100_000, 3, true), arm('B', 100_000, 12)]);
    expect(r.verdict.en).toContain('0.0120% vs 0.0030%');
    expect(r.variants[0].probabilityBest).toBeCloseTo(0.010632876718135384, 8);
  });

  it('refuses impossible input naming the variant; zero-weight traffic is an SRM warning', () => {
    expect(() => analyseExperiment([arm('A', 10, 11, true), arm('B', 10, 1)])).toThrow(/variant "A": reached \(11\) cannot exceed assigned \(10\)/);
    const r = analyseExperiment([arm('A', 500, 50, true), arm('B', 500, 60), { key: 'C', assigned: 9, reached: 1, weight: 0 }]);
    expect(r.srm.zeroWeightTraffic).toEqual([2]);
    expect(r.decision.state).toBe('srm');
    expect(r.verdict.en).toContain('members landed in C, which has weight 0');
  });

  it('power: members still needed per arm and an expected date from the recent rate', () => {
    const r = analyseExperiment([{ ...arm('A', 1000, 100, true), weight: 90 }, { ...arm('B', 200, 22), weight: 10 }], { membersPerDay: 500, now: 0 });
    // Fleiss with allocation (see stats.test.ts): 90/10 at 10% → 11% needs 72,738 and 8,082
    expect(r.power.requiredPerArm).toEqual([72738, 8082]);
    expect(r.power.remainingPerArm).toEqual([71738, 7882]);
    expect(r.power.expectedAt).toBeGreaterThan(0);
  });
});
