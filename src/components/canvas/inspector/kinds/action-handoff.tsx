'use client';

import { useTranslation } from 'react-i18next';
import { Handshake } from 'lucide-react';
import actionHandoff from '@/journey/nodes/action-handoff';
import { DurationInput, Field } from '../fields';
import { without } from '../form-kit';
import { defineKindUi, type KindForm } from './define';

const HandoffForm: KindForm<typeof actionHandoff> = ({ config, onChange, issues }) => {
  const { t } = useTranslation();
  const task = String(config.task ?? '');
  return (
    <>
      <Field
        label={t('forms.task')}
        hint={
          <>
            {t('forms.taskHint')} <code>{'{{member.name}}'}</code>
          </>
        }
        error={issues.at('task', t('forms.required'))}
      >
        <textarea rows={3} value={task} data-testid="inspector-task" onChange={(e) => onChange({ ...config, task: e.target.value })} />
      </Field>
      <Field label={t('forms.due')} hint={t('forms.optionalDuration')}>
        <DurationInput iso={String(config.due ?? '')} testId="due" onChange={(due) => onChange(due ? { ...config, due } : without(config, 'due'))} />
      </Field>
    </>
  );
};

export default defineKindUi(actionHandoff, { icon: Handshake, form: HandoffForm });
