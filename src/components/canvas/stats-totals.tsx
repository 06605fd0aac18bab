'use client';

import { useTranslation } from 'react-i18next';
import { useFormat } from '@/i18n/provider';
import { useEditor } from '@/stores/editor';
import { DateRangeFilter } from '@/components/report/date-range-filter';
import type { DayRange } from '@/components/report/day-range';

const keys = ['enrolled', 'inFlight', 'completed', 'exited', 'goalReached'] as const;

export interface VersionOption {
  id: number;
  number: number;
}

interface Props {
  versions: VersionOption[];
  /** The version the overlay counts; undefined counts all of them. */
  versionId: number | undefined;
  onVersion(versionId: number | undefined): void;
  range: DayRange;
  onRange(range: DayRange): void;
  /** The window the server counted, rounded to hours. */
  counted?: { from: number | null; to: number | null };
}

export function StatsTotals({ versions, versionId, onVersion, range, onRange, counted }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const totals = useEditor((s) => s.stats?.totals);
  // Members waiting anywhere right now: the date range never applies to it.
  const waitingNow = useEditor((s) => Object.values(s.stats?.nodes ?? {}).reduce((sum, n) => sum + n.waiting, 0));
  return (
    <section className="totals" data-testid="stats-totals">
      <label className="stats-version">
        {t('overlay.version')}
        <select
          data-testid="stats-version"
          value={versionId ?? ''}
          onChange={(e) => onVersion(e.target.value ? Number(e.target.value) : undefined)}
        >
          <option value="">{t('overlay.allVersions')}</option>
          {versions.map((v) => (
            <option key={v.id} value={v.id}>
              {t('overlay.versionNumber', { number: v.number })}
            </option>
          ))}
        </select>
      </label>
      <DateRangeFilter value={range} onChange={onRange} counted={counted} hint={t('dateRange.overlayHint')} />
      {keys.map((k) => (
        <div key={k} className="total">
          <span className="total-value" data-testid={`stat-total-${k}`}>
            {fmt.count(totals?.[k] ?? 0)}
          </span>
          <span className="total-label">{t(`stats.${k}`)}</span>
        </div>
      ))}
      <div className="total">
        <span className="total-value" data-testid="stat-total-waitingNow">
          {fmt.count(waitingNow)}
        </span>
        <span className="total-label">{t('dateRange.waitingNow')}</span>
      </div>
    </section>
  );
}
