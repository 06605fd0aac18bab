'use client';

import { useTranslation } from 'react-i18next';
import { BadgeCheck, Hourglass } from 'lucide-react';
import { DurationInput, Field } from '@/components/canvas/inspector/fields';
import { defineKindUi, type KindForm } from '@/components/canvas/inspector/kinds';
import waitForSegment from './wait-for-segment';
import triggerCheckIn from './trigger-check-in';

/** The fixture kinds' UI modules, as a kind would have them in src/components/canvas/inspector/kinds. */
const WaitForSegmentForm: KindForm<typeof waitForSegment> = ({ config, onChange, issues }) => {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t('forms.segment')} error={issues.at('segment')}>
        <input value={config.segment ?? ''} data-testid="inspector-segment" onChange={(e) => onChange({ ...config, segment: e.target.value })} />
      </Field>
      <Field label={t('inspector.timeout')}>
        <DurationInput iso={config.timeout ?? ''} testId="timeout" onChange={(timeout) => onChange({ ...config, timeout })} />
      </Field>
    </>
  );
};

export const waitForSegmentUi = defineKindUi(waitForSegment, { icon: Hourglass, form: WaitForSegmentForm });
export const triggerCheckInUi = defineKindUi(triggerCheckIn, { icon: BadgeCheck, form: 'json' });
