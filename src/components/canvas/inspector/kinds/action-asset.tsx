'use client';

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Coins } from 'lucide-react';
import actionAsset, { assetKinds } from '@/journey/nodes/action-asset';
import { Field } from '../fields';
import { PickerInput, useVocabulary } from '../form-kit';
import { defineKindUi, type KindForm } from './define';

type AssetKind = (typeof assetKinds)[number];
type Change = AssetKind | 'tier';

/** 资产变更: add to or deduct from points, growth value or stored value, or set the member's tier. */
const AssetForm: KindForm<typeof actionAsset> = ({ config, onChange, issues }) => {
  const { t } = useTranslation();
  const vocab = useVocabulary();
  const change: Change = 'tier' in config && typeof config.tier === 'string' ? 'tier' : 'asset' in config && config.asset ? config.asset : 'points';
  const delta = 'delta' in config && typeof config.delta === 'number' ? config.delta : 0;
  // The amount is typed as text so the box can be cleared; the sign comes from add / deduct.
  const [amountText, setAmountText] = useState(delta ? String(Math.abs(delta)) : '');
  const [deduct, setDeduct] = useState(delta < 0);
  const amountOk = /^\d+$/.test(amountText.trim()) && Number(amountText) > 0;
  const setDelta = (text: string, minus: boolean) => {
    setAmountText(text);
    setDeduct(minus);
    // An unusable amount is stored as 0, which the node kind rejects, so the node stays flagged.
    const n = /^\d+$/.test(text.trim()) ? Number(text) : 0;
    onChange({ asset: change === 'tier' ? 'points' : change, delta: minus ? -n || 0 : n });
  };
  return (
    <>
      <Field label={t('forms.assetChange')}>
        <select
          value={change}
          data-testid="inspector-asset"
          onChange={(e) => {
            const next = e.target.value as Change;
            if (next === 'tier') return onChange({ tier: '' });
            const n = amountOk ? Number(amountText) : 0;
            onChange({ asset: next, delta: deduct ? -n || 0 : n });
          }}
        >
          {assetKinds.map((k) => (
            <option key={k} value={k}>
              {t(`forms.asset.${k}`)}
            </option>
          ))}
          <option value="tier">{t('forms.asset.tier')}</option>
        </select>
      </Field>
      {change === 'tier' ? (
        <Field label={t('forms.newTier')} error={issues.at('tier', t('forms.required'))}>
          <PickerInput value={'tier' in config ? String(config.tier ?? '') : ''} options={vocab.tiers} labels="tier" testId="inspector-tier" onChange={(tier) => onChange({ tier })} />
        </Field>
      ) : (
        <Field label={t('inspector.amount')} error={amountOk ? issues.at('delta') : t('forms.badAmount')}>
          <span className="inline">
            <select value={deduct ? 'deduct' : 'add'} data-testid="inspector-asset-direction" onChange={(e) => setDelta(amountText, e.target.value === 'deduct')}>
              <option value="add">{t('forms.addAsset')}</option>
              <option value="deduct">{t('forms.deductAsset')}</option>
            </select>
            <input type="number" min={1} step={1} value={amountText} data-testid="inspector-asset-amount" onChange={(e) => setDelta(e.target.value, deduct)} />
          </span>
        </Field>
      )}
    </>
  );
};

export default defineKindUi(actionAsset, { icon: Coins, form: AssetForm });
