'use client';

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportFormat } from './format';
import { changeStep, stepOptions, type PathGraph } from './path-graph';
import type { NodeLabel } from './types';
import styles from './report.module.css';

interface Props {
  graph: PathGraph;
  /** The path the funnel shows now (the main path unless `custom`). */
  path: string[];
  custom: boolean;
  label: NodeLabel;
  fmt: ReportFormat;
  onApply(path: string[]): void;
  onReset(): void;
}

/**
 * A chain of selects: any node first, then each next step among the nodes
 * downstream of the previous one. Starts from the path shown; the parent
 * remounts it (by key) when that path changes.
 */
export function PathPicker({ graph, path, custom, label, fmt, onApply, onReset }: Props) {
  const { t } = useTranslation();
  const [steps, setSteps] = useState(path);
  const addable = stepOptions(graph, steps, steps.length);
  const unchanged = custom && steps.join(',') === path.join(',');
  const option = (id: string) => (
    <option key={id} value={id}>
      {label(id)} ({id})
    </option>
  );

  return (
    <div className={styles.pathPicker} data-testid="path-picker">
      <div className={styles.sectionHead}>
        <h3 className={styles.pathTitle}>{t('report.path.heading')}</h3>
        <span className="muted small" data-testid="path-kind">
          {t(custom ? 'report.path.current' : 'report.path.main')}
        </span>
      </div>
      <p className={styles.hint}>{t('report.path.hint')}</p>
      <ol className={styles.pathSteps}>
        {steps.map((id, i) => {
          const options = stepOptions(graph, steps, i);
          return (
            <li key={i}>
              <label>
                {t('report.path.step', { n: fmt.count(i + 1) })}
                <select data-testid={`path-step-${i}`} value={id} onChange={(e) => setSteps(changeStep(graph, steps, i, e.target.value))}>
                  {/* A step from a shared link may no longer be offered: keep showing it. */}
                  {(options.includes(id) ? options : [id, ...options]).map(option)}
                </select>
              </label>
            </li>
          );
        })}
        <li>
          {addable.length ? (
            <select data-testid="path-add" value="" onChange={(e) => e.target.value && setSteps([...steps, e.target.value])}>
              <option value="">{t('report.path.add')}</option>
              {addable.map(option)}
            </select>
          ) : (
            <span className="muted small">{t('report.path.noMore')}</span>
          )}
        </li>
      </ol>
      <div className={styles.toolbar}>
        <button type="button" className="btn small" data-testid="path-remove" disabled={steps.length <= 1} onClick={() => setSteps(steps.slice(0, -1))}>
          {t('report.path.remove')}
        </button>
        <button type="button" className="btn small primary" data-testid="path-apply" disabled={!steps.length || unchanged} onClick={() => onApply(steps)}>
          {t('report.path.apply')}
        </button>
        <button type="button" className="btn small" data-testid="path-reset" disabled={!custom} onClick={onReset}>
          {t('report.path.reset')}
        </button>
        <span className="muted small">{t('report.path.copy')}</span>
      </div>
    </div>
  );
}
