'use client';

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import '@/i18n/member-resources';
import { mapRow, targetsFor, type ParsedFile } from './import-file';
import styles from './members.module.css';

/** Rows shown in the preview under the column mapping. */
const PREVIEW = 5;

/** One select per detected column (ignore, a profile field, a custom attribute) and the first rows as they will be sent. */
export function ImportMapping({ file, mapping, disabled, onChange, children }: { file: ParsedFile; mapping: string[]; disabled: boolean; onChange(next: string[]): void; children: ReactNode }) {
  const { t } = useTranslation();
  const label = (target: string) => (target === '' ? t('memberImport.ignore') : target.startsWith('attributes.') ? `${target} · ${t('memberImport.attribute', { name: target.slice(11) })}` : target);
  const mapped = mapping.map((f, i) => ({ field: f, i })).filter((m) => m.field);
  const preview = file.rows.slice(0, PREVIEW).map((r) => ({ line: r.line, values: mapRow(r.cells, mapping) }));

  return (
    <section className="card" data-testid="import-mapping">
      <h2>{t('memberImport.mapping')}</h2>
      <table className={`table ${styles.compact}`}>
        <thead>
          <tr>
            <th>{t('memberImport.column')}</th>
            <th>{t('memberImport.field')}</th>
          </tr>
        </thead>
        <tbody>
          {file.columns.map((column, i) => (
            <tr key={i} data-testid="import-column" data-column={column}>
              <td className={styles.mono}>{column || `#${i + 1}`}</td>
              <td>
                <select
                  data-testid="import-map"
                  aria-label={column}
                  value={mapping[i] ?? ''}
                  disabled={disabled}
                  onChange={(e) => onChange(mapping.map((m, j) => (j === i ? e.target.value : m)))}
                >
                  {targetsFor(column).map((target) => (
                    <option key={target} value={target}>
                      {label(target)}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>{t('memberImport.preview', { n: Math.min(PREVIEW, file.rows.length) })}</h3>
      <div className={styles.scroll}>
        <table className={`table ${styles.compact}`} data-testid="import-preview">
          <thead>
            <tr>
              <th>{t('memberImport.line')}</th>
              {mapped.map((m) => (
                <th key={m.i} className={styles.mono}>
                  {m.field}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.map((row) => (
              <tr key={row.line} data-testid="import-preview-row">
                <td className="muted">{row.line}</td>
                {mapped.map((m) => (
                  <td key={m.i}>{row.values[m.field] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {children}
    </section>
  );
}
