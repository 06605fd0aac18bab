import { cuped, summarise, welch, type WelchResult } from './stats/revenue';
import { msprt } from './stats/sequential';

/** One arm's members: revenue after entry (sum of the goal event's `properties.amount`) and spend in the 30 days before it (the CUPED covariate). */
export interface RevenueInput {
  outcome: number[];
  covariate: number[];
}

export interface RevenueResult {
  arms: { key: string; members: number; sum: number; mean: number }[];
  comparisons: {
    key: string;
    /** Welch on raw revenue per member. */
    raw: WelchResult | null;
    /** Welch on CUPED-adjusted revenue: the same difference in expectation, a narrower interval. */
    cuped: WelchResult | null;
    /** Always-valid interval and p on the CUPED-adjusted difference. */
    sequential: { pValue: number; ci: { low: number; high: number }; significant: boolean } | null;
    /** Benjamini–Hochberg q across every metric and arm shown (set by `analyseExperiment`, which holds conversion too). */
    qValue: number | null;
  }[];
  theta: number;
  /** Share of variance CUPED removed (the squared correlation of pre-period spend with revenue). */
  varianceReduction: number;
}

/** Revenue per member by arm against the control, raw and with CUPED. */
export function analyseRevenue(keys: string[], controlKey: string, input: Record<string, RevenueInput>, relativeMde: number, alpha: number): RevenueResult {
  const arms = keys.map((key) => ({ key, ...(input[key] ?? { outcome: [], covariate: [] }) }));
  const adjusted = cuped(arms.map((a) => ({ outcome: a.outcome, covariate: a.covariate })));
  const control = keys.indexOf(controlKey);
  const controlRaw = summarise(arms[control].outcome);
  const controlAdjusted = summarise(adjusted.adjusted[control]);
  const pooledMean = summarise(arms.flatMap((a) => a.outcome)).mean;
  const comparisons = arms.flatMap((a, i) => {
    if (i === control) return [];
    const raw = welch(summarise(a.outcome), controlRaw, alpha);
    const adj = welch(summarise(adjusted.adjusted[i]), controlAdjusted, alpha);
    // The mixing scale is the smallest lift worth finding, in money: relative MDE × the mean revenue of everyone compared
    // (as conversion uses the pooled rate: a small, noisy control would otherwise set it).
    const tau = Math.max(pooledMean * relativeMde, 1e-6);
    const seq = adj ? msprt(adj.difference, adj.standardError ** 2, tau, alpha / Math.max(1, keys.length - 1)) : null;
    return [{ key: a.key, raw, cuped: adj, sequential: seq ? { ...seq, significant: seq.ci.low > 0 || seq.ci.high < 0 } : null, qValue: null as number | null }];
  });
  return {
    arms: arms.map((a) => {
      const sum = a.outcome.reduce((s, x) => s + x, 0);
      return { key: a.key, members: a.outcome.length, sum, mean: a.outcome.length ? sum / a.outcome.length : 0 };
    }),
    comparisons,
    theta: adjusted.theta,
    varianceReduction: adjusted.varianceReduction,
  };
}
