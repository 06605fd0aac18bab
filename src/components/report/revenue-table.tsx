'use client';

import { useTranslation } from 'react-i18next';
import type { ExperimentFormat } from './experiment-format';
import type { Experiment } from './types';

type Revenue = NonNullable<Experiment['result']['revenue']>;

/** Revenue per member by arm: totals, means, the CUPED difference with its always-valid interval, and what CUPED saved. */
export function RevenueTable({ nodeId, revenue, event, f, labels }: { nodeId: string; revenue: Revenue; event: string; f: ExperimentFormat; labels?: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <div data-testid={`revenue-${nodeId}`}>
      <h4>{t('experiment.revenue', { event })}</h4>
      <table className="table">
        <thead>
          <tr>
            <th>{t('experiment.variant')}</th>
            <th className="num">{t('experiment.members')}</th>
            <th className="num">{t('experiment.revenueTotal')}</th>
            <th className="num">{t('experiment.revenueMean')}</th>
            <th className="num">{t('experiment.revenueDiff')}</th>
          </tr>
        </thead>
        <tbody>
          {revenue.arms.map((a) => {
            const c = revenue.comparisons.find((x) => x.key === a.key);
            return (
              <tr key={a.key} data-testid={`revenue-${nodeId}-${a.key}`}>
                <td>
                  <strong>{labels?.[a.key] ?? a.key}</strong>
                </td>
                <td className="num">{f.count(a.members)}</td>
                <td className="num">{f.money(a.sum)}</td>
                <td className="num">{f.money(a.mean)}</td>
                <td className="num">
                  {c?.cuped && c.sequential ? (
                    <>
                      {f.moneySigned(c.cuped.difference)}
                      <span className="small muted" style={{ display: 'block' }}>
                        {f.moneySigned(c.sequential.ci.low)} – {f.moneySigned(c.sequential.ci.high)}
                      </span>
                      {c.raw && <span className="small muted" style={{ display: 'block' }}>{t('experiment.revenueRaw', { low: f.moneySigned(c.raw.ci.low), high: f.moneySigned(c.raw.ci.high) })}</span>}
                    </>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted small" data-testid={`cuped-${nodeId}`}>
        {t('experiment.cuped', { pct: f.share(Math.max(0, revenue.varianceReduction)) })}
      </p>
    </div>
  );
}
