'use client';

import { useTranslation } from 'react-i18next';
import { useFormat } from '@/i18n/provider';
import '@/i18n/member-resources';
import styles from './members.module.css';

export interface ImportTotals {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: { line: number; field: string; message: string }[];
}

/** Row errors listed on the page; the rest are counted. */
const MAX_LISTED = 1_000;

/** Counts so far (or in the end) and the rows refused, by file line. */
export function ImportResults({ totals, finished, dryRun }: { totals: ImportTotals; finished: boolean; dryRun: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const counts = ['created', 'updated', 'unchanged', 'rejected'] as const;
  return (
    <div data-testid="import-results">
      {finished && (
        <h2 data-testid="import-done">{dryRun ? t('memberImport.doneDry') : t('memberImport.done')}</h2>
      )}
      <div className={styles.counts} data-testid="import-summary">
        {counts.map((k) => (
          <div key={k} className={styles.count} data-testid={`import-${k}`} data-value={totals[k]}>
            <span className={styles.countValue}>{fmt.number(totals[k])}</span>
            <span className="muted small">{t(`memberImport.${k}`)}</span>
          </div>
        ))}
      </div>
      {totals.errors.length > 0 && (
        <>
          <h3>{t('memberImport.errors')}</h3>
          <table className={`table ${styles.compact}`} data-testid="import-errors">
            <thead>
              <tr>
                <th className="num">{t('memberImport.line')}</th>
                <th>{t('memberImport.errorField')}</th>
                <th>{t('memberImport.message')}</th>
              </tr>
            </thead>
            <tbody>
              {totals.errors.slice(0, MAX_LISTED).map((e, i) => (
                <tr key={i} data-testid="import-error-row" data-line={e.line} data-field={e.field}>
                  <td className="num">{e.line}</td>
                  <td className={styles.mono}>{e.field}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {totals.errors.length > MAX_LISTED && <p className="muted small">{t('memberImport.moreErrors', { n: fmt.number(totals.errors.length - MAX_LISTED) })}</p>}
        </>
      )}
    </div>
  );
}
