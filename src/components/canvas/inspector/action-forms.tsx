'use client';

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DurationInput, Field, type FormProps } from './fields';
import { without } from './schedule-forms';
import { PickerInput, useVocabulary } from './form-kit';

const tagPattern = /^[\w\u4e00-\u9fa5-]{1,40}$/;
const countOps = ['eq', 'gt', 'gte', 'lt', 'lte'] as const;
const opText: Record<(typeof countOps)[number], string> = { eq: '=', gt: '>', gte: '≥', lt: '<', lte: '≤' };

const splitTags = (text: string) =>
  text
    .split(/[,，\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** A comma-separated tag list; the text is kept locally so commas and spaces can be typed. */
function TagsField({ label, value, testId, onChange }: { label: string; value: string[] | undefined; testId: string; onChange(tags: string[]): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => (value ?? []).join(', '));
  const bad = splitTags(text).filter((tag) => !tagPattern.test(tag));
  return (
    <Field label={label} hint={t('forms.tagsHint')} error={bad.length ? t('forms.badTag', { tag: bad[0] }) : null}>
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

export function TagForm({ config, onChange }: FormProps) {
  const { t } = useTranslation();
  const add = config.add as string[] | undefined;
  const remove = config.remove as string[] | undefined;
  const set = (key: 'add' | 'remove', tags: string[]) => onChange(tags.length ? { ...config, [key]: tags } : without(config, key));
  const empty = (add?.length ?? 0) + (remove?.length ?? 0) === 0;
  return (
    <>
      <TagsField label={t('forms.addTags')} value={add} testId="inspector-tags-add" onChange={(tags) => set('add', tags)} />
      <TagsField label={t('forms.removeTags')} value={remove} testId="inspector-tags-remove" onChange={(tags) => set('remove', tags)} />
      {empty && (
        <p className="field-error" data-testid="field-error">
          {t('forms.tagsRequired')}
        </p>
      )}
    </>
  );
}

export function HandoffForm({ config, onChange }: FormProps) {
  const { t } = useTranslation();
  const task = String(config.task ?? '');
  return (
    <>
      <Field label={t('forms.task')} hint={
          <>
            {t('forms.taskHint')} <code>{'{{member.name}}'}</code>
          </>
        } error={task.trim() ? null : t('forms.required')}>
        <textarea rows={3} value={task} data-testid="inspector-task" onChange={(e) => onChange({ ...config, task: e.target.value })} />
      </Field>
      <Field label={t('forms.due')} hint={t('forms.optionalDuration')}>
        <DurationInput iso={String(config.due ?? '')} testId="due" onChange={(due) => onChange(due ? { ...config, due } : without(config, 'due'))} />
      </Field>
    </>
  );
}

interface Count {
  op: (typeof countOps)[number];
  value: number;
}

export function BranchCountForm({ config, onChange }: FormProps) {
  const { t } = useTranslation();
  const vocab = useVocabulary();
  const event = String(config.event ?? '');
  const count = (config.count ?? { op: 'gte', value: 1 }) as Count;
  const [valueText, setValueText] = useState(String(count.value ?? ''));
  const valueOk = /^\d+$/.test(valueText.trim());
  return (
    <>
      <Field label={t('inspector.event')} error={event.trim() ? null : t('forms.required')}>
        <PickerInput value={event} options={vocab.events} labels="event" testId="inspector-event" onChange={(next) => onChange({ ...config, event: next })} />
      </Field>
      <Field label={t('forms.count')} error={valueOk ? null : t('forms.badCount')}>
        <span className="inline">
          <select value={count.op} data-testid="inspector-count-op" onChange={(e) => onChange({ ...config, count: { ...count, op: e.target.value } })}>
            {countOps.map((op) => (
              <option key={op} value={op}>
                {opText[op]}
              </option>
            ))}
          </select>
          <input
            type="number"
            min={0}
            step={1}
            value={valueText}
            data-testid="inspector-count-value"
            onChange={(e) => {
              setValueText(e.target.value);
              // An invalid count is stored as -1 so validation flags the node too.
              const n = /^\d+$/.test(e.target.value.trim()) ? Number(e.target.value) : -1;
              onChange({ ...config, count: { ...count, value: n } });
            }}
          />
        </span>
      </Field>
      <Field label={t('forms.within')} hint={t('forms.optionalDuration')}>
        <DurationInput iso={String(config.within ?? '')} testId="within" onChange={(within) => onChange(within ? { ...config, within } : without(config, 'within'))} />
      </Field>
      <label className="check">
        <input
          type="checkbox"
          checked={config.sinceEntry === true}
          data-testid="inspector-since-entry"
          onChange={(e) => onChange(e.target.checked ? { ...config, sinceEntry: true } : without(config, 'sinceEntry'))}
        />
        <span>{t('forms.sinceEntry')}</span>
      </label>
    </>
  );
}
