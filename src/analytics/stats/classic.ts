import { jStat } from 'jstat';
import { chiSquareUpper, twoSidedP } from './tails';

/** Two-sided p-value of the pooled two-proportion z-test, from the complementary normal tail. */
export function twoProportionPValue(s1: number, n1: number, s2: number, n2: number): number {
  if (!(n1 > 0) || !(n2 > 0)) throw new RangeError(`two-proportion test needs members in both groups (got n1 = ${n1}, n2 = ${n2})`);
  if (s1 > n1 || s2 > n2) throw new RangeError(`reached cannot exceed assigned (got ${s1}/${n1}, ${s2}/${n2})`);
  const pooled = (s1 + s2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return 1;
  return twoSidedP((s1 / n1 - s2 / n2) / se);
}

/**
 * Fisher's exact test, two-sided, for s1/n1 vs s2/n2: the probability under
 * the hypergeometric null of a table no more likely than the observed one
 * (the same rule as R's fisher.test and scipy, with a 1e-7 relative tolerance for ties).
 */
export function fisherExact(s1: number, n1: number, s2: number, n2: number): number {
  if (!(n1 > 0) || !(n2 > 0)) throw new RangeError(`Fisher's exact test needs members in both groups (got n1 = ${n1}, n2 = ${n2})`);
  const total = n1 + n2;
  const successes = s1 + s2;
  const lo = Math.max(0, n1 - (total - successes));
  const hi = Math.min(n1, successes);
  const pmf = (k: number) => jStat.hypgeom.pdf(k, total, successes, n1) as number;
  const observed = pmf(s1) * (1 + 1e-7);
  let p = 0;
  for (let k = lo; k <= hi; k++) {
    const q = pmf(k);
    if (q <= observed) p += q;
  }
  return Math.min(1, p);
}

/** Cochran's rule: the normal approximation is poor when an expected cell count of the 2×2 table is below 5. */
export function needsExactTest(s1: number, n1: number, s2: number, n2: number): boolean {
  const total = n1 + n2;
  const successes = s1 + s2;
  const failures = total - successes;
  return Math.min(n1, n2) * Math.min(successes, failures) / total < 5;
}

export interface SrmResult {
  chiSquare: number;
  pValue: number;
  mismatch: boolean;
  /** Arms configured with weight 0 that nevertheless received members (by index): always a mismatch. */
  zeroWeightTraffic: number[];
}

/**
 * Sample ratio mismatch: chi-square goodness of fit of the assignment counts
 * against the configured weights. A zero-weight arm with traffic is a
 * mismatch whatever the test says (its expected count is 0: χ² would be infinite).
 */
export function sampleRatioMismatch(counts: number[], weights: number[], threshold = 0.001): SrmResult {
  if (counts.length !== weights.length) throw new RangeError(`SRM needs one weight per arm (got ${counts.length} counts and ${weights.length} weights)`);
  for (const [i, w] of weights.entries()) if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`SRM: weights[${i}] must be a finite number ≥ 0 (got ${w})`);
  for (const [i, c] of counts.entries()) if (!Number.isInteger(c) || c < 0) throw new RangeError(`SRM: counts[${i}] must be a whole number ≥ 0 (got ${c})`);
  const zeroWeightTraffic = counts.flatMap((c, i) => (weights[i] === 0 && c > 0 ? [i] : []));
  const live = counts.map((c, i) => ({ c, w: weights[i] })).filter((x) => x.w > 0);
  const total = live.reduce((s, x) => s + x.c, 0);
  const weightSum = live.reduce((s, x) => s + x.w, 0);
  if (live.length < 2 || total === 0) return { chiSquare: 0, pValue: 1, mismatch: zeroWeightTraffic.length > 0, zeroWeightTraffic };
  const chiSquare = live.reduce((s, x) => {
    const expected = (total * x.w) / weightSum;
    return s + (x.c - expected) ** 2 / expected;
  }, 0);
  const pValue = chiSquareUpper(chiSquare, live.length - 1);
  return { chiSquare, pValue, mismatch: pValue < threshold || zeroWeightTraffic.length > 0, zeroWeightTraffic };
}
