'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/root';
import { useTRPC } from '@/components/trpc-provider';
import { useJourneyNodes } from '@/components/report/node-labels';
import { useReportFormat, type ReportFormat } from '@/components/report/format';
import { useValues } from '@/i18n/values';
import styles from './members.module.css';

type JourneyPath = inferRouterOutputs<AppRouter>['analytics']['memberPath'][number];

/** One member's path through every journey they were in: the node-by-node timeline, effects and policy decisions (shown under the member's profile). */
export function MemberPath({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const fmt = useReportFormat();
  const paths = useQuery(trpc.analytics.memberPath.queryOptions({ memberId }));

  return (
    <div data-testid="member-path">
      <h2 className={styles.sectionHeading}>{t('path.heading')}</h2>
      {paths.isPending && <p className="muted">{t('path.loading')}</p>}
      {paths.error && <p className="error">{paths.error.message}</p>}
      {paths.data?.length === 0 && <p className="muted">{t('path.none')}</p>}
      {paths.data?.map((p) => <JourneyPathCard key={p.enrolmentId} path={p} fmt={fmt} />)}
    </div>
  );
}

function JourneyPathCard({ path: p, fmt }: { path: JourneyPath; fmt: ReportFormat }) {
  const values = useValues();
  const { t } = useTranslation();
  const { label } = useJourneyNodes(p.journeyId);
  const entered = new Map<string, number>();

  return (
    <section className="card" data-testid="path-journey" data-journey={p.journeyId}>
      <div className={styles.journeyHead}>
        <h2>{p.journeyName}</h2>
        <span className={styles.mono}>{t('path.version', { number: p.version })}</span>
        <span className="badge">{values.status(p.status)}</span>
        <Link href={`/journeys/${encodeURIComponent(p.journeyId)}/report`} className="small">
          {t('path.report')}
        </Link>
      </div>
      <div className={styles.meta}>
        <span>{t('path.entry', { n: p.entryNo })}</span>
        <span>{t('path.enteredAt', { date: fmt.date(p.enteredAt) })}</span>
        {p.variant && <span>{t('path.variant', { variant: p.variant })}</span>}
        {p.goalAt ? <span className={styles.goal}>✓ {t('path.goalAt', { date: fmt.date(p.goalAt) })}</span> : <span>{t('path.noGoal')}</span>}
        {p.exitReason && <span data-testid="path-exit-reason">{t('path.exitReason', { reason: values.reason(p.exitReason) })}</span>}
      </div>
      <div className={styles.cols}>
        <div>
          <h3>{t('path.timeline')}</h3>
          <ol className={styles.timeline}>
            {p.steps.map((s, i) => {
              let waited: number | null = null;
              if (s.kind === 'enter' && s.nodeId) entered.set(s.nodeId, s.at);
              if (s.kind === 'exit' && s.nodeId && entered.has(s.nodeId)) {
                const d = s.at - entered.get(s.nodeId)!;
                if (d > 0) waited = d;
              }
              const tone = s.kind === 'goal' ? styles.goalStep : s.kind === 'exit' ? styles.exitStep : s.kind === 'exit_journey' ? styles.leave : '';
              return (
                <li key={i} className={`${styles.step} ${tone}`} data-testid="path-step" data-kind={s.kind} data-node={s.nodeId ?? ''}>
                  <span className={styles.when}>{fmt.date(s.at)}</span>
                  <strong>{t(`path.kinds.${s.kind}`, { defaultValue: s.kind })}</strong>{' '}
                  {s.nodeId && (
                    <>
                      {label(s.nodeId)} <code>{s.nodeId}</code>
                    </>
                  )}
                  {s.handle && <span className="muted small"> {t('path.via', { handle: s.handle })}</span>}
                  {waited !== null && <span className={styles.wait}>{t('path.waited', { duration: fmt.duration(waited) })}</span>}
                </li>
              );
            })}
          </ol>
        </div>
        <div>
          <h3>{t('path.effects')}</h3>
          {p.effects.length === 0 && <p className="muted small">{t('path.noEffects')}</p>}
          <ul className={styles.effects}>
            {p.effects.map((fx, i) => (
              <li key={i} className={styles.effect} data-testid="path-effect" data-status={fx.status}>
                <div>
                  <strong>{label(fx.nodeId)}</strong> <code>{fx.nodeId}</code> · {fx.type}
                  {fx.channel && ` · ${fx.channel}`}
                  <span className={`${styles.badge} ${statusTone(fx.status)}`}>{values.decision(fx.status, fx.reason)}</span>
                </div>
                {fx.text && <p className={styles.effectText}>{fx.text}</p>}
                {fx.decisions.length > 0 && (
                  <ul className={styles.decisions}>
                    {fx.decisions.map((d, j) => (
                      <li key={j} data-testid="path-decision">
                        <span className={styles.when}>{fmt.date(d.at)}</span>
                        <span className={styles.mono}>
                          {values.decision(d.decision, d.reason)}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}

function statusTone(status: string): string {
  if (status === 'sent' || status === 'send') return styles.ok;
  if (status === 'deferred' || status === 'defer' || status === 'pending') return styles.deferred;
  if (status === 'skipped' || status === 'skip' || status === 'failed') return styles.skipped;
  return '';
}
