import { jStat } from 'jstat';

export interface VariantCounts {
  key: string;
  assigned: number;
  reached: number;
  weight: number;
  control?: boolean;
}

export interface Interval {
  low: number;
  high: number;
}

export interface VariantResult extends VariantCounts {
  rate: number;
  rateCi: Interval;
  /** Against the control; absent for the control itself or without one. */
  vsControl?: { absolute: number; absoluteCi: Interval; relative: number | null; relativeCi: Interval | null; pValue: number; significant: boolean };
  probabilityBest: number;
}

export interface ExperimentResult {
  variants: VariantResult[];
  control: string | null;
  srm: { chiSquare: number; pValue: number; mismatch: boolean };
  /** Members per variant needed to detect a 10 % relative lift at α = 0.05 with 80 % power. */
  samplePerVariant: number | null;
  verdict: { en: string; zh: string };
}

const Z95 = jStat.normal.inv(0.975, 0, 1);

/** Wilson score interval for a proportion. */
export function wilson(successes: number, n: number, z = Z95): Interval {
  if (n === 0) return { low: 0, high: 1 };
  const p = successes / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Newcombe's hybrid score interval (method 10) for p1 − p2. */
export function newcombe(s1: number, n1: number, s2: number, n2: number): Interval {
  const p1 = s1 / n1;
  const p2 = s2 / n2;
  const a = wilson(s1, n1);
  const b = wilson(s2, n2);
  const d = p1 - p2;
  return {
    low: d - Math.sqrt((p1 - a.low) ** 2 + (b.high - p2) ** 2),
    high: d + Math.sqrt((a.high - p1) ** 2 + (p2 - b.low) ** 2),
  };
}

/** Two-sided p-value of the pooled two-proportion z-test. */
export function twoProportionPValue(s1: number, n1: number, s2: number, n2: number): number {
  if (n1 === 0 || n2 === 0) return 1;
  const pooled = (s1 + s2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return 1;
  const z = (s1 / n1 - s2 / n2) / se;
  return 2 * (1 - jStat.normal.cdf(Math.abs(z), 0, 1));
}

/** Relative lift (p1 / p2 − 1) with a log-ratio (Katz) interval. */
export function relativeLift(s1: number, n1: number, s2: number, n2: number): { lift: number | null; ci: Interval | null } {
  if (s1 === 0 || s2 === 0 || n1 === 0 || n2 === 0) return { lift: s2 > 0 && n1 > 0 && n2 > 0 ? s1 / n1 / (s2 / n2) - 1 : null, ci: null };
  const ratio = s1 / n1 / (s2 / n2);
  const se = Math.sqrt(1 / s1 - 1 / n1 + 1 / s2 - 1 / n2);
  return { lift: ratio - 1, ci: { low: Math.exp(Math.log(ratio) - Z95 * se) - 1, high: Math.exp(Math.log(ratio) + Z95 * se) - 1 } };
}

/** Chi-square goodness of fit of the assignment counts against the configured weights (sample ratio mismatch). */
export function sampleRatioMismatch(counts: number[], weights: number[]): { chiSquare: number; pValue: number; mismatch: boolean } {
  const total = counts.reduce((s, c) => s + c, 0);
  const weightSum = weights.reduce((s, w) => s + w, 0);
  if (total === 0 || counts.length < 2) return { chiSquare: 0, pValue: 1, mismatch: false };
  const chiSquare = counts.reduce((s, c, i) => {
    const expected = (total * weights[i]) / weightSum;
    return s + (c - expected) ** 2 / expected;
  }, 0);
  const pValue = 1 - jStat.chisquare.cdf(chiSquare, counts.length - 1);
  return { chiSquare, pValue, mismatch: pValue < 0.001 };
}

/**
 * P(each variant has the highest rate) under Beta(1 + reached, 1 + missed)
 * posteriors, by numerical integration: deterministic, no sampling noise.
 */
export function probabilityToBeBest(variants: { assigned: number; reached: number }[], steps = 2000): number[] {
  const params = variants.map((v) => [1 + v.reached, 1 + Math.max(0, v.assigned - v.reached)] as const);
  const out = variants.map(() => 0);
  for (let s = 0; s < steps; s++) {
    const x = (s + 0.5) / steps;
    const cdfs = params.map(([a, b]) => jStat.beta.cdf(x, a, b));
    params.forEach(([a, b], i) => {
      let others = 1;
      for (let j = 0; j < params.length; j++) if (j !== i) others *= cdfs[j];
      out[i] += (jStat.beta.pdf(x, a, b) * others) / steps;
    });
  }
  const total = out.reduce((s, p) => s + p, 0) || 1;
  return out.map((p) => p / total);
}

/** Members per group for a two-sided test of p vs p·(1 + lift) at α = 0.05, power 0.8. */
export function requiredSamplePerVariant(baseRate: number, lift = 0.1): number | null {
  const p1 = baseRate;
  const p2 = baseRate * (1 + lift);
  if (p1 <= 0 || p2 >= 1) return null;
  const zBeta = jStat.normal.inv(0.8, 0, 1);
  const pBar = (p1 + p2) / 2;
  const n = (Z95 * Math.sqrt(2 * pBar * (1 - pBar)) + zBeta * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 / (p2 - p1) ** 2;
  return Math.ceil(n);
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function analyseExperiment(variants: VariantCounts[]): ExperimentResult {
  const control = variants.find((v) => v.control) ?? null;
  const best = probabilityToBeBest(variants);
  const results: VariantResult[] = variants.map((v, i) => {
    const result: VariantResult = { ...v, rate: v.assigned ? v.reached / v.assigned : 0, rateCi: wilson(v.reached, v.assigned), probabilityBest: best[i] };
    if (control && v !== control && v.assigned > 0 && control.assigned > 0) {
      const pValue = twoProportionPValue(v.reached, v.assigned, control.reached, control.assigned);
      const rel = relativeLift(v.reached, v.assigned, control.reached, control.assigned);
      result.vsControl = {
        absolute: v.reached / v.assigned - control.reached / control.assigned,
        absoluteCi: newcombe(v.reached, v.assigned, control.reached, control.assigned),
        relative: rel.lift,
        relativeCi: rel.ci,
        pValue,
        significant: pValue < 0.05,
      };
    }
    return result;
  });
  const srm = sampleRatioMismatch(
    variants.map((v) => v.assigned),
    variants.map((v) => v.weight),
  );
  const base = control ? (control.assigned ? control.reached / control.assigned : 0) : results[0]?.rate ?? 0;
  return { variants: results, control: control?.key ?? null, srm, samplePerVariant: requiredSamplePerVariant(base), verdict: explain(results, srm, control?.key ?? null) };
}

function explain(results: VariantResult[], srm: ExperimentResult['srm'], control: string | null): { en: string; zh: string } {
  if (srm.mismatch) {
    return {
      en: `Warning: the split does not match the configured weights (p = ${srm.pValue.toExponential(1)}); fix the assignment before trusting any result.`,
      zh: `警告:实际分流比例与配置不符(p = ${srm.pValue.toExponential(1)}),请先排查分流问题再解读结果。`,
    };
  }
  const leader = [...results].sort((a, b) => b.probabilityBest - a.probabilityBest)[0];
  if (!leader) return { en: 'No data yet.', zh: '暂无数据。' };
  const sig = leader.vsControl?.significant;
  if (control && leader.key !== control && leader.vsControl) {
    const d = leader.vsControl;
    return sig
      ? {
          en: `${leader.key} converts at ${pct(leader.rate)} vs ${pct(leader.rate - d.absolute)} for ${control}: ${d.absolute > 0 ? '+' : ''}${pct(d.absolute)} (95% CI ${pct(d.absoluteCi.low)} to ${pct(d.absoluteCi.high)}), p = ${d.pValue.toFixed(4)}. The difference is statistically significant; ${pct(leader.probabilityBest)} chance it is the best variant.`,
          zh: `${leader.key} 转化率 ${pct(leader.rate)},对照组 ${control} 为 ${pct(leader.rate - d.absolute)}:差异 ${pct(d.absolute)}(95% 置信区间 ${pct(d.absoluteCi.low)} 至 ${pct(d.absoluteCi.high)}),p = ${d.pValue.toFixed(4)},差异显著;其为最优方案的概率为 ${pct(leader.probabilityBest)}。`,
        }
      : {
          en: `${leader.key} leads (${pct(leader.rate)}) but the difference from ${control} is not yet significant (p = ${d.pValue.toFixed(3)}). Keep the test running.`,
          zh: `${leader.key} 暂时领先(${pct(leader.rate)}),但与对照组 ${control} 的差异尚不显著(p = ${d.pValue.toFixed(3)}),建议继续测试。`,
        };
  }
  return {
    en: `${leader.key} has a ${pct(leader.probabilityBest)} chance to be the best variant.`,
    zh: `${leader.key} 为最优方案的概率为 ${pct(leader.probabilityBest)}。`,
  };
}

/** The A/B split nodes of a journey document with their configured variants. */
export function experimentsOf(doc: { nodes: { id: string; kind: string; config?: Record<string, unknown> }[] }) {
  return doc.nodes
    .filter((n) => n.kind === 'split.ab')
    .map((n) => {
      const cfg = n.config as { experiment: string; variants: { key: string; weight: number; control?: boolean }[]; winner?: string };
      return { nodeId: n.id, experiment: cfg.experiment, variants: cfg.variants, winner: cfg.winner ?? null };
    });
}
