'use client';

import { useTranslation } from 'react-i18next';
import { useFormat } from '@/i18n/provider';
import { useEditor } from '@/stores/editor';

const keys = ['enrolled', 'inFlight', 'completed', 'exited', 'goalReached'] as const;

export function StatsTotals() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const totals = useEditor((s) => s.stats?.totals);
  return (
    <section className="totals" data-testid="stats-totals">
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
