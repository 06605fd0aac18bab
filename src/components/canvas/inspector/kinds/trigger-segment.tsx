'use client';

import { useTranslation } from 'react-i18next';
import { Target } from 'lucide-react';
import triggerSegment from '@/journey/nodes/trigger-segment';
import type { KindConfig } from '@/journey/nodes/types';
import { Field } from '../fields';
import { FormError, PickerInput, useNameHints, useVocabulary, without } from '../form-kit';
import { InstantInput, RecurrenceInput } from '../schedule-inputs';
import { AudienceRules, defaultCron } from '../audience-rules';
import { defineKindUi, type KindForm } from './define';

type Schedule = KindConfig<typeof triggerSegment>['schedule'];

/** 定向营销: a saved segment or a custom audience (自定义人群), run once (单次执行) or on a schedule (周期性执行). */
const SegmentTriggerForm: KindForm<typeof triggerSegment> = ({ config, onChange, issues }) => {
  const { t } = useTranslation();
  const vocab = useVocabulary();
  const hints = useNameHints();
  const audience = typeof config.segment === 'string' ? 'segment' : 'condition';
  const schedule: Schedule = config.schedule ?? defaultCron;
  const setSchedule = (next: Schedule) => onChange({ ...config, schedule: next });
  return (
    <>
      <Field label={t('forms.audience')}>
        <select
          value={audience}
          data-testid="inspector-audience"
          onChange={(e) => onChange(e.target.value === 'segment' ? { ...without(config, 'condition'), segment: '' } : { ...without(config, 'segment'), condition: { tag: 'vip' } })}
        >
          <option value="segment">{t('forms.savedSegment')}</option>
          <option value="condition">{t('forms.customAudience')}</option>
        </select>
      </Field>
      {audience === 'segment' ? (
        <Field label={t('forms.segment')} error={issues.at('segment', t('forms.required')) ?? issues.exactly('')}>
          <PickerInput value={String(config.segment ?? '')} options={vocab.segments} hint={hints.segment} testId="inspector-segment" onChange={(segment) => onChange({ ...config, segment })} />
        </Field>
      ) : (
        <div className="field">
          <span className="field-label">{t('forms.audienceRules')}</span>
          <AudienceRules config={config} onChange={onChange} issues={issues} />
          <FormError message={issues.exactly('')} />
        </div>
      )}
      <Field label={t('forms.runs')}>
        <select value={'once' in schedule ? 'once' : 'recurring'} data-testid="inspector-run-mode" onChange={(e) => setSchedule(e.target.value === 'once' ? { once: '' } : defaultCron)}>
          <option value="once">{t('forms.runOnce')}</option>
          <option value="recurring">{t('forms.runRecurring')}</option>
        </select>
      </Field>
      {'once' in schedule ? (
        <InstantInput key="once" iso={schedule.once} label={t('forms.at')} error={issues.at('schedule.once')} testId="once" onChange={(once) => setSchedule({ once })} />
      ) : (
        <RecurrenceInput
          key="recurring"
          cron={schedule.cron}
          tz={schedule.tz ?? 'Asia/Shanghai'}
          cronError={issues.at('schedule.cron')}
          tzError={issues.at('schedule.tz')}
          onChange={(cron, tz) => setSchedule({ cron, tz })}
        />
      )}
    </>
  );
};

export default defineKindUi(triggerSegment, { icon: Target, form: SegmentTriggerForm });
