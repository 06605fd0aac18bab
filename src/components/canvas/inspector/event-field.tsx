'use client';

import { useTranslation } from 'react-i18next';
import type { Condition } from '@/journey';
import { Field } from './fields';
import { PickerInput, useVocabulary } from './form-kit';
import { EventFilter } from './condition-editor';
import type { IssueLookup } from './config-issues';

interface EventConfig {
  event?: string;
  where?: Condition;
}

/** The event a trigger or a wait listens for, and optionally which of those events count (`where`). */
export function EventField<C extends EventConfig>({ config, onChange, issues }: { config: C; onChange(config: C): void; issues: IssueLookup }) {
  const { t } = useTranslation();
  const vocab = useVocabulary();
  const event = String(config.event ?? '');
  return (
    <>
      <Field label={t('inspector.event')} error={issues.at('event')}>
        <PickerInput value={event} options={vocab.events} labels="event" testId="inspector-event" onChange={(next) => onChange({ ...config, event: next })} />
      </Field>
      <EventFilter
        event={event}
        value={config.where}
        path="where"
        issues={issues}
        onChange={(where) => {
          const { where: _old, ...rest } = config;
          onChange((where ? { ...rest, where } : rest) as C);
        }}
      />
    </>
  );
}
