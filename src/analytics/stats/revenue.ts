import { jStat } from 'jstat';

export interface Summary {
  n: number;
  mean: number;
  /** Sample variance (n − 1 denominator). */
  variance: number;
}

export function summarise(values: number[]): Summary {
  const n = values.length;
  if (n === 0) return { n, mean: 0, variance: 0 };
  const mean = values.reduce((s, x) => s + x, 0) / n;
  const variance = n > 1 ? values.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1) : 0;
  return { n, mean, variance };
}

export interface WelchResult {
  difference: number;
  standardError: number;
  df: number;
  ci: { low: number; high: number };
  pValue: number;
}

/** Welch's unequal-variance t-test and interval for mean(treatment) − mean(control), with the Welch–Satterthwaite df. */
export function welch(treatment: Summary, control: Summary, alpha = 0.05): WelchResult | null {
  if (treatment.n < 2 || control.n < 2) return null;
  const a = treatment.variance / treatment.n;
  const b = control.variance / control.n;
  const se = Math.sqrt(a + b);
  const difference = treatment.mean - control.mean;
  if (se === 0) return { difference, standardError: 0, df: treatment.n + control.n - 2, ci: { low: difference, high: difference }, pValue: difference === 0 ? 1 : 0 };
  const df = (a + b) ** 2 / (a ** 2 / (treatment.n - 1) + b ** 2 / (control.n - 1));
  const t = jStat.studentt.inv(1 - alpha / 2, df);
  // The lower tail directly (jStat computes it from the incomplete beta), so a large |t| does not round p to 0.
  const pValue = Math.min(1, 2 * jStat.studentt.cdf(-Math.abs(difference / se), df));
  return { difference, standardError: se, df, ci: { low: difference - t * se, high: difference + t * se }, pValue };
}

export interface CupedResult {
  /** cov(X, Y) / var(X), pooled over all arms. */
  theta: number;
  /** Share of the outcome's variance removed: 1 − var(Y_cuped) / var(Y). */
  varianceReduction: number;
  /** Each arm's outcomes adjusted: Y − θ (X − mean X). */
  adjusted: number[][];
}

/**
 * CUPED (Deng, Xu, Kohavi & Walker, WSDM 2013): adjust each member's outcome Y
 * by a pre-experiment covariate X (here, spend in the 30 days before entry).
 * Assignment is independent of X, so the mean difference is unchanged in
 * expectation while its variance shrinks by the squared correlation.
 */
export function cuped(arms: { outcome: number[]; covariate: number[] }[]): CupedResult {
  for (const [i, arm] of arms.entries()) {
    if (arm.outcome.length !== arm.covariate.length) throw new RangeError(`CUPED arm ${i}: ${arm.outcome.length} outcomes but ${arm.covariate.length} covariates`);
  }
  const ys = arms.flatMap((a) => a.outcome);
  const xs = arms.flatMap((a) => a.covariate);
  const n = ys.length;
  const mx = xs.reduce((s, x) => s + x, 0) / (n || 1);
  const my = ys.reduce((s, y) => s + y, 0) / (n || 1);
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i] - mx) ** 2;
    sxy += (xs[i] - mx) * (ys[i] - my);
    syy += (ys[i] - my) ** 2;
  }
  const theta = sxx > 0 ? sxy / sxx : 0;
  const adjusted = arms.map((a) => a.outcome.map((y, i) => y - theta * (a.covariate[i] - mx)));
  const syyAdjusted = adjusted.flat().reduce((s, y) => s + (y - my) ** 2, 0);
  return { theta, varianceReduction: syy > 0 ? 1 - syyAdjusted / syy : 0, adjusted };
}
