'use client';

import { useTranslation } from 'react-i18next';
import { FlaskConical } from 'lucide-react';
import splitAb from '@/journey/nodes/split-ab';
import { Field } from '../fields';
import { FormError, useRowKeys } from '../form-kit';
import { pathShares } from '../split-paths';
import { RemoveRowButton, RowError, WeightInput } from '../weighted-rows';
import { defineKindUi, type KindForm } from './define';
import { PathCapSelect } from '@/components/coupons/path-cap';

interface Variant {
  key: string;
  weight: number;
  control?: boolean;
  /** Capped by this coupon pool's stock. */
  poolId?: string;
}

function nextKey(taken: Set<string>): string {
  for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') if (!taken.has(letter)) return letter;
  let n = 1;
  while (taken.has(`V${n}`)) n++;
  return `V${n}`;
}

/** A/B Test分流: variants by weight, at most one control group; after "declare winner" every new entrant takes the winner. */
const SplitAbForm: KindForm<typeof splitAb> = ({ config, onChange, issues }) => {
  const { t } = useTranslation();
  const variants: Variant[] = Array.isArray(config.variants) ? config.variants : [];
  const rows = useRowKeys(variants.length);
  const setVariants = (next: Variant[]) => onChange({ ...config, variants: next });
  const patch = (i: number, p: Partial<Variant>) => setVariants(variants.map((v, j) => (j === i ? { ...v, ...p } : v)));
  const shares = pathShares(variants);
  const winner = typeof config.winner === 'string' ? config.winner : null;

  return (
    <>
      {winner && (
        <div className="field" data-testid="inspector-winner">
          <span className="field-hint">{t('forms.winnerDeclared', { variant: winner })}</span>
          <FormError message={issues.at('winner')} />
          <button
            type="button"
            className="btn small"
            data-testid="inspector-resume-test"
            onClick={() => {
              const { winner: _declared, ...rest } = config;
              onChange(rest);
            }}
          >
            {t('forms.resumeTest')}
          </button>
        </div>
      )}
      <Field label={t('inspector.experiment')} hint={t('forms.experimentHint')} error={issues.at('experiment')}>
        <input value={String(config.experiment ?? '')} data-testid="inspector-experiment" onChange={(e) => onChange({ ...config, experiment: e.target.value })} />
      </Field>
      <div className="field">
        <span className="field-label">{t('inspector.variants')}</span>
        <table className="variants">
          <thead>
            <tr>
              <th>{t('inspector.variantKey')}</th>
              <th>{t('inspector.weight')}</th>
              <th>{t('inspector.control')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {variants.map((v, i) => {
              const error = issues.at(`variants.${i}.key`) ?? issues.at(`variants.${i}.weight`, t('forms.badWeight'));
              return (
                <tr key={rows.keys[i]} data-testid={`inspector-variant-${i}`}>
                  <td>
                    <input value={v.key} aria-label={t('inspector.variantKey')} data-testid={`inspector-variant-key-${i}`} onChange={(e) => patch(i, { key: e.target.value })} />
                    <RowError message={error} />
                    <PathCapSelect poolId={v.poolId} testId={`inspector-variant-pool-${i}`} onChange={(poolId) => patch(i, { poolId })} />
                  </td>
                  <td>
                    <WeightInput weight={v.weight} testId={`inspector-variant-weight-${i}`} onChange={(weight) => patch(i, { weight })} />
                    {' '}
                    <span className="muted small" data-testid="inspector-variant-share">
                      {shares[i]}%
                    </span>
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      checked={Boolean(v.control)}
                      aria-label={t('inspector.control')}
                      data-testid={`inspector-variant-control-${i}`}
                      onChange={(e) => {
                        // One control group per experiment keeps the comparison meaningful.
                        setVariants(
                          variants.map((w, j) => {
                            const { control: _c, ...rest } = w;
                            return j === i && e.target.checked ? { ...rest, control: true } : rest;
                          }),
                        );
                      }}
                    />
                  </td>
                  <td>
                    <RemoveRowButton
                      rowCount={variants.length}
                      testId={`inspector-remove-variant-${i}`}
                      onRemove={() => {
                        rows.removed(i);
                        setVariants(variants.filter((_, j) => j !== i));
                      }}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <FormError message={issues.exactly('variants') ?? issues.exactly('')} />
        <button
          type="button"
          className="btn small"
          data-testid="inspector-add-variant"
          onClick={() => {
            rows.added();
            setVariants([...variants, { key: nextKey(new Set(variants.map((v) => v.key))), weight: 50 }]);
          }}
        >
          + {t('inspector.addVariant')}
        </button>
      </div>
    </>
  );
};

export default defineKindUi(splitAb, { icon: FlaskConical, form: SplitAbForm });
