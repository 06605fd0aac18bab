/**
 * Always-valid inference for a difference θ estimated by θ̂ with variance V:
 * the mixture sequential probability ratio test (mSPRT) with a N(0, τ²)
 * mixing distribution (Johari, Koomen, Pekelis & Walsh, "Peeking at A/B
 * tests", KDD 2017; the method of Optimizely's stats engine):
 *   Λ = √(V / (V + τ²)) · exp(τ² θ̂² / (2 V (V + τ²))).
 * Under H0, Λ is a (approximate, by the CLT) martingale, so by Ville's
 * inequality P(Λ ever ≥ 1/α) ≤ α: p = min(1, 1/Λ) may be read at every look,
 * and the set of θ0 not rejected is a confidence sequence.
 */

export interface SequentialResult {
  /** Always-valid p-value at this look (a caller tracking looks may keep the running minimum). */
  pValue: number;
  /** Always-valid (1 − α) interval for θ. */
  ci: { low: number; high: number };
}

export function msprt(estimate: number, variance: number, tau: number, alpha = 0.05): SequentialResult {
  if (!(tau > 0)) throw new RangeError(`mSPRT needs a mixing scale τ > 0 (got ${tau})`);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1) (got ${alpha})`);
  if (!(variance > 0) || !Number.isFinite(estimate)) return { pValue: 1, ci: { low: -Infinity, high: Infinity } };
  const t2 = tau * tau;
  const logLambda = 0.5 * Math.log(variance / (variance + t2)) + (t2 * estimate * estimate) / (2 * variance * (variance + t2));
  const half = Math.sqrt(((variance * (variance + t2)) / t2) * (Math.log((variance + t2) / variance) - 2 * Math.log(alpha)));
  return { pValue: Math.min(1, Math.exp(-logLambda)), ci: { low: estimate - half, high: estimate + half } };
}

/** Difference of two proportions (treatment − control) as mSPRT inputs: θ̂ and its unpooled variance. */
export function proportionDifference(s1: number, n1: number, s0: number, n0: number): { estimate: number; variance: number } {
  const p1 = s1 / n1;
  const p0 = s0 / n0;
  return { estimate: p1 - p0, variance: (p1 * (1 - p1)) / n1 + (p0 * (1 - p0)) / n0 };
}

/**
 * The mixing scale: the smallest effect worth finding. The test is most
 * powerful near effects of size τ; the absolute minimum detectable effect
 * (base rate × relative MDE) is that size, floored so a zero base rate still works.
 */
export function mixingScale(baseRate: number, relativeMde: number): number {
  return Math.max(baseRate * relativeMde, 1e-4);
}
