'use client';

import { useTranslation } from 'react-i18next';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/root';
import { useLocale } from '@/i18n/provider';
import { useExperimentFormat } from './experiment-format';
import { ExperimentTable } from './experiment-table';
import { RevenueTable } from './revenue-table';
import styles from './report.module.css';
import own from './experiments.module.css';

type Holdout = NonNullable<inferRouterOutputs<AppRouter>['analytics']['holdout']>;

/** The journey's own lift: members who got it vs the held-out global control, with the same always-valid numbers. */
export function HoldoutBlock({ h, goalEvent }: { h: Holdout; goalEvent: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const r = h.result;
  const f = useExperimentFormat(Math.min(1, ...r.variants.filter((v) => v.rate > 0).map((v) => v.rate)));
  const labels = { journey: t('experiment.inJourney'), holdout: t('experiment.heldOut') };
  return (
    <div className={own.holdout} data-testid="holdout">
      <h3 className={styles.expTitle}>{t('experiment.holdout', { pct: `${f.count(h.percent)}%` })}</h3>
      <p className={styles.verdict} data-testid="verdict-holdout">
        {locale === 'zh-CN' ? r.verdict.zh : r.verdict.en}
      </p>
      <ExperimentTable nodeId="holdout" result={r} f={f} labels={labels} />
      <p className="muted small">{t('experiment.holdoutNote')}</p>
      {r.revenue && <RevenueTable nodeId="holdout" revenue={r.revenue} event={goalEvent} f={f} labels={labels} />}
    </div>
  );
}
