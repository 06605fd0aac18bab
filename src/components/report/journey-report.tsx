'use client';

import Link from 'next/link';
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '@/components/trpc-provider';
import { useJourneyNodes } from './node-labels';
import { useReportFormat } from './format';
import { TotalsCards } from './totals';
import { FunnelSection } from './funnel';
import { WaitsSection } from './waits';
import { ConversionChart } from './conversion-chart';
import { BreakdownSection } from './breakdown';
import { CrowdsSection } from './crowds';
import { ExperimentsSection } from './experiments';
import type { BreakdownAttr } from './types';
import styles from './report.module.css';

/** 报告 / 流程分析: totals, funnel, waits, conversion over time, breakdown, crowds and experiments of one journey. */
export function JourneyReport({ journeyId }: { journeyId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const fmt = useReportFormat();
  const [attr, setAttr] = useState<BreakdownAttr>('tier');
  const { journey, nodes, label } = useJourneyNodes(journeyId);
  const report = useQuery({ ...trpc.analytics.report.queryOptions({ journeyId, breakdown: attr }), placeholderData: keepPreviousData });
  const href = `/journeys/${encodeURIComponent(journeyId)}`;

  return (
    <div className="page" data-testid="journey-report">
      <div className={styles.head}>
        <h1 data-testid="report-journey-name">{journey.data?.name ?? journeyId}</h1>
        <span className={styles.sub}>
          {t('report.title')} · {t('report.subtitle')}
        </span>
        <span className={styles.links}>
          <Link href="/">{t('report.back')}</Link>
          <Link href={href}>{t('report.editor')}</Link>
        </span>
      </div>
      {report.isPending && <p className="muted">{t('report.loading')}</p>}
      {report.error && <p className="error">{t('report.loadError', { message: report.error.message })}</p>}
      {journey.data && journey.data.liveVersionId === null && <p className="muted">{t('report.noLive')}</p>}
      {report.data && (
        <>
          <TotalsCards journeyId={journeyId} report={report.data} fmt={fmt} />
          <FunnelSection report={report.data} fmt={fmt} label={label} />
          <div className={styles.grid2}>
            <ConversionChart rows={report.data.byDay} fmt={fmt} />
            <WaitsSection waits={report.data.waits} fmt={fmt} label={label} />
          </div>
          <BreakdownSection breakdown={report.data.breakdown} attr={attr} onAttr={setAttr} fmt={fmt} />
          <CrowdsSection journeyId={journeyId} nodes={nodes.length ? nodes : report.data.path.map((id) => ({ id, kind: '', label: id }))} fmt={fmt} />
          <ExperimentsSection journeyId={journeyId} fmt={fmt} label={label} />
        </>
      )}
    </div>
  );
}
