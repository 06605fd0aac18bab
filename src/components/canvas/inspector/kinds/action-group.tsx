'use client';

import { useTranslation } from 'react-i18next';
import { Users } from 'lucide-react';
import actionGroup from '@/journey/nodes/action-group';
import { Field } from '../fields';
import { PickerInput, useNameHints, useVocabulary } from '../form-kit';
import { defineKindUi, type KindForm } from './define';

/** 客群分流: add the member to a static customer group, or remove them from it. */
const GroupForm: KindForm<typeof actionGroup> = ({ config, onChange, issues }) => {
  const { t } = useTranslation();
  const vocab = useVocabulary();
  const hints = useNameHints();
  return (
    <>
      <Field label={t('forms.groupOp')}>
        <select value={config.op === 'remove' ? 'remove' : 'add'} data-testid="inspector-group-op" onChange={(e) => onChange({ ...config, op: e.target.value === 'remove' ? 'remove' : 'add' })}>
          <option value="add">{t('forms.groupAdd')}</option>
          <option value="remove">{t('forms.groupRemove')}</option>
        </select>
      </Field>
      <Field label={t('forms.group')} hint={t('forms.groupHint')} error={issues.at('group', t('forms.badGroup'))}>
        <PickerInput value={String(config.group ?? '')} options={vocab.groups} hint={hints.segment} testId="inspector-group" onChange={(group) => onChange({ ...config, group })} />
      </Field>
    </>
  );
};

export default defineKindUi(actionGroup, { icon: Users, form: GroupForm });
