'use client';

import Link from 'next/link';
import { Suspense, useMemo, useState } from 'react';
import { usePathname, useSearchParams } from 'next/navigation';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '@/components/trpc-provider';
import { useJourneyNodes } from './node-labels';
import { useReportFormat } from './format';
import { TotalsCards } from './totals';
import { FunnelSection } from './funnel';
import { PathPicker } from './path-picker';
import { pathFromParam } from './path-graph';
import { WaitsSection } from './waits';
import { ConversionChart } from './conversion-chart';
import { BreakdownSection } from './breakdown';
import { CrowdsSection } from './crowds';
import { ExperimentsSection } from './experiments';
import { MessagesSection } from './messages';
import { DateRangeFilter } from './date-range-filter';
import { rangeFromParams, rangeProblem, rangeToMs, viewerTimeZone, type DayRange } from './day-range';
import type { BreakdownAttr } from './types';
import styles from './report.module.css';

/** 报告 / 流程分析: totals, funnel, waits, conversion over time, breakdown, crowds and experiments of one journey. */
export function JourneyReport({ journeyId }: { journeyId: string }) {
  // The date range and the funnel path live in the URL (useSearchParams needs a Suspense boundary).
  return (
    <Suspense>
      <Report journeyId={journeyId} />
    </Suspense>
  );
}

/** `?from=…&to=…&path=…`, so a link to the report shares what it shows. Dates replace history; a path pushes it. */
function useReportParams() {
  const params = useSearchParams();
  const pathname = usePathname();
  const write = (changes: Record<string, string | undefined>, push: boolean) => {
    const next = new URLSearchParams(params.toString());
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    const query = next.toString();
    // Next.js syncs useSearchParams with the native history API, without a server round trip.
    window.history[push ? 'pushState' : 'replaceState'](null, '', query ? `${pathname}?${query}` : pathname);
  };
  return {
    range: rangeFromParams(params),
    path: pathFromParam(params.get('path')),
    setRange: (r: DayRange) => write({ from: r.from, to: r.to }, false),
    setPath: (path: string[]) => write({ path: path.join(',') }, true),
  };
}

function Report({ journeyId }: { journeyId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const fmt = useReportFormat();
  const [attr, setAttr] = useState<BreakdownAttr>('tier');
  const { journey, nodes, label } = useJourneyNodes(journeyId);
  const { range, path, setRange, setPath } = useReportParams();
  const problem = rangeProblem(range);
  const report = useQuery({
    ...trpc.analytics.report.queryOptions({ journeyId, breakdown: attr, timeZone: viewerTimeZone(), ...rangeToMs(range), ...(path.length ? { path } : {}) }),
    enabled: problem === null,
    placeholderData: keepPreviousData,
  });
  const fieldErrors = report.error?.data?.fieldErrors;
  const errorText = fieldErrors?.length ? fieldErrors.map((f) => `${f.path}: ${f.message}`).join('; ') : report.error?.message;
  const href = `/journeys/${encodeURIComponent(journeyId)}`;
  // Crowds and experiments follow the window the report was counted over (whole hours), not a range still being typed.
  const countedOver = report.data?.range;
  const counted = useMemo(
    () => ({ ...(countedOver?.from != null ? { from: countedOver.from } : {}), ...(countedOver?.to != null ? { to: countedOver.to } : {}) }),
    [countedOver?.from, countedOver?.to],
  );

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
      <section className="card" data-testid="report-filters">
        <DateRangeFilter value={range} onChange={setRange} counted={problem ? undefined : report.data?.range} hint={t('report.rangeHint')} />
      </section>
      {report.isPending && problem === null && <p className="muted">{t('report.loading')}</p>}
      {report.error && (
        <p className="error" role="alert" data-testid="report-error">
          {report.data ? t('report.rangeError', { message: errorText }) : t('report.loadError', { message: errorText })}
        </p>
      )}
      {journey.data && journey.data.liveVersionId === null && <p className="muted">{t('report.noLive')}</p>}
      {report.data && (
        <>
          <TotalsCards journeyId={journeyId} report={report.data} fmt={fmt} />
          <FunnelSection report={report.data} fmt={fmt} label={label}>
            <PathPicker
              key={report.data.path.join(',')}
              graph={report.data.graph}
              path={report.data.path}
              custom={report.data.pathKind === 'custom'}
              label={label}
              fmt={fmt}
              onApply={setPath}
              onReset={() => setPath([])}
            />
          </FunnelSection>
          <div className={styles.grid2}>
            <ConversionChart rows={report.data.byDay} fmt={fmt} />
            <WaitsSection waits={report.data.waits} fmt={fmt} label={label} />
          </div>
          <BreakdownSection breakdown={report.data.breakdown} attr={attr} onAttr={setAttr} fmt={fmt} />
          <CrowdsSection journeyId={journeyId} nodes={nodes.length ? nodes : report.data.path.map((id) => ({ id, kind: '', label: id }))} range={counted} fmt={fmt} />
          <MessagesSection journeyId={journeyId} range={counted} fmt={fmt} label={label} />
          <ExperimentsSection journeyId={journeyId} range={counted} fmt={fmt} label={label} />
        </>
      )}
    </div>
  );
}
