'use client';

import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '@/i18n/provider';
import { activePreset, presetRange, rangePresets, rangeProblem, viewerTimeZone, type DayRange } from './day-range';
import styles from './date-range.module.css';

interface Props {
  value: DayRange;
  onChange(range: DayRange): void;
  /** The window the server counted (rounded to hours), to say exactly what the numbers cover. */
  counted?: { from: number | null; to: number | null };
  /** What the range applies to on this page. */
  hint?: string;
}

const noSubscription = () => () => {};

/** From / To days in the viewer's time zone, with presets (last 7 days, last 30 days, all time). */
export function DateRangeFilter({ value, onChange, counted, hint }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const problem = rangeProblem(value);
  // "Today" is the viewer's: the server rendering this page may be in another time zone.
  const onClient = useSyncExternalStore(noSubscription, () => true, () => false);
  const active = onClient ? activePreset(value) : null;
  const summary = useMemo(() => {
    if (!counted) return null;
    const tz = viewerTimeZone();
    if (counted.from === null && counted.to === null) return t('dateRange.allTime', { tz });
    const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    return t('dateRange.summary', {
      from: counted.from === null ? t('dateRange.beginning') : format.format(counted.from),
      to: counted.to === null ? t('dateRange.now') : format.format(counted.to),
      tz,
    });
  }, [counted, locale, t]);

  // `value` comes back from the URL only once the navigation for a change has finished: a second change made before
  // that (From, then To at once) must build on the first, not on the stale value, or the first is lost.
  const asked = useRef<DayRange | null>(null);
  useEffect(() => {
    if (asked.current && asked.current.from === value.from && asked.current.to === value.to) asked.current = null;
  }, [value]);
  const emit = (next: DayRange) => {
    asked.current = next;
    onChange(next);
  };
  const set = (side: 'from' | 'to', day: string) => {
    const next: DayRange = { ...(asked.current ?? value) };
    if (day) next[side] = day;
    else delete next[side];
    emit(next);
  };

  return (
    <div className={styles.range} data-testid="date-range">
      <div className={styles.row}>
        <label>
          {t('dateRange.from')}
          <input type="date" data-testid="range-from" value={value.from ?? ''} onChange={(e) => set('from', e.target.value)} aria-invalid={problem !== null} />
        </label>
        <label>
          {t('dateRange.to')}
          <input type="date" data-testid="range-to" value={value.to ?? ''} onChange={(e) => set('to', e.target.value)} aria-invalid={problem !== null} />
        </label>
        <span className={styles.presets}>
          {rangePresets.map((p) => (
            <button
              key={p}
              type="button"
              className={`btn small ${active === p ? 'active' : ''}`}
              data-testid={`range-preset-${p}`}
              aria-pressed={active === p}
              onClick={() => emit(presetRange(p))}
            >
              {t(`dateRange.presets.${p}`)}
            </button>
          ))}
        </span>
      </div>
      {problem ? (
        <p className="error small" role="alert" data-testid="range-error">
          {t(`dateRange.problems.${problem}`)}
        </p>
      ) : (
        summary && (
          <p className={styles.summary} data-testid="range-summary" data-from={counted?.from ?? ''} data-to={counted?.to ?? ''}>
            {summary}
          </p>
        )
      )}
      {hint && <p className={styles.summary}>{hint}</p>}
    </div>
  );
}
