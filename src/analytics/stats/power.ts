import { jStat } from 'jstat';

export interface PowerInput {
  /** The control's conversion rate. */
  baseRate: number;
  /** Minimum detectable effect, relative (0.1 = a 10% lift). */
  relativeMde?: number;
  /** Configured weights of the arms (any scale); the control's index among them. */
  weights: number[];
  controlIndex: number;
  alpha?: number;
  power?: number;
}

/**
 * Members needed in each arm to detect p → p·(1 + MDE) in every treatment vs
 * the control: the two-proportion formula with allocation ratios (Fleiss,
 * Levin & Paik, "Statistical Methods for Rates and Proportions", §4.2) at
 * α / (arms − 1) per comparison (Bonferroni, the first step of Holm):
 *   N = (z_{α'/2} √(p̄q̄ (1/w_c + 1/w_t)) + z_β √(p_c q_c / w_c + p_t q_t / w_t))² / δ²
 * with w the arms' shares of traffic and N the total; arm i needs N·w_i. An
 * uneven split (90/10) or more arms needs more members. Null when the lifted rate is ≥ 1 or p is 0.
 */
export function requiredSamplePerArm({ baseRate, relativeMde = 0.1, weights, controlIndex, alpha = 0.05, power = 0.8 }: PowerInput): number[] | null {
  if (!(relativeMde > 0)) throw new RangeError(`relativeMde must be > 0 (got ${relativeMde})`);
  if (controlIndex < 0 || controlIndex >= weights.length) throw new RangeError(`controlIndex ${controlIndex} is not one of the ${weights.length} arms`);
  const pc = baseRate;
  const pt = baseRate * (1 + relativeMde);
  const live = weights.map((w, i) => ({ w, i })).filter((x) => x.w > 0);
  const sum = live.reduce((s, x) => s + x.w, 0);
  if (!(pc > 0) || pt >= 1 || live.length < 2 || !(weights[controlIndex] > 0)) return null;
  const comparisons = live.length - 1;
  const zA = jStat.normal.inv(1 - alpha / comparisons / 2, 0, 1);
  const zB = jStat.normal.inv(power, 0, 1);
  const wc = weights[controlIndex] / sum;
  const pBarOf = (wt: number) => (wc * pc + wt * pt) / (wc + wt);
  let total = 0;
  for (const { w, i } of live) {
    if (i === controlIndex) continue;
    const wt = w / sum;
    const pBar = pBarOf(wt);
    const n = (zA * Math.sqrt(pBar * (1 - pBar) * (1 / wc + 1 / wt)) + zB * Math.sqrt((pc * (1 - pc)) / wc + (pt * (1 - pt)) / wt)) ** 2 / (pt - pc) ** 2;
    total = Math.max(total, n);
  }
  return weights.map((w) => Math.ceil((total * w) / sum));
}

/** Members still needed per arm (never negative), and when they should be in at the recent enrolment rate (members per day). */
export function remainingSample(required: number[], current: number[], membersPerDay: number, now: number): { perArm: number[]; expectedAt: number | null } {
  if (required.length !== current.length) throw new RangeError(`remainingSample needs one count per arm (got ${required.length} and ${current.length})`);
  const perArm = required.map((n, i) => Math.max(0, n - current[i]));
  // Arms fill in proportion to their weights, so the last arm to fill sets the date.
  const shares = required.map((n) => n / (required.reduce((s, x) => s + x, 0) || 1));
  const days = Math.max(0, ...perArm.map((rest, i) => (rest === 0 ? 0 : shares[i] > 0 ? rest / (membersPerDay * shares[i]) : Infinity)));
  if (days === 0) return { perArm, expectedAt: now };
  return { perArm, expectedAt: membersPerDay > 0 && Number.isFinite(days) ? now + days * 86_400_000 : null };
}
