'use client';

import { useTranslation } from 'react-i18next';
import { Field, type FormProps } from './fields';

interface Variant {
  key: string;
  weight: number;
  control?: boolean;
}

function nextKey(taken: Set<string>): string {
  for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') if (!taken.has(letter)) return letter;
  let n = 1;
  while (taken.has(`V${n}`)) n++;
  return `V${n}`;
}

export function SplitAbForm({ config, onChange }: FormProps) {
  const { t } = useTranslation();
  const variants = (Array.isArray(config.variants) ? config.variants : []) as Variant[];
  const setVariants = (next: Variant[]) => onChange({ ...config, variants: next });
  const patch = (i: number, p: Partial<Variant>) => setVariants(variants.map((v, j) => (j === i ? { ...v, ...p } : v)));
  const total = variants.reduce((s, v) => s + (Number.isFinite(v.weight) && v.weight > 0 ? v.weight : 0), 0) || 1;

  return (
    <>
      <Field label={t('inspector.experiment')}>
        <input
          value={String(config.experiment ?? '')}
          data-testid="inspector-experiment"
          onChange={(e) => onChange({ ...config, experiment: e.target.value })}
        />
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
            {variants.map((v, i) => (
              <tr key={i}>
                <td>
                  <input value={v.key} data-testid={`inspector-variant-key-${i}`} onChange={(e) => patch(i, { key: e.target.value })} />
                </td>
                <td>
                  <input
                    type="number"
                    min={1}
                    value={Number.isFinite(v.weight) ? v.weight : ''}
                    data-testid={`inspector-variant-weight-${i}`}
                    onChange={(e) => patch(i, { weight: e.target.value === '' ? NaN : Number(e.target.value) })}
                  />
                  <span className="muted small"> {Math.round(((v.weight > 0 ? v.weight : 0) / total) * 100)}%</span>
                </td>
                <td>
                  <input
                    type="checkbox"
                    checked={Boolean(v.control)}
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
                  <button
                    type="button"
                    className="btn small ghost"
                    data-testid={`inspector-remove-variant-${i}`}
                    disabled={variants.length <= 2}
                    onClick={() => setVariants(variants.filter((_, j) => j !== i))}
                  >
                    {t('inspector.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button
          type="button"
          className="btn small"
          data-testid="inspector-add-variant"
          onClick={() => setVariants([...variants, { key: nextKey(new Set(variants.map((v) => v.key))), weight: 50 }])}
        >
          + {t('inspector.addVariant')}
        </button>
      </div>
    </>
  );
}
