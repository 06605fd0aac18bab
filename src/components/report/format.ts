'use client';

import { useMemo } from 'react';
import { useLocale } from '@/i18n/provider';

const UNITS = [
  { ms: 86_400_000, en: 'd', zh: '天' },
  { ms: 3_600_000, en: 'h', zh: '小时' },
  { ms: 60_000, en: 'min', zh: '分钟' },
  { ms: 1_000, en: 's', zh: '秒' },
] as const;

/** "3 d 4 h", "45 min", "2 s": the two largest non-zero units. */
export function formatDuration(ms: number | null, locale: string): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  if (ms < 1_000) return locale === 'zh-CN' ? '不到 1 秒' : '< 1 s';
  const zh = locale === 'zh-CN';
  const parts: string[] = [];
  let rest = Math.round(ms);
  for (const u of UNITS) {
    const n = Math.floor(rest / u.ms);
    if (n > 0 && parts.length < 2) {
      parts.push(zh ? `${n} ${u.zh}` : `${n} ${u.en}`);
      rest -= n * u.ms;
    } else if (parts.length) break;
  }
  return parts.join(' ');
}

/** Locale-aware formatters for the report: counts, percentages, p-values, days, durations. */
export function useReportFormat() {
  const locale = useLocale();
  return useMemo(() => {
    const count = new Intl.NumberFormat(locale, { useGrouping: false });
    const number = new Intl.NumberFormat(locale);
    const percent = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const signed = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
    const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const day = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
    const dayLong = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    return {
      locale,
      /** Digits only: read back by tests. */
      count: (n: number) => count.format(n),
      number: (n: number) => number.format(n),
      pct: (x: number) => percent.format(x),
      signedPct: (x: number) => signed.format(x),
      decimal: (x: number) => decimal.format(x),
      pValue: (p: number) => (p < 0.0001 ? '< 0.0001' : new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }).format(p)),
      date: (ms: number) => dateTime.format(new Date(ms)),
      /** A `YYYY-MM-DD` day (already in the brand's time zone). */
      day: (d: string) => day.format(new Date(`${d}T00:00:00Z`)),
      dayLong: (d: string) => dayLong.format(new Date(`${d}T00:00:00Z`)),
      duration: (ms: number | null) => formatDuration(ms, locale),
    };
  }, [locale]);
}

export type ReportFormat = ReturnType<typeof useReportFormat>;
