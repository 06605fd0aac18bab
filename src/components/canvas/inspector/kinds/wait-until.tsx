'use client';

import { useTranslation } from 'react-i18next';
import { AlarmClock } from 'lucide-react';
import waitUntil from '@/journey/nodes/wait-until';
import { Field } from '../fields';
import { without } from '../form-kit';
import { DaysPicker } from '../days-picker';
import { defineKindUi, type KindForm } from './define';

/** 等待至: the next local time of day (on some weekdays), or a fixed instant; the schema says which box is wrong. */
const WaitUntilForm: KindForm<typeof waitUntil> = ({ config, onChange, issues }) => {
  const { t } = useTranslation();
  const mode = typeof config.at === 'string' ? 'at' : 'time';
  const time = String(config.time ?? '');
  const at = String(config.at ?? '');
  return (
    <>
      <Field label={t('forms.waitMode')}>
        <select value={mode} data-testid="inspector-wait-mode" onChange={(e) => onChange(e.target.value === 'at' ? { at: '' } : { time: '10:00' })}>
          <option value="time">{t('forms.modeTime')}</option>
          <option value="at">{t('forms.modeAt')}</option>
        </select>
      </Field>
      {mode === 'time' ? (
        <>
          <Field label={t('forms.time')} hint={t('forms.timeHint')} error={issues.at('time', t('forms.badTime'))}>
            <input value={time} placeholder="10:00" data-testid="inspector-time" onChange={(e) => onChange({ ...config, time: e.target.value })} />
          </Field>
          <DaysPicker value={config.days} onChange={(d) => onChange(d ? { ...config, days: d } : without(config, 'days'))} />
        </>
      ) : (
        <Field label={t('forms.at')} hint={t('forms.atHint')} error={issues.at('at', t('forms.badInstant'))}>
          <input value={at} placeholder="2026-11-11T10:00:00+08:00" data-testid="inspector-at" onChange={(e) => onChange({ at: e.target.value })} />
        </Field>
      )}
    </>
  );
};

export default defineKindUi(waitUntil, { icon: AlarmClock, form: WaitUntilForm });
