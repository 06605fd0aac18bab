'use client';

import { useTranslation } from 'react-i18next';
import type { ReportFormat } from './format';
import { breakdownAttrs, type BreakdownAttr, type Report } from './types';
import styles from './report.module.css';

/** Goal conversion by a member attribute (tier, city, join channel, gender). */
export function BreakdownSection({
  breakdown,
  attr,
  onAttr,
  fmt,
}: {
  breakdown: Report['breakdown'];
  attr: BreakdownAttr;
  onAttr: (a: BreakdownAttr) => void;
  fmt: ReportFormat;
}) {
  const { t } = useTranslation();
  const maxRate = Math.max(0.0001, ...breakdown.rows.map((r) => r.rate));
  return (
    <section className="card" data-testid="breakdown">
      <div className={styles.sectionHead}>
        <h2>{t('report.breakdown.heading')}</h2>
        <label className={styles.toolbar} style={{ margin: 0 }}>
          <span className="muted small">{t('report.breakdown.attr')}</span>
          <select data-testid="breakdown-attr" value={attr} onChange={(e) => onAttr(e.target.value as BreakdownAttr)}>
            {breakdownAttrs.map((a) => (
              <option key={a} value={a}>
                {t(`report.attr.${a}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th>{t(`report.attr.${breakdown.attr}`)}</th>
            <th className="num">{t('report.breakdown.enrolled')}</th>
            <th className="num">{t('report.breakdown.reached')}</th>
            <th className="num">{t('report.breakdown.rate')}</th>
            <th className={styles.barCell} aria-hidden />
          </tr>
        </thead>
        <tbody>
          {breakdown.rows.map((r) => (
            <tr key={r.value} data-testid="breakdown-row">
              <td>{r.value}</td>
              <td className="num">{fmt.number(r.enrolled)}</td>
              <td className="num">{fmt.number(r.reached)}</td>
              <td className="num">{fmt.pct(r.rate)}</td>
              <td className={styles.barCell}>
                <div className={styles.bar}>
                  <div className={`${styles.barFill} ${styles.alt}`} style={{ width: `${Math.round((r.rate / maxRate) * 1000) / 10}%` }} />
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
