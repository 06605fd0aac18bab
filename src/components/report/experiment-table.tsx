'use client';

import { useTranslation } from 'react-i18next';
import type { ExperimentFormat } from './experiment-format';
import type { Experiment } from './types';
import styles from './report.module.css';
import own from './experiments.module.css';

type Variant = Experiment['result']['variants'][number];

/**
 * Arms of one experiment: members (not enrolments), conversion, the
 * difference in percentage points with its always-valid interval, relative
 * lift apart, the always-valid p, then the classic numbers, labelled so.
 */
export function ExperimentTable({
  nodeId,
  result,
  f,
  winner,
  action,
  labels,
}: {
  nodeId: string;
  result: Experiment['result'];
  f: ExperimentFormat;
  winner?: string | null;
  action?: (v: Variant) => React.ReactNode;
  /** Row labels other than the variant key (the holdout table names its two groups). */
  labels?: Record<string, string>;
}) {
  const { t } = useTranslation();
  return (
    <table className="table">
      <thead>
        <tr>
          <th>{t('experiment.variant')}</th>
          <th className="num">{t('experiment.members')}</th>
          <th className="num">{t('experiment.reached')}</th>
          <th className="num">{t('experiment.rate')}</th>
          <th className="num">{t('experiment.difference')}</th>
          <th className="num">{t('experiment.relative')}</th>
          <th className="num">{t('experiment.alwaysValidP')}</th>
          <th className="num">{t('experiment.classic')}</th>
          <th className="num">{t('experiment.best')}</th>
          {action && <th />}
        </tr>
      </thead>
      <tbody>
        {result.variants.map((v) => {
          const c = v.vsControl;
          return (
            <tr key={v.key} data-testid={`variant-${nodeId}-${v.key}`}>
              <td>
                <strong>{labels?.[v.key] ?? v.key}</strong>
                {v.key === result.control && !labels && <span className={styles.tag}>{result.controlMarked ? t('experiment.control') : t('experiment.baseline')}</span>}
                {winner === v.key && <span className={`${styles.tag} ${styles.tagOk}`}>{t('experiment.winner')}</span>}
                {c && (
                  <span className={`${styles.tag} ${c.direction === 'better' ? styles.tagOk : c.direction === 'worse' ? own.tagBad : ''}`} data-testid={`direction-${nodeId}-${v.key}`}>
                    {t(`experiment.${c.direction}`)}
                  </span>
                )}
              </td>
              <td className="num" data-testid={`members-${nodeId}-${v.key}`}>{f.count(v.assigned)}</td>
              <td className="num" data-testid={`reached-${nodeId}-${v.key}`}>{f.count(v.reached)}</td>
              <td className="num">
                {f.rate(v.rate)}
                <span className={styles.ci}>
                  {f.rate(v.rateCi.low)} – {f.rate(v.rateCi.high)}
                </span>
              </td>
              <td className="num" data-testid={`difference-${nodeId}-${v.key}`}>
                {c ? (
                  <>
                    {f.points(c.absolute)} {t('experiment.pp')}
                    <span className={styles.ci}>
                      {f.points(c.sequential.ci.low)} – {f.points(c.sequential.ci.high)} {t('experiment.pp')}
                    </span>
                  </>
                ) : (
                  '—'
                )}
              </td>
              <td className="num" data-testid={`relative-${nodeId}-${v.key}`}>
                {c?.relative != null ? (
                  <>
                    {f.lift(c.relative)}
                    {c.relativeCi && (
                      <span className={styles.ci}>
                        {f.lift(c.relativeCi.low)} – {f.lift(c.relativeCi.high)}
                      </span>
                    )}
                  </>
                ) : (
                  '—'
                )}
              </td>
              <td className="num" data-testid={`pvalue-${nodeId}-${v.key}`}>{c ? f.p(c.sequential.adjustedP) : '—'}</td>
              <td className="num small muted" data-testid={`classic-${nodeId}-${v.key}`}>
                {c
                  ? t('experiment.classicCell', {
                      p: f.p(c.pValue),
                      test: c.test === 'fisher' ? t('experiment.testFisher') : t('experiment.testZ'),
                      adjusted: f.p(c.adjustedP),
                      low: f.points(c.absoluteCi.low),
                      high: f.points(c.absoluteCi.high),
                    })
                  : '—'}
                {c?.qValue !== undefined && <span className={styles.ci}>{t('experiment.qValue', { q: f.p(c.qValue) })}</span>}
              </td>
              <td className="num" data-testid={`best-${nodeId}-${v.key}`}>{f.chance(v.probabilityBest)}</td>
              {action && <td className="num">{action(v)}</td>}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
