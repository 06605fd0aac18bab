'use client';

import { useTranslation } from 'react-i18next';
import type { FormProps } from './fields';
import { FormError, useIssues, useRowKeys } from './form-kit';
import { nextPathKey, pathShares, type SplitPath } from './split-paths';

/** 分流器: members spread over paths by weight; each path key is an exit of the node. */
export function SplitRandomForm({ config, onChange }: FormProps) {
  const { t } = useTranslation();
  const issues = useIssues('split.random', config);
  const paths = (Array.isArray(config.paths) ? config.paths : []) as SplitPath[];
  const rows = useRowKeys(paths.length);
  const setPaths = (next: SplitPath[]) => onChange({ ...config, paths: next });
  const patch = (i: number, p: Partial<SplitPath>) => setPaths(paths.map((x, j) => (j === i ? { ...x, ...p } : x)));
  const shares = pathShares(paths);
  return (
    <div className="field">
      <span className="field-label">{t('forms.paths')}</span>
      <span className="field-hint">{t('forms.pathsHint')}</span>
      <table className="variants">
        <thead>
          <tr>
            <th>{t('forms.pathKey')}</th>
            <th>{t('inspector.weight')}</th>
            <th>{t('forms.share')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {paths.map((p, i) => {
            const error = issues.at(`paths.${i}.key`) ?? issues.at(`paths.${i}.weight`, t('forms.badWeight'));
            return (
              <tr key={rows.keys[i]} data-testid={`inspector-path-${i}`}>
                <td>
                  <input value={p.key} data-testid="inspector-path-key" aria-label={t('forms.pathKey')} onChange={(e) => patch(i, { key: e.target.value })} />
                  {error && (
                    <span className="field-error" role="alert" data-testid="field-error">
                      {error}
                    </span>
                  )}
                </td>
                <td>
                  <input
                    type="number"
                    min={1}
                    value={Number.isFinite(p.weight) ? p.weight : ''}
                    data-testid="inspector-path-weight"
                    aria-label={t('inspector.weight')}
                    // An empty box is kept as NaN so validation flags the path rather than dropping it.
                    onChange={(e) => patch(i, { weight: e.target.value === '' ? NaN : Number(e.target.value) })}
                  />
                </td>
                <td className="muted" data-testid="inspector-path-share">
                  {shares[i]}%
                </td>
                <td>
                  <button
                    type="button"
                    className="btn small ghost"
                    data-testid="inspector-remove-path"
                    disabled={paths.length <= 2}
                    onClick={() => {
                      rows.removed(i);
                      setPaths(paths.filter((_, j) => j !== i));
                    }}
                  >
                    {t('inspector.remove')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <FormError message={issues.exactly('paths') ?? issues.exactly('')} />
      <button
        type="button"
        className="btn small"
        data-testid="inspector-add-path"
        onClick={() => {
          rows.added();
          setPaths([...paths, { key: nextPathKey(paths), weight: 50 }]);
        }}
      >
        + {t('forms.addPath')}
      </button>
    </div>
  );
}
