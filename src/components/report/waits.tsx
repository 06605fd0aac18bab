'use client';

import { useTranslation } from 'react-i18next';
import type { ReportFormat } from './format';
import type { NodeLabel, Report } from './types';

/** Time members spent in each wait node: median and 90th percentile, human-readable. */
export function WaitsSection({ waits, fmt, label }: { waits: Report['waits']; fmt: ReportFormat; label: NodeLabel }) {
  const { t } = useTranslation();
  const rows = Object.entries(waits);
  return (
    <section className="card" data-testid="waits">
      <h2>{t('report.waits.heading')}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('report.waits.none')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('report.waits.node')}</th>
              <th className="num">{t('report.waits.count')}</th>
              <th className="num">{t('report.waits.median')}</th>
              <th className="num">{t('report.waits.p90')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([nodeId, w]) => (
              <tr key={nodeId} data-testid="wait-row" data-node={nodeId}>
                <td>
                  {label(nodeId)} <code>{nodeId}</code>
                </td>
                <td className="num">{fmt.number(w.count)}</td>
                <td className="num">{fmt.duration(w.medianMs)}</td>
                <td className="num">{fmt.duration(w.p90Ms)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
