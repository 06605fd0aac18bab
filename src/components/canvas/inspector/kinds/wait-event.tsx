'use client';

import { useTranslation } from 'react-i18next';
import { Timer } from 'lucide-react';
import waitEvent from '@/journey/nodes/wait-event';
import { DurationInput, Field } from '../fields';
import { EventField } from '../event-field';
import { defineKindUi, type KindForm } from './define';

const WaitEventForm: KindForm<typeof waitEvent> = ({ config, onChange, issues }) => {
  const { t } = useTranslation();
  return (
    <>
      <EventField config={config} onChange={onChange} issues={issues} />
      <Field label={t('inspector.timeout')}>
        <DurationInput iso={String(config.timeout ?? '')} testId="timeout" onChange={(timeout) => onChange({ ...config, timeout })} />
      </Field>
    </>
  );
};

export default defineKindUi(waitEvent, { icon: Timer, form: WaitEventForm });
