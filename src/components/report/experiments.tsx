'use client';

import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '@/components/trpc-provider';
import type { ReportFormat } from './format';
import type { Experiment, NodeLabel } from './types';
import styles from './report.module.css';

/** Every A/B split of the live version: rates with 95% CIs, uplift vs control, p-value, P(best), SRM, verdict. */
export function ExperimentsSection({ journeyId, range, fmt, label }: { journeyId: string; range: { from?: number; to?: number }; fmt: ReportFormat; label: NodeLabel }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const experiments = useQuery({ ...trpc.analytics.experiments.queryOptions({ journeyId, ...range }), placeholderData: keepPreviousData });
  const journey = useQuery(trpc.journeys.get.queryOptions({ id: journeyId }));
  const winners = new Map(
    (journey.data?.draft.nodes ?? []).filter((n) => n.kind === 'split.ab').map((n) => [n.id, (n.config as { winner?: string } | undefined)?.winner]),
  );
  return (
    <section className="card" data-testid="experiments">
      <h2>{t('experiment.heading')}</h2>
      {experiments.error && <p className="error">{experiments.error.message}</p>}
      {experiments.data?.length === 0 && <p className="muted">{t('experiment.none')}</p>}
      {experiments.data?.map((x) => (
        <ExperimentBlock key={x.nodeId} journeyId={journeyId} x={x} fmt={fmt} label={label} winner={winners.get(x.nodeId)} />
      ))}
    </section>
  );
}

function ExperimentBlock({ journeyId, x, fmt, label, winner }: { journeyId: string; x: Experiment; fmt: ReportFormat; label: NodeLabel; winner?: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const declare = useMutation(
    trpc.journeys.declareWinner.mutationOptions({
      onSuccess: (res, vars) => {
        setMessage(
          res.ok && 'pending' in res
            ? { ok: true, text: t('experiment.declarePending', { id: res.requestId }) }
            : res.ok
            ? { ok: true, text: t('experiment.declared', { number: res.version.number, variant: vars.variant }) }
            : { ok: false, text: t('experiment.refused', { count: res.problems.length }) },
        );
        void queryClient.invalidateQueries({ queryKey: trpc.journeys.get.queryKey({ id: journeyId }) });
        void queryClient.invalidateQueries({ queryKey: trpc.analytics.experiments.queryKey({ journeyId }) });
      },
      onError: (err) => setMessage({ ok: false, text: err.message }),
    }),
  );
  const r = x.result;
  const smallest = Math.min(...r.variants.map((v) => v.assigned));
  const onDeclare = (variant: string) => {
    if (window.confirm(t('experiment.confirm', { variant, node: `${label(x.nodeId)} (${x.nodeId})` }))) {
      declare.mutate({ id: journeyId, nodeId: x.nodeId, variant });
    }
  };

  return (
    <div className={styles.experiment} data-testid={`experiment-${x.nodeId}`}>
      <h3 className={styles.expTitle}>{t('experiment.title', { experiment: x.experiment, node: `${label(x.nodeId)} (${x.nodeId})` })}</h3>
      <p className={styles.verdict} data-testid={`verdict-${x.nodeId}`}>
        {fmt.locale === 'zh-CN' ? r.verdict.zh : r.verdict.en}
      </p>
      {r.srm.mismatch ? (
        <p className={styles.warn} data-testid={`srm-${x.nodeId}`}>
          ⚠ {t('experiment.srm', { chi: fmt.decimal(r.srm.chiSquare), p: fmt.pValue(r.srm.pValue) })}
        </p>
      ) : (
        <p className="muted small">{t('experiment.srmOk', { p: fmt.pValue(r.srm.pValue) })}</p>
      )}
      {r.samplePerVariant !== null && (
        <p className="muted small" data-testid={`sample-${x.nodeId}`}>
          {t('experiment.sample', { n: fmt.number(r.samplePerVariant) })}
          {smallest < r.samplePerVariant && <> {t('experiment.sampleShort', { n: fmt.number(smallest) })}</>}
        </p>
      )}
      <table className="table">
        <thead>
          <tr>
            <th>{t('experiment.variant')}</th>
            <th className="num">{t('experiment.assigned')}</th>
            <th className="num">{t('experiment.reached')}</th>
            <th className="num">{t('experiment.rate')}</th>
            <th className="num">{t('experiment.uplift')}</th>
            <th className="num">{t('experiment.pValue')}</th>
            <th className="num">{t('experiment.best')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {r.variants.map((v) => (
            <tr key={v.key} data-testid={`variant-${x.nodeId}-${v.key}`}>
              <td>
                <strong>{v.key}</strong>
                {v.control && <span className={styles.tag}>{t('experiment.control')}</span>}
                {winner === v.key && <span className={`${styles.tag} ${styles.tagOk}`}>{t('experiment.winner')}</span>}
              </td>
              <td className="num">{fmt.number(v.assigned)}</td>
              <td className="num">{fmt.number(v.reached)}</td>
              <td className="num">
                {fmt.pct(v.rate)}
                <span className={styles.ci}>
                  {fmt.pct(v.rateCi.low)} – {fmt.pct(v.rateCi.high)}
                </span>
              </td>
              <td className="num">
                {v.vsControl ? (
                  <>
                    {fmt.signedPct(v.vsControl.absolute)}
                    <span className={styles.ci}>
                      {fmt.signedPct(v.vsControl.absoluteCi.low)} – {fmt.signedPct(v.vsControl.absoluteCi.high)}
                    </span>
                    {v.vsControl.relative !== null && (
                      <span className={styles.ci}>
                        {t('experiment.relative')} {fmt.signedPct(v.vsControl.relative)}
                        {v.vsControl.relativeCi && ` (${fmt.signedPct(v.vsControl.relativeCi.low)} – ${fmt.signedPct(v.vsControl.relativeCi.high)})`}
                      </span>
                    )}
                  </>
                ) : (
                  '—'
                )}
              </td>
              <td className="num">
                {v.vsControl ? (
                  <>
                    {fmt.pValue(v.vsControl.pValue)}
                    <span className={`${styles.tag} ${v.vsControl.significant ? styles.tagOk : ''}`}>
                      {v.vsControl.significant ? t('experiment.significant') : t('experiment.notSignificant')}
                    </span>
                  </>
                ) : (
                  '—'
                )}
              </td>
              <td className="num">{fmt.pct(v.probabilityBest)}</td>
              <td className="num">
                <button
                  type="button"
                  className="btn small"
                  data-testid={`declare-${x.nodeId}-${v.key}`}
                  disabled={declare.isPending || winner === v.key}
                  onClick={() => onDeclare(v.key)}
                >
                  {t('experiment.declare')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {message && (
        <p className={message.ok ? styles.saved : 'error small'} data-testid={`declare-result-${x.nodeId}`}>
          {message.text}
        </p>
      )}
    </div>
  );
}
