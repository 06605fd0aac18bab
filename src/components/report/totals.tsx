'use client';

import { useTranslation } from 'react-i18next';
import type { ReportFormat } from './format';
import type { Report } from './types';
import styles from './report.module.css';

/** Entered, in flight, 达标 (goal reached), 未达标 (finished without the goal) and the goal rate; grouped like every table (1,224). */
export function TotalsCards({ report, fmt }: { journeyId: string; report: Report; fmt: ReportFormat }) {
  const { t } = useTranslation();
  const cards = [
    { id: 'report-total-enrolled', label: t('report.totals.enrolled'), value: fmt.number(report.totals.enrolled) },
    { id: 'report-total-inflight', label: t('report.totals.inFlight'), value: fmt.number(report.totals.inFlight) },
    { id: 'report-total-reached', label: t('report.totals.reached'), value: fmt.number(report.totals.goalReached), tone: styles.good },
    { id: 'report-total-missed', label: t('report.totals.missed'), value: fmt.number(report.totals.goalMissed), tone: styles.bad },
    { id: 'report-goal-rate', label: t('report.totals.rate'), value: fmt.pct(report.goalRate) },
  ];
  return (
    <div className={styles.cards}>
      {cards.map((c) => (
        <div key={c.id} className={styles.stat}>
          <span className={`${styles.statValue} ${c.tone ?? ''}`} data-testid={c.id}>
            {c.value}
          </span>
          <span className={styles.statLabel}>{c.label}</span>
        </div>
      ))}
    </div>
  );
}
