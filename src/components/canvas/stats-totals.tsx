'use client';

import { useTranslation } from 'react-i18next';
import { useFormat } from '@/i18n/provider';
import { useEditor } from '@/stores/editor';

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
}

export function StatsTotals({ versions, versionId, onVersion }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const totals = useEditor((s) => s.stats?.totals);
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
      {keys.map((k) => (
        <div key={k} className="total">
          <span className="total-value" data-testid={`stat-total-${k}`}>
            {fmt.count(totals?.[k] ?? 0)}
          </span>
          <span className="total-label">{t(`stats.${k}`)}</span>
        </div>
      ))}
    </section>
  );
}
