'use client';

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Hash } from 'lucide-react';
import branchCount from '@/journey/nodes/branch-count';
import type { KindConfig } from '@/journey/nodes/types';
import { DurationInput, Field } from '../fields';
import { PickerInput, useVocabulary, without } from '../form-kit';
import { defineKindUi, type KindForm } from './define';

type Count = KindConfig<typeof branchCount>['count'];
const countOps: readonly Count['op'][] = ['eq', 'gt', 'gte', 'lt', 'lte'];
const opText: Record<Count['op'], string> = { eq: '=', gt: '>', gte: '≥', lt: '<', lte: '≤' };

const BranchCountForm: KindForm<typeof branchCount> = ({ config, onChange, issues }) => {
  const { t } = useTranslation();
  const vocab = useVocabulary();
  const event = String(config.event ?? '');
  const count: Count = config.count ?? { op: 'gte', value: 1 };
  // The number is typed as text so the box can be cleared; what is typed, not the schema, decides "not a number".
  const [valueText, setValueText] = useState(String(count.value ?? ''));
  const valueOk = /^\d+$/.test(valueText.trim());
  return (
    <>
      <Field label={t('inspector.event')} error={issues.at('event', t('forms.required'))}>
        <PickerInput value={event} options={vocab.events} labels="event" testId="inspector-event" onChange={(next) => onChange({ ...config, event: next })} />
      </Field>
      <Field label={t('forms.count')} error={valueOk ? null : t('forms.badCount')}>
        <span className="inline">
          <select value={count.op} data-testid="inspector-count-op" onChange={(e) => onChange({ ...config, count: { ...count, op: e.target.value as Count['op'] } })}>
            {countOps.map((op) => (
              <option key={op} value={op}>
                {opText[op]}
              </option>
            ))}
          </select>
          <input
            type="number"
            min={0}
            step={1}
            value={valueText}
            data-testid="inspector-count-value"
            onChange={(e) => {
              setValueText(e.target.value);
              // An invalid count is stored as -1 so validation flags the node too.
              const n = /^\d+$/.test(e.target.value.trim()) ? Number(e.target.value) : -1;
              onChange({ ...config, count: { ...count, value: n } });
            }}
          />
        </span>
      </Field>
      <Field label={t('forms.within')} hint={t('forms.optionalDuration')}>
        <DurationInput iso={String(config.within ?? '')} testId="within" onChange={(within) => onChange(within ? { ...config, within } : without(config, 'within'))} />
      </Field>
      <label className="check">
        <input
          type="checkbox"
          checked={config.sinceEntry === true}
          data-testid="inspector-since-entry"
          onChange={(e) => onChange(e.target.checked ? { ...config, sinceEntry: true } : without(config, 'sinceEntry'))}
        />
        <span>{t('forms.sinceEntry')}</span>
      </label>
    </>
  );
};

export default defineKindUi(branchCount, { icon: Hash, form: BranchCountForm });
