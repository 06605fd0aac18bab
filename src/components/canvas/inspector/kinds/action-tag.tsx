'use client';

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Tag } from 'lucide-react';
import actionTag from '@/journey/nodes/action-tag';
import { Field } from '../fields';
import { FormError, without } from '../form-kit';
import type { IssueLookup } from '../config-issues';
import { defineKindUi, type KindForm } from './define';

const splitTags = (text: string) =>
  text
    .split(/[,，\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * A comma-separated tag list; the text is kept locally so commas and spaces can be typed. Which tag is
 * wrong comes from the kind's schema (the issue at `add.N`), named in the form's words.
 */
function TagsField({ label, list, value, issues, testId, onChange }: { label: string; list: 'add' | 'remove'; value: string[] | undefined; issues: IssueLookup; testId: string; onChange(tags: string[]): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => (value ?? []).join(', '));
  const bad = (value ?? []).find((_, i) => issues.at(`${list}.${i}`));
  return (
    <Field label={label} hint={t('forms.tagsHint')} error={bad !== undefined ? t('forms.badTag', { tag: bad }) : null}>
      <input
        value={text}
        data-testid={testId}
        onChange={(e) => {
          setText(e.target.value);
          onChange(splitTags(e.target.value));
        }}
      />
    </Field>
  );
}

const TagForm: KindForm<typeof actionTag> = ({ config, onChange, issues }) => {
  const { t } = useTranslation();
  const set = (key: 'add' | 'remove', tags: string[]) => onChange(tags.length ? { ...config, [key]: tags } : without(config, key));
  return (
    <>
      <TagsField label={t('forms.addTags')} list="add" value={config.add} issues={issues} testId="inspector-tags-add" onChange={(tags) => set('add', tags)} />
      <TagsField label={t('forms.removeTags')} list="remove" value={config.remove} issues={issues} testId="inspector-tags-remove" onChange={(tags) => set('remove', tags)} />
      {/* "Add or remove at least one tag": the schema's rule about the config as a whole. */}
      <FormError message={issues.exactly('')} />
    </>
  );
};

export default defineKindUi(actionTag, { icon: Tag, form: TagForm });
