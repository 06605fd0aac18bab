'use client';

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Cake } from 'lucide-react';
import triggerDate from '@/journey/nodes/trigger-date';
import { Field } from '../fields';
import { PickerInput, useVocabulary } from '../form-kit';
import { joinOffset, splitOffset, type OffsetDirection } from '../schedule-values';
import { OptionalAudience } from '../audience-rules';
import { defineKindUi, type KindForm } from './define';

/** 纪念日营销: each member's own date (birthday, join date), N days before or after, at a local time. */
const DateTriggerForm: KindForm<typeof triggerDate> = ({ config, onChange, issues }) => {
  const { t } = useTranslation();
  const vocab = useVocabulary();
  const offset = splitOffset(typeof config.offsetDays === 'number' ? config.offsetDays : 0);
  const [daysText, setDaysText] = useState(String(offset.days));
  const [direction, setDirection] = useState<OffsetDirection>(offset.direction);
  const daysOk = /^\d+$/.test(daysText.trim()) && Number(daysText) <= 366;
  const setOffset = (text: string, dir: OffsetDirection) => {
    setDaysText(text);
    setDirection(dir);
    // An unreadable count of days is stored out of range so the node stays flagged until fixed.
    const readable = dir === 'on' || /^\d+$/.test(text.trim());
    onChange({ ...config, offsetDays: readable ? joinOffset(Number(text) || 0, dir) : 999 });
  };
  const at = String(config.at ?? '');
  return (
    <>
      <Field label={t('forms.dateAttr')} hint={t('forms.dateAttrHint')} error={issues.at('attr', t('forms.required'))}>
        <PickerInput value={String(config.attr ?? '')} options={vocab.dateAttributes} labels="attr" testId="inspector-date-attr" onChange={(attr) => onChange({ ...config, attr })} />
      </Field>
      <Field label={t('forms.when')} error={direction !== 'on' && !daysOk ? t('forms.badOffset') : issues.at('offsetDays', t('forms.badOffset'))}>
        <span className="inline">
          {direction !== 'on' && (
            <input type="number" min={0} max={366} step={1} value={daysText} data-testid="inspector-offset-days" aria-label={t('forms.days')} onChange={(e) => setOffset(e.target.value, direction)} />
          )}
          <select value={direction} data-testid="inspector-offset-direction" onChange={(e) => setOffset(daysText, e.target.value as OffsetDirection)}>
            <option value="before">{t('forms.daysBefore')}</option>
            <option value="on">{t('forms.onTheDay')}</option>
            <option value="after">{t('forms.daysAfter')}</option>
          </select>
        </span>
      </Field>
      <Field label={t('forms.time')} hint={t('forms.timeHint')} error={issues.at('at', t('forms.badTime'))}>
        <input value={at} placeholder="09:00" data-testid="inspector-time" onChange={(e) => onChange({ ...config, at: e.target.value })} />
      </Field>
      <OptionalAudience config={config} onChange={onChange} issues={issues} />
    </>
  );
};

export default defineKindUi(triggerDate, { icon: Cake, form: DateTriggerForm });
