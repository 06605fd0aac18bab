'use client';

import { useMemo } from 'react';
import { useLocale } from '@/i18n/provider';
import { rateDecimals } from '@/analytics/experiment-verdict';

/**
 * Number formats for experiments: rates with enough decimals to show small
 * ones (0.0030%, not 0.0%), differences in percentage points (labelled as such
 * by the caller), relative lift as a percent, money, and p-values that never read "0".
 */
export function useExperimentFormat(smallestRate: number) {
  const locale = useLocale();
  return useMemo(() => {
    const d = rateDecimals(smallestRate);
    const fixed = (decimals: number, sign = false) =>
      new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals, signDisplay: sign ? 'exceptZero' : 'auto' });
    const rate = fixed(d);
    const points = fixed(d, true);
    const lift = fixed(1, true);
    const money = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const moneySigned = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });
    const count = new Intl.NumberFormat(locale);
    const p4 = new Intl.NumberFormat(locale, { maximumFractionDigits: 4 });
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    return {
      locale,
      /** A rate as a percent with magnitude-aware decimals: "0.0030%". */
      rate: (x: number) => `${rate.format(x * 100)}%`,
      /** A difference of rates in percentage points, signed, without the unit (the column/label says "pp"). */
      points: (x: number) => (Number.isFinite(x) ? points.format(x * 100) : '∞'),
      lift: (x: number) => `${lift.format(x * 100)}%`,
      money: (x: number) => money.format(x),
      moneySigned: (x: number) => moneySigned.format(x),
      count: (n: number) => count.format(n),
      /** p-values: 4 decimals, and tiny ones in scientific notation instead of "0.0000". */
      p: (x: number) => (x >= 0.0001 ? p4.format(x) : x > 0 ? x.toExponential(1) : '< 1e-300'),
      share: (x: number) => `${fixed(1).format(x * 100)}%`,
      /** A probability that rounds to 100% or 0% is shown as "> 99.9%" / "< 0.1%": it is never certain. */
      chance: (x: number) => (x > 0.999 ? `> ${fixed(1).format(99.9)}%` : x < 0.001 ? `< ${fixed(1).format(0.1)}%` : `${fixed(1).format(x * 100)}%`),
      date: (ms: number) => date.format(new Date(ms)),
    };
  }, [locale, smallestRate]);
}

export type ExperimentFormat = ReturnType<typeof useExperimentFormat>;
