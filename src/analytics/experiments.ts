import { jStat } from 'jstat';
import { checkArm, probabilityToBeBest } from './stats/best';
import { fisherExact, needsExactTest, sampleRatioMismatch, twoProportionPValue, type SrmResult } from './stats/classic';
import { benjaminiHochberg, holm } from './stats/multiple';
import { remainingSample, requiredSamplePerArm } from './stats/power';
import { mixingScale, msprt, proportionDifference } from './stats/sequential';
import { analyseRevenue, type RevenueInput, type RevenueResult } from './experiment-revenue';
import { explain, type Decision } from './experiment-verdict';
import { getNodeKind } from '@/journey';

export { probabilityToBeBest, sampleRatioMismatch, twoProportionPValue };

export interface VariantCounts {
  key: string;
  /** Members assigned (each member once, in the arm of their first assignment). */
  assigned: number;
  /** Of those, members who reached the goal (once per member). */
  reached: number;
  weight: number;
  control?: boolean;
}

export interface Interval {
  low: number;
  high: number;
}

export interface Comparison {
  /** Difference in rates (treatment − control) as a fraction: ×100 gives percentage points. */
  absolute: number;
  /** Classic (fixed-horizon) 95% interval for the difference: Newcombe's hybrid score. */
  absoluteCi: Interval;
  /** Relative lift (rate / control rate − 1) with its Katz log interval. */
  relative: number | null;
  relativeCi: Interval | null;
  /** Classic p-value: z-test, or Fisher's exact test when a cell is small. Valid only if you look once, at the planned size. */
  pValue: number;
  test: 'z' | 'fisher';
  /** Classic p after Holm's correction across the arms compared with the control. */
  adjustedP: number;
  significant: boolean;
  /** With a revenue metric shown too: Benjamini–Hochberg q-value across every metric and arm (classic p-values). */
  qValue?: number;
  /** Always-valid numbers (mSPRT): safe to read at every look; the interval is at α / (arms − 1). These drive the decision. */
  sequential: { pValue: number; adjustedP: number; ci: Interval; significant: boolean };
  direction: 'better' | 'worse' | 'inconclusive';
}

export interface VariantResult extends VariantCounts {
  rate: number;
  rateCi: Interval;
  /** Against the control; absent for the control itself. */
  vsControl?: Comparison;
  probabilityBest: number;
}

export interface PowerResult {
  relativeMde: number;
  /** Members each arm needs (in `variants` order), for the configured weights and number of arms; null when it cannot be computed. */
  requiredPerArm: number[] | null;
  remainingPerArm: number[] | null;
  membersPerDay: number | null;
  expectedAt: number | null;
}

export interface ExperimentResult {
  variants: VariantResult[];
  control: string | null;
  /** Whether the control was marked in the configuration (otherwise the first variant is the baseline). */
  controlMarked: boolean;
  srm: SrmResult;
  /** The largest number of members an arm needs (kept for older readers; `power` has them per arm). */
  samplePerVariant: number | null;
  power: PowerResult;
  decision: Decision;
  revenue: RevenueResult | null;
  verdict: { en: string; zh: string };
}

export interface AnalysisOptions {
  /** Minimum detectable effect, relative (default 0.1 = 10%). */
  relativeMde?: number;
  alpha?: number;
  /** A winner already declared: the decision says so and offers no second one. */
  winner?: string | null;
  /** Recent members per day entering the experiment, for the expected date. */
  membersPerDay?: number;
  now?: number;
  /** Per variant: each member's revenue (sum of the goal event's `properties.amount`) and their spend in the 30 days before entry. */
  revenue?: Record<string, RevenueInput>;
  /** Used by holdout analyses: the words for the arms in the verdict. */
  subject?: 'experiment' | 'holdout';
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

/** Relative lift (p1 / p2 − 1) with a log-ratio (Katz) interval. */
export function relativeLift(s1: number, n1: number, s2: number, n2: number): { lift: number | null; ci: Interval | null } {
  if (s1 === 0 || s2 === 0 || n1 === 0 || n2 === 0) return { lift: s2 > 0 && n1 > 0 && n2 > 0 ? s1 / n1 / (s2 / n2) - 1 : null, ci: null };
  const ratio = s1 / n1 / (s2 / n2);
  const se = Math.sqrt(1 / s1 - 1 / n1 + 1 / s2 - 1 / n2);
  return { lift: ratio - 1, ci: { low: Math.exp(Math.log(ratio) - Z95 * se) - 1, high: Math.exp(Math.log(ratio) + Z95 * se) - 1 } };
}

/** Members per group for a two-sided test of p vs p·(1 + lift) at α = 0.05, power 0.8 (an even two-arm split). */
export function requiredSamplePerVariant(baseRate: number, lift = 0.1): number | null {
  return requiredSamplePerArm({ baseRate, relativeMde: lift, weights: [1, 1], controlIndex: 0 })?.[0] ?? null;
}

function checkInput(variants: VariantCounts[]): void {
  const seen = new Set<string>();
  variants.forEach((v, i) => {
    if (!v.key) throw new RangeError(`variants[${i}].key is required`);
    if (seen.has(v.key)) throw new RangeError(`variants[${i}].key "${v.key}" appears twice`);
    seen.add(v.key);
    checkArm(v, i, `variant "${v.key}"`);
    if (!(v.weight >= 0) || !Number.isFinite(v.weight)) throw new RangeError(`variant "${v.key}": weight must be a number ≥ 0 (got ${v.weight})`);
  });
  if (variants.filter((v) => v.control).length > 1) throw new RangeError('Only one variant can be the control');
}

/**
 * Everything the report says about one A/B split. Decisions rest on the
 * always-valid (sequential) numbers, so a marketer who looks every day does
 * not ship false winners; the fixed-horizon numbers are kept as "classic".
 */
export function analyseExperiment(variants: VariantCounts[], options: AnalysisOptions = {}): ExperimentResult {
  checkInput(variants);
  const { relativeMde = 0.1, alpha = 0.05, winner = null, now = Date.now() } = options;
  const controlMarked = variants.some((v) => v.control);
  const control = variants.find((v) => v.control) ?? variants[0] ?? null;
  const treatments = variants.filter((v) => v !== control);
  const comparisons = Math.max(1, treatments.length);
  const best = probabilityToBeBest(variants);
  const totalAssigned = variants.reduce((s, v) => s + v.assigned, 0);
  const pooledRate = totalAssigned ? variants.reduce((s, v) => s + v.reached, 0) / totalAssigned : 0;
  const tau = mixingScale(pooledRate, relativeMde);

  const raw = treatments.map((v) => (control && v.assigned > 0 && control.assigned > 0 ? compare(v, control, tau, alpha / comparisons) : null));
  const classicAdjusted = holm(raw.map((c) => c?.pValue ?? 1));
  const sequentialAdjusted = holm(raw.map((c) => c?.sequential.pValue ?? 1));
  const results: VariantResult[] = variants.map((v, i) => {
    const result: VariantResult = { ...v, rate: v.assigned ? v.reached / v.assigned : 0, rateCi: wilson(v.reached, v.assigned), probabilityBest: best[i] };
    const t = treatments.indexOf(v);
    const c = t >= 0 ? raw[t] : null;
    if (c) {
      c.adjustedP = classicAdjusted[t];
      c.significant = classicAdjusted[t] < alpha;
      c.sequential.adjustedP = sequentialAdjusted[t];
      c.sequential.significant = sequentialAdjusted[t] < alpha;
      result.vsControl = c;
    }
    return result;
  });

  const srm = sampleRatioMismatch(
    variants.map((v) => v.assigned),
    variants.map((v) => v.weight),
  );
  const controlIndex = control ? variants.indexOf(control) : 0;
  const baseRate = control && control.assigned ? control.reached / control.assigned : pooledRate;
  const requiredPerArm = variants.length >= 2 ? requiredSamplePerArm({ baseRate, relativeMde, weights: variants.map((v) => v.weight), controlIndex }) : null;
  const membersPerDay = options.membersPerDay ?? null;
  const remaining = requiredPerArm ? remainingSample(requiredPerArm, variants.map((v) => v.assigned), membersPerDay ?? 0, now) : null;
  const power: PowerResult = {
    relativeMde,
    requiredPerArm,
    remainingPerArm: remaining?.perArm ?? null,
    membersPerDay,
    expectedAt: membersPerDay ? (remaining?.expectedAt ?? null) : null,
  };
  const revenue = options.revenue && control ? analyseRevenue(variants.map((v) => v.key), control.key, options.revenue, relativeMde, alpha) : null;
  if (revenue) {
    // Two metrics per arm are on screen: control the false discovery rate across all of them.
    const conv = results.filter((r) => r.vsControl);
    const q = benjaminiHochberg([...conv.map((r) => r.vsControl!.pValue), ...revenue.comparisons.map((c) => c.cuped?.pValue ?? 1)]);
    conv.forEach((r, i) => (r.vsControl!.qValue = q[i]));
    revenue.comparisons.forEach((c, i) => (c.qValue = c.cuped ? q[conv.length + i] : null));
  }
  const base = { variants: results, control: control?.key ?? null, controlMarked, srm, power, revenue };
  const { decision, verdict } = explain(base, winner, options.subject ?? 'experiment');
  return { ...base, samplePerVariant: requiredPerArm ? Math.max(...requiredPerArm) : null, decision, verdict };
}

/** One treatment against the control: classic and always-valid numbers (the Holm parts are filled in by the caller). */
function compare(v: VariantCounts, control: VariantCounts, tau: number, alphaPerArm: number): Comparison {
  const exact = needsExactTest(v.reached, v.assigned, control.reached, control.assigned);
  const pValue = exact ? fisherExact(v.reached, v.assigned, control.reached, control.assigned) : twoProportionPValue(v.reached, v.assigned, control.reached, control.assigned);
  const rel = relativeLift(v.reached, v.assigned, control.reached, control.assigned);
  const d = proportionDifference(v.reached, v.assigned, control.reached, control.assigned);
  // With no conversions at all (or all converting) the variance estimate is 0: fall back to the pooled rate so the interval is honest.
  const pooled = (v.reached + control.reached) / (v.assigned + control.assigned);
  const variance = d.variance > 0 ? d.variance : pooled * (1 - pooled) * (1 / v.assigned + 1 / control.assigned);
  const seq = msprt(d.estimate, variance, tau, alphaPerArm);
  return {
    absolute: d.estimate,
    absoluteCi: newcombe(v.reached, v.assigned, control.reached, control.assigned),
    relative: rel.lift,
    relativeCi: rel.ci,
    pValue,
    test: exact ? 'fisher' : 'z',
    adjustedP: pValue,
    significant: false,
    sequential: { pValue: seq.pValue, adjustedP: seq.pValue, ci: seq.ci, significant: false },
    direction: seq.ci.low > 0 ? 'better' : seq.ci.high < 0 ? 'worse' : 'inconclusive',
  };
}

/** The A/B nodes of a journey document (kinds that run an experiment) with their configured variants. */
export function experimentsOf(doc: { nodes: { id: string; kind: string; config?: Record<string, unknown> }[] }) {
  return doc.nodes.flatMap((n) => {
    const experiment = getNodeKind(n.kind)?.experiment;
    return experiment ? [{ nodeId: n.id, ...experiment.of(n.config ?? {}) }] : [];
  });
}
