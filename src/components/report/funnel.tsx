'use client';

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportFormat } from './format';
import type { NodeLabel, Report } from './types';
import styles from './report.module.css';

/**
 * The funnel along the main path or the analyst's own path: a table with an
 * inline bar per step (share of the first step). Members of the previous step
 * who did not come on are split by what became of them: converted, still
 * waiting, or left without converting (the only drop-off, in red). The
 * definitions are printed under the table; `children` (the path picker) below.
 */
export function FunnelSection({ report, fmt, label, children }: { report: Report; fmt: ReportFormat; label: NodeLabel; children?: ReactNode }) {
  const { t } = useTranslation();
  const custom = report.pathKind === 'custom';
  return (
    <section className="card" data-testid="funnel" data-path-kind={report.pathKind}>
      <h2>{t(custom ? 'report.funnel.customHeading' : 'report.funnel.heading')}</h2>
      <p className={styles.hint}>{t(custom ? 'report.funnel.customHint' : 'report.funnel.hint')}</p>
      <table className="table">
        <thead>
          <tr>
            <th>{t('report.funnel.step')}</th>
            <th>{t('report.funnel.node')}</th>
            <th className="num">{t(custom ? 'report.funnel.reachedStep' : 'report.funnel.entered')}</th>
            <th className={styles.barCell} aria-hidden />
            <th className="num">{t('report.funnel.fromPrevious')}</th>
            <th className="num">{t('report.funnel.fromStart')}</th>
            <th className="num">{t('report.funnel.converted')}</th>
            <th className="num">{t('report.funnel.waiting')}</th>
            <th className="num">{t('report.funnel.dropOff')}</th>
          </tr>
        </thead>
        <tbody>
          {report.funnel.map((step, i) => (
            <tr key={`${i}-${step.nodeId}`} data-testid="funnel-row" data-node={step.nodeId} data-entered={step.entered}>
              <td>{fmt.count(i + 1)}</td>
              <td>
                {label(step.nodeId)}
                <span className={styles.nodeId}>{step.nodeId}</span>
              </td>
              <td className="num" data-testid="funnel-entered">
                {fmt.number(step.entered)}
              </td>
              <td className={styles.barCell}>
                <div className={styles.bar} title={fmt.pct(step.fromStart)}>
                  <div className={styles.barFill} style={{ width: `${Math.round(step.fromStart * 1000) / 10}%` }} />
                </div>
              </td>
              {/* More than the previous step: other branches merge in here, so "conversion" and "drop-off" do not apply. */}
              <td className="num" data-testid="funnel-from-previous">
                {step.dropOff < 0 ? '—' : fmt.pct(step.fromPrevious)}
              </td>
              <td className="num" data-testid="funnel-from-start">
                {fmt.pct(step.fromStart)}
              </td>
              <td data-testid="funnel-converted" className={`num ${step.converted > 0 ? styles.good : ''}`}>
                {i === 0 ? '—' : fmt.number(step.converted)}
              </td>
              <td data-testid="funnel-waiting" className="num">
                {i === 0 ? '—' : fmt.number(step.waiting)}
              </td>
              <td data-testid="funnel-drop-off" className={`num ${step.dropOff > 0 ? styles.bad : ''}`} title={step.dropOff < 0 ? t('report.funnel.merge', { n: fmt.number(-step.dropOff) }) : undefined}>
                {i === 0 ? '—' : step.dropOff < 0 ? `+${fmt.number(-step.dropOff)}` : fmt.number(step.dropOff)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <details className={styles.definitions} data-testid="funnel-definitions" open>
        <summary>{t('report.funnel.definitionsHeading')}</summary>
        <ul>
          {(['continued', 'converted', 'waiting', 'dropOff', 'rounding'] as const).map((k) => (
            <li key={k} data-testid={`funnel-definition-${k}`}>
              {t(`report.funnel.definitions.${k}`)}
            </li>
          ))}
        </ul>
      </details>
      {children}
    </section>
  );
}
