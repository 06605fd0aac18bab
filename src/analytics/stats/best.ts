import { jStat } from 'jstat';
import { betaCdf } from './tails';

/** Counts of one arm: Beta(1 + reached, 1 + assigned − reached) is its posterior under a uniform prior. */
export interface ArmCounts {
  assigned: number;
  reached: number;
}

const posterior = (v: ArmCounts): [number, number] => [1 + v.reached, 1 + v.assigned - v.reached];

/** Running log-sum-exp, so sums of terms like e^-40000 keep their relative precision. */
function logSumExp(terms: (push: (logTerm: number) => void) => void): number {
  let max = -Infinity;
  let sum = 0;
  terms((x) => {
    if (x === -Infinity) return;
    if (x <= max) sum += Math.exp(x - max);
    else {
      sum = sum * Math.exp(max - x) + 1;
      max = x;
    }
  });
  return max + Math.log(sum);
}

/**
 * P(X2 > X1) for X1 ~ Beta(a1, b1), X2 ~ Beta(a2, b2) with integer a2, in closed
 * form (Evan Miller, "Formulas for Bayesian A/B testing", 2015):
 *   Σ_{i=0}^{a2−1} B(a1+i, b1+b2) / ((b2+i) B(1+i, b2) B(a1, b1)).
 * Successive terms differ by the factor (a1+i)(b2+i) / ((a1+b1+b2+i)(1+i)), so
 * the sum costs a2 multiplications in log space, never an underflowing term.
 */
export function logProbGreater(a1: number, b1: number, a2: number, b2: number): number {
  let log = jStat.betaln(a1, b1 + b2) - jStat.betaln(a1, b1);
  return logSumExp((push) => {
    for (let i = 0; i < a2; i++) {
      push(log);
      log += Math.log(a1 + i) + Math.log(b2 + i) - Math.log(a1 + b1 + b2 + i) - Math.log(1 + i);
    }
  });
}

/** Above this many terms the closed form is slower than integrating. */
const CLOSED_FORM_TERMS = 5_000_000;

function twoArms(x: ArmCounts, y: ArmCounts): [number, number] {
  const [a1, b1] = posterior(x);
  const [a2, b2] = posterior(y);
  // Sum the shorter series directly; the other probability is its complement
  // unless that complement is too small to keep its digits, then sum it too.
  if (a2 <= a1) {
    const yBest = Math.exp(logProbGreater(a1, b1, a2, b2));
    const xBest = 1 - yBest < 1e-6 && a1 <= CLOSED_FORM_TERMS ? Math.exp(logProbGreater(a2, b2, a1, b1)) : 1 - yBest;
    return [xBest, yBest];
  }
  const [yBest, xBest] = twoArms(y, x);
  return [xBest, yBest];
}

/**
 * Adaptive Gauss–Kronrod (7/15 points) on [lo, hi]: each half is refined until
 * the Kronrod and Gauss estimates agree to `tol` (absolute) or 1e-10 (relative).
 */
const XK = [0.9914553711208126, 0.9491079123427585, 0.8648644233597691, 0.7415311855993945, 0.5860872354676911, 0.4058451513773972, 0.20778495500789848, 0];
const WK = [0.022935322010529224, 0.06309209262997856, 0.10479001032225019, 0.14065325971552592, 0.1690047266392679, 0.19035057806478542, 0.20443294007529889, 0.20948214108472782];
const WG = [0.1294849661688697, 0.27970539148927664, 0.3818300505051189, 0.4179591836734694];

export function integrate(f: (x: number) => number, lo: number, hi: number, tol = 1e-12, depth = 0): number {
  const c = (lo + hi) / 2;
  const h = (hi - lo) / 2;
  const fc = f(c);
  let kronrod = fc * WK[7];
  let gauss = fc * WG[3];
  for (let j = 0; j < 7; j++) {
    const f1 = f(c - h * XK[j]);
    const f2 = f(c + h * XK[j]);
    kronrod += WK[j] * (f1 + f2);
    if (j % 2 === 1) gauss += WG[(j - 1) / 2] * (f1 + f2);
  }
  kronrod *= h;
  gauss *= h;
  if (Math.abs(kronrod - gauss) <= Math.max(tol, 1e-10 * Math.abs(kronrod)) || depth >= 18) return kronrod;
  return integrate(f, lo, c, tol / 2, depth + 1) + integrate(f, c, hi, tol / 2, depth + 1);
}

/** Where a Beta(a, b) has any mass: 40 standard deviations either side of its mean, inside [0, 1]. */
function support(a: number, b: number): [number, number] {
  const mean = a / (a + b);
  const sd = Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1)));
  return [Math.max(0, mean - 40 * sd), Math.min(1, mean + 40 * sd)];
}

/**
 * P(each arm has the highest rate) under Beta(1 + reached, 1 + missed)
 * posteriors. Two arms: the closed form. More: ∫ f_i(x) Π_{j≠i} F_j(x) dx by
 * adaptive quadrature over the range arm i's posterior covers, so narrow
 * posteriors and tiny rates are resolved. Each probability is computed on its
 * own (no renormalising), so a small one keeps its digits.
 */
export function probabilityToBeBest(arms: ArmCounts[]): number[] {
  for (const [i, v] of arms.entries()) checkArm(v, i);
  if (arms.length === 0) return [];
  if (arms.length === 1) return [1];
  if (arms.length === 2 && Math.min(arms[0].reached, arms[1].reached) < CLOSED_FORM_TERMS) return twoArms(arms[0], arms[1]);
  const params = arms.map(posterior);
  return params.map(([a, b], i) => {
    const [lo, hi] = support(a, b);
    const integrand = (x: number) => {
      let p = jStat.beta.pdf(x, a, b);
      for (let j = 0; j < params.length && p > 0; j++) if (j !== i) p *= betaCdf(x, params[j][0], params[j][1]);
      return p;
    };
    // Split the range so the quadrature sees the peak, then refine adaptively.
    let total = 0;
    const pieces = 16;
    for (let k = 0; k < pieces; k++) total += integrate(integrand, lo + ((hi - lo) * k) / pieces, lo + ((hi - lo) * (k + 1)) / pieces, 1e-13);
    return Math.min(1, Math.max(0, total));
  });
}

/** Counts must be whole, non-negative, with no more reached than assigned. */
export function checkArm(v: ArmCounts, index: number, label: string = `arm ${index}`): void {
  if (!Number.isInteger(v.assigned) || v.assigned < 0) throw new RangeError(`${label}: assigned must be a whole number ≥ 0 (got ${v.assigned})`);
  if (!Number.isInteger(v.reached) || v.reached < 0) throw new RangeError(`${label}: reached must be a whole number ≥ 0 (got ${v.reached})`);
  if (v.reached > v.assigned) throw new RangeError(`${label}: reached (${v.reached}) cannot exceed assigned (${v.assigned})`);
}
