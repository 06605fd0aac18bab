'use client';

import { useTranslation } from 'react-i18next';
import { Shuffle } from 'lucide-react';
import splitRandom from '@/journey/nodes/split-random';
import { FormError, useRowKeys } from '../form-kit';
import { nextPathKey, pathShares, type SplitPath } from '../split-paths';
import { RemoveRowButton, RowError, WeightInput } from '../weighted-rows';
import { defineKindUi, type KindForm } from './define';
import { PathCapSelect } from '@/components/coupons/path-cap';

/** 分流器: members spread over paths by weight; each path key is an exit of the node. */
const SplitRandomForm: KindForm<typeof splitRandom> = ({ config, onChange, issues }) => {
  const { t } = useTranslation();
  const paths: SplitPath[] = Array.isArray(config.paths) ? config.paths : [];
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
                  <RowError message={error} />
                  <PathCapSelect poolId={p.poolId} testId="inspector-path-pool" onChange={(poolId) => patch(i, { poolId })} />
                </td>
                <td>
                  <WeightInput weight={p.weight} testId="inspector-path-weight" onChange={(weight) => patch(i, { weight })} />
                </td>
                <td className="muted" data-testid="inspector-path-share">
                  {shares[i]}%
                </td>
                <td>
                  <RemoveRowButton
                    rowCount={paths.length}
                    testId="inspector-remove-path"
                    onRemove={() => {
                      rows.removed(i);
                      setPaths(paths.filter((_, j) => j !== i));
                    }}
                  />
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
};

export default defineKindUi(splitRandom, { icon: Shuffle, form: SplitRandomForm });
