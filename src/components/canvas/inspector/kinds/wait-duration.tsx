'use client';

import { useTranslation } from 'react-i18next';
import { Hourglass } from 'lucide-react';
import waitDuration from '@/journey/nodes/wait-duration';
import { DurationInput, Field } from '../fields';
import { defineKindUi, type KindForm } from './define';

const WaitDurationForm: KindForm<typeof waitDuration> = ({ config, onChange }) => {
  const { t } = useTranslation();
  return (
    <Field label={t('inspector.duration')}>
      <DurationInput iso={String(config.duration ?? '')} testId="duration" onChange={(duration) => onChange({ ...config, duration })} />
    </Field>
  );
};

export default defineKindUi(waitDuration, { icon: Hourglass, form: WaitDurationForm });
