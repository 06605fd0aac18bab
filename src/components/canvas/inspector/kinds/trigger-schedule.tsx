'use client';

import { useTranslation } from 'react-i18next';
import { CalendarDays } from 'lucide-react';
import triggerSchedule from '@/journey/nodes/trigger-schedule';
import { Field } from '../fields';
import { FormError } from '../form-kit';
import { InstantInput, RecurrenceInput } from '../schedule-inputs';
import { OptionalAudience, defaultCron } from '../audience-rules';
import { defineKindUi, type KindForm } from './define';

/** 节假日营销: one instant (a holiday, a sale) or a recurring schedule, for everyone or a filtered audience. */
const ScheduleTriggerForm: KindForm<typeof triggerSchedule> = ({ config, onChange, issues }) => {
  const { t } = useTranslation();
  const mode = typeof config.cron === 'string' ? 'recurring' : 'once';
  const { at: _a, cron: _c, tz: _t, ...rest } = config;
  return (
    <>
      <Field label={t('forms.runs')}>
        <select value={mode} data-testid="inspector-run-mode" onChange={(e) => onChange(e.target.value === 'once' ? { ...rest, at: '' } : { ...rest, ...defaultCron })}>
          <option value="once">{t('forms.runOnce')}</option>
          <option value="recurring">{t('forms.runRecurring')}</option>
        </select>
      </Field>
      {mode === 'once' ? (
        <InstantInput key="once" iso={String(config.at ?? '')} label={t('forms.at')} error={issues.at('at')} testId="once" onChange={(at) => onChange({ ...rest, at })} />
      ) : (
        <RecurrenceInput
          key="recurring"
          cron={String(config.cron ?? '')}
          tz={String(config.tz ?? 'Asia/Shanghai')}
          cronError={issues.at('cron')}
          tzError={issues.at('tz')}
          onChange={(cron, tz) => onChange({ ...rest, cron, tz })}
        />
      )}
      <OptionalAudience config={config} onChange={onChange} issues={issues} />
      <FormError message={issues.exactly('')} />
    </>
  );
};

export default defineKindUi(triggerSchedule, { icon: CalendarDays, form: ScheduleTriggerForm });
