'use client';

import { useTranslation } from 'react-i18next';
import { Clock3 } from 'lucide-react';
import branchTime from '@/journey/nodes/branch-time';
import { Field } from '../fields';
import { without } from '../form-kit';
import { DaysPicker } from '../days-picker';
import { defineKindUi, type KindForm } from './define';

/** 时间判断: a window of the member's local day (it may span midnight), on some weekdays. */
const BranchTimeForm: KindForm<typeof branchTime> = ({ config, onChange, issues }) => {
  const { t } = useTranslation();
  const between: [string, string] = Array.isArray(config.between) ? config.between : ['09:00', '21:00'];
  const setAt = (i: 0 | 1, v: string) => onChange({ ...config, between: i === 0 ? [v, between[1]] : [between[0], v] });
  return (
    <>
      <Field label={t('forms.from')} error={issues.at('between.0', t('forms.badTime'))}>
        <input value={between[0] ?? ''} placeholder="09:00" data-testid="inspector-from" onChange={(e) => setAt(0, e.target.value)} />
      </Field>
      <Field label={t('forms.to')} hint={t('forms.betweenHint')} error={issues.at('between.1', t('forms.badTime'))}>
        <input value={between[1] ?? ''} placeholder="21:00" data-testid="inspector-to" onChange={(e) => setAt(1, e.target.value)} />
      </Field>
      <DaysPicker value={config.days} onChange={(d) => onChange(d ? { ...config, days: d } : without(config, 'days'))} />
    </>
  );
};

export default defineKindUi(branchTime, { icon: Clock3, form: BranchTimeForm });
