'use client';

import { useTranslation } from 'react-i18next';
import type { ReportFormat } from './format';
import type { Report } from './types';
import styles from './report.module.css';

const W = 520;
const H = 220;
const PAD = { left: 40, right: 40, top: 12, bottom: 28 };

/** Goal conversion by day of entry: bars for entries (right axis), a line for the conversion rate (left axis). */
export function ConversionChart({ rows, fmt }: { rows: Report['byDay']; fmt: ReportFormat }) {
  const { t } = useTranslation();
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const maxRate = Math.max(0.05, ...rows.map((r) => r.rate));
  const rateTop = Math.min(1, Math.ceil(maxRate * 10) / 10);
  const maxEnrolled = Math.max(1, ...rows.map((r) => r.enrolled));
  const step = rows.length ? innerW / rows.length : innerW;
  const x = (i: number) => PAD.left + step * i + step / 2;
  const yRate = (r: number) => PAD.top + innerH - (r / rateTop) * innerH;
  const yCount = (n: number) => PAD.top + innerH - (n / maxEnrolled) * innerH;
  const line = rows.map((r, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${yRate(r.rate).toFixed(1)}`).join(' ');
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * rateTop);
  const labelEvery = Math.max(1, Math.ceil(rows.length / 8));

  return (
    <section className="card" data-testid="conversion-chart">
      <h2>{t('report.byDay.heading')}</h2>
      <p className={styles.hint}>{t('report.byDay.hint')}</p>
      {rows.length === 0 ? (
        <p className="muted">{t('report.byDay.empty')}</p>
      ) : (
        <>
          <svg className={styles.chart} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('report.byDay.heading')}>
            {ticks.map((v) => (
              <g key={v}>
                <line x1={PAD.left} x2={W - PAD.right} y1={yRate(v)} y2={yRate(v)} stroke="#eef0f3" />
                <text x={PAD.left - 4} y={yRate(v) + 3} textAnchor="end">
                  {fmt.pct(v)}
                </text>
              </g>
            ))}
            <text x={W - PAD.right + 4} y={PAD.top + 3}>
              {fmt.number(maxEnrolled)}
            </text>
            {rows.map((r, i) => (
              <rect key={r.day} x={x(i) - Math.min(step * 0.3, 14)} width={Math.min(step * 0.6, 28)} y={yCount(r.enrolled)} height={PAD.top + innerH - yCount(r.enrolled)} fill="#dfe3ea">
                <title>{`${fmt.dayLong(r.day)}: ${t('report.byDay.enrolled')} ${fmt.number(r.enrolled)}, ${t('report.byDay.reached')} ${fmt.number(r.reached)}`}</title>
              </rect>
            ))}
            <path d={line} fill="none" stroke="var(--accent)" strokeWidth={2} />
            {rows.map((r, i) => (
              <circle key={r.day} cx={x(i)} cy={yRate(r.rate)} r={3} fill="var(--accent)">
                <title>{`${fmt.dayLong(r.day)}: ${t('report.byDay.rate')} ${fmt.pct(r.rate)} (${fmt.number(r.reached)}/${fmt.number(r.enrolled)})`}</title>
              </circle>
            ))}
            {rows.map((r, i) =>
              i % labelEvery === 0 ? (
                <text key={r.day} x={x(i)} y={H - 10} textAnchor="middle">
                  {fmt.day(r.day)}
                </text>
              ) : null,
            )}
          </svg>
          <div className={styles.legend}>
            <span>
              <span className={styles.swatch} style={{ background: 'var(--accent)' }} />
              {t('report.byDay.rate')}
            </span>
            <span>
              <span className={styles.swatch} style={{ background: '#dfe3ea' }} />
              {t('report.byDay.enrolled')}
            </span>
          </div>
        </>
      )}
    </section>
  );
}
