import { describe, expect, it } from 'vitest';
import { probabilityToBeBest } from './best';
import { fisherExact, needsExactTest, sampleRatioMismatch, twoProportionPValue } from './classic';
import { benjaminiHochberg, holm } from './multiple';
import { remainingSample, requiredSamplePerArm } from './power';
import { cuped, summarise, welch } from './revenue';
import { msprt } from './sequential';
import { betaCdf, chiSquareUpper, twoSidedP } from './tails';

// Reference values below were computed independently with SciPy 1.17 (python3):
// scipy.special.erfc / betainc, scipy.stats.chi2.sf, chisquare, fisher_exact,
// false_discovery_control, ttest_ind(equal_var=False).confidence_interval, and
// P(best) by scipy.integrate.quad of beta.pdf · Π beta.cdf over 400 pieces of
// ±40 sd around the arm's posterior (epsrel 1e-12). The script is quoted per case.
const close = (actual: number, expected: number, relative: number) => expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(relative);

describe('complementary tails (no underflow)', () => {
  it('two-sided normal p-values far out: erfc(z/√2)', () => {
    // scipy.special.erfc(10/2**.5), erfc(20/2**.5)
    close(twoSidedP(10), 1.5239706048321166e-23, 1e-12);
    close(twoSidedP(20), 5.5072482372126244e-89, 1e-12);
    close(twoSidedP(1), 0.31731050786291415, 1e-12);
  });
  it('chi-square upper tail: chi2.sf', () => {
    close(chiSquareUpper(100, 1), 1.5239706048320995e-23, 1e-10);
    close(chiSquareUpper(3, 3), 0.3916251762710877, 1e-12);
    close(chiSquareUpper(500, 4), 6.69966744100855e-107, 1e-10);
    close(chiSquareUpper(2, 10), 0.9963401531726563, 1e-12);
  });
  it('incomplete beta where jStat.ibeta stops early: betainc', () => {
    close(betaCdf(0.1001, 1_000_001, 9_000_001), 0.8538795511954558, 1e-8);
    close(betaCdf(0.3, 2.5, 4), 0.3521975859067672, 1e-12);
    close(betaCdf(1e-5, 4, 99_998), 0.018988156872066203, 1e-9);
  });
});

describe('probability to be best', () => {
  it('narrow posteriors: 1,000,000 vs 1,002,000 of 10,000,000 gives the control 0.068, not 0.025', () => {
    const t = Date.now();
    const [control, b] = probabilityToBeBest([{ assigned: 10_000_000, reached: 1_000_000 }, { assigned: 10_000_000, reached: 1_002_000 }]);
    close(control, 0.068105585180181, 1e-6);
    close(b, 1 - 0.068105585180181, 1e-7);
    expect(Date.now() - t).toBeLessThan(3000);
  });
  it('tiny rates: 3 vs 12 of 100,000 gives the control 0.0106, not 0.00002', () => {
    const [control, b] = probabilityToBeBest([{ assigned: 100_000, reached: 3 }, { assigned: 100_000, reached: 12 }]);
    close(control, 0.010632876718135384, 1e-8);
    close(b, 0.9893671232818656, 1e-9);
  });
  it('three and four arms by adaptive integration', () => {
    const tiny = probabilityToBeBest([{ assigned: 100_000, reached: 3 }, { assigned: 100_000, reached: 12 }, { assigned: 100_000, reached: 12 }]);
    [0.0019838872932454437, 0.4990080563533833, 0.4990080563533833].forEach((p, i) => close(tiny[i], p, 1e-7));
    const big = probabilityToBeBest([
      { assigned: 10_000_000, reached: 1_000_000 },
      { assigned: 10_000_000, reached: 1_002_000 },
      { assigned: 10_000_000, reached: 1_001_000 },
    ]);
    [0.040667867708438186, 0.7443803517320184, 0.21495178055955141].forEach((p, i) => close(big[i], p, 1e-6));
    const four = probabilityToBeBest([100, 120, 90, 130].map((reached) => ({ assigned: 1000, reached })));
    [0.007613057756278434, 0.2470093912778068, 0.0005303287401211788, 0.7448472222257938].forEach((p, i) => close(four[i], p, 1e-7));
  });
  it('refuses impossible counts with a clear error', () => {
    expect(() => probabilityToBeBest([{ assigned: 10, reached: 11 }, { assigned: 10, reached: 1 }])).toThrow(/reached \(11\) cannot exceed assigned \(10\)/);
  });
});

describe('classic tests', () => {
  it('z-test p for 1,000 vs 1,400 of 10,000 is 3.2e-18, not 0', () => {
    // 2 * scipy.stats.norm.sf(|z|) with the pooled SE
    close(twoProportionPValue(1000, 10_000, 1400, 10_000), 3.2071825619971088e-18, 1e-9);
    expect(() => twoProportionPValue(0, 0, 1, 10)).toThrow(/members in both groups/);
  });
  it("Fisher's exact test: fisher_exact", () => {
    close(fisherExact(0, 50, 4, 50), 0.11746329272102468, 1e-9);
    close(fisherExact(7, 20, 2, 25), 0.056702522386016446, 1e-9);
    close(fisherExact(3, 100_000, 12, 100_000), 0.035149585128202855, 1e-8);
    expect(needsExactTest(0, 50, 4, 50)).toBe(true);
    expect(needsExactTest(250, 1000, 200, 1000)).toBe(false);
  });
  it('SRM: p for 500,000 vs 510,000 is 2.5e-23, not 0; zero-weight traffic flagged; mismatched inputs refused', () => {
    const big = sampleRatioMismatch([500_000, 510_000], [50, 50]);
    close(big.pValue, 2.5124252526053247e-23, 1e-8);
    expect(big.mismatch).toBe(true);
    // chisquare([3000, 3300, 3600], [3300]*3)
    close(sampleRatioMismatch([3000, 3300, 3600], [1, 1, 1]).pValue, 1.4308860148391229e-12, 1e-8);
    const zero = sampleRatioMismatch([500, 500, 7], [50, 50, 0]);
    expect(zero).toMatchObject({ mismatch: true, zeroWeightTraffic: [2] });
    expect(Number.isFinite(zero.chiSquare) && Number.isFinite(zero.pValue)).toBe(true);
    expect(sampleRatioMismatch([500, 500, 0], [50, 50, 0]).mismatch).toBe(false);
    expect(() => sampleRatioMismatch([1, 2, 3], [1, 1])).toThrow(/one weight per arm \(got 3 counts and 2 weights\)/);
    expect(() => sampleRatioMismatch([1, 2], [1, -1])).toThrow(/weights\[1\]/);
  });
});

describe('multiple comparisons', () => {
  it('Holm (by its definition) and Benjamini–Hochberg (false_discovery_control)', () => {
    const ps = [0.01, 0.04, 0.03, 0.005, 0.2];
    holm(ps).forEach((p, i) => expect(p).toBeCloseTo([0.04, 0.09, 0.09, 0.025, 0.2][i], 12));
    benjaminiHochberg(ps).forEach((p, i) => expect(p).toBeCloseTo([0.025, 0.05, 0.05, 0.025, 0.2][i], 12));
  });
});

describe('always-valid mSPRT', () => {
  it('matches the closed form Λ = √(V/(V+τ²))·exp(τ²θ̂²/(2V(V+τ²)))', () => {
    // numpy: theta 0.02, V 1e-4, tau 0.01, alpha 0.05
    const r = msprt(0.02, 1e-4, 0.01);
    close(r.pValue, 0.5202600950228888, 1e-12);
    close(r.ci.high - 0.02, 0.03656394871363849, 1e-12);
    expect(msprt(0, 0, 0.01).pValue).toBe(1);
  });
});

describe('power with weights and arms', () => {
  it('Fleiss formula with allocation at α/(arms−1); the 90/10 design checked by Monte Carlo', () => {
    // scipy.stats.norm.ppf in the same formula, written separately in numpy
    expect(requiredSamplePerArm({ baseRate: 0.1, weights: [50, 50], controlIndex: 0 })).toEqual([14751, 14751]);
    expect(requiredSamplePerArm({ baseRate: 0.1, weights: [90, 10], controlIndex: 0 })).toEqual([72738, 8082]);
    expect(requiredSamplePerArm({ baseRate: 0.1, weights: [10, 90], controlIndex: 0 })).toEqual([8302, 74718]);
    expect(requiredSamplePerArm({ baseRate: 0.1, weights: [1, 1, 1], controlIndex: 0 })).toEqual([17864, 17864, 17864]);
    // 20,000 simulated 90/10 experiments at these sizes (numpy default_rng(1)) rejected 79.7% of the time: the power asked for.
    expect(requiredSamplePerArm({ baseRate: 0, weights: [1, 1], controlIndex: 0 })).toBeNull();
  });
  it('members still needed and when, at the recent rate', () => {
    const r = remainingSample([1000, 1000], [400, 600], 100, 0);
    expect(r.perArm).toEqual([600, 400]);
    // 600 more in an arm that gets half of 100 a day: 12 days
    expect(r.expectedAt).toBe(12 * 86_400_000);
    expect(remainingSample([10, 10], [3, 3], 0, 0).expectedAt).toBeNull();
  });
});

describe('revenue', () => {
  it("Welch's interval and p: ttest_ind(equal_var=False)", () => {
    const x = [12.0, 0, 0, 35.5, 8.25, 0, 19.9, 0, 44.0, 5.0, 0, 27.3];
    const y = [0, 3.5, 0, 0, 10.0, 0, 7.75, 0, 0, 15.0, 2.0];
    const r = welch(summarise(x), summarise(y))!;
    close(r.difference, 9.185227272727275, 1e-12);
    close(r.pValue, 0.07396421562942519, 1e-8);
    close(r.df, 13.61373820449473, 1e-10);
    close(r.ci.low, -1.0198527037285974, 1e-7);
    close(r.ci.high, 19.390307249183145, 1e-8);
  });
  it('CUPED: θ = cov(X,Y)/var(X), variance reduction 1 − var(Y′)/var(Y) (numpy)', () => {
    const Y = [[10, 0, 25, 5, 0, 40, 12, 8], [4, 0, 18, 2, 0, 30, 9, 1]];
    const X = [[8, 1, 20, 6, 0, 35, 10, 5], [5, 0, 22, 3, 1, 28, 12, 0]];
    const r = cuped(Y.map((outcome, i) => ({ outcome, covariate: X[i] })));
    close(r.theta, 1.092290377039955, 1e-12);
    close(r.varianceReduction, 0.9623856658350216, 1e-12);
    const diff = summarise(r.adjusted[0]).mean - summarise(r.adjusted[1]).mean;
    close(diff, 2.5884918401800796, 1e-12);
    close(welch(summarise(r.adjusted[0]), summarise(r.adjusted[1]))!.pValue, 0.022772925598803014, 1e-7);
    expect(() => cuped([{ outcome: [1, 2], covariate: [1] }])).toThrow(/2 outcomes but 1 covariates/);
  });
});
