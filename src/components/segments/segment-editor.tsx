'use client';

import { useEffect, useMemo, useState, type FormEvent } from 'react';
import Link from 'next/link';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { conditionSchema, type Condition } from '@/journey';
import { useTRPC } from '@/components/trpc-provider';
import { useFormat, useLocale } from '@/i18n/provider';
import { ConditionEditor } from '@/components/canvas/inspector/condition-editor';
import { Field } from '@/components/canvas/inspector/fields';
import { issueLookup, schemaIssues } from '@/components/canvas/inspector/config-issues';
import styles from './segments.module.css';

export interface SegmentDraft {
  id: string;
  name: string;
  condition: Condition | undefined;
  /** Editing a saved segment: its id stays. */
  existing: boolean;
}

const slugOf = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64);

/** Waits until typing pauses before counting: every count reads all members. */
function useSettled<T>(value: T, ms = 350): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Name, id and rules of a segment, with a live count of who matches before it is saved. */
export function SegmentEditor({ draft, onSaved, onCancel }: { draft: SegmentDraft; onSaved(name: string): void; onCancel(): void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { number } = useFormat();
  const trpc = useTRPC();
  const [name, setName] = useState(draft.name);
  const [id, setId] = useState(draft.id);
  const [idTouched, setIdTouched] = useState(draft.existing);
  const [condition, setCondition] = useState<Condition | undefined>(draft.condition);
  const save = useMutation(trpc.segments.save.mutationOptions());

  const effectiveId = idTouched ? id : slugOf(name) || id;
  // The rule editor looks issues up under "condition", as in a node's config.
  const issues = useMemo(
    () => issueLookup(condition ? schemaIssues(conditionSchema, condition, locale).map((i) => ({ ...i, path: i.path ? `condition.${i.path}` : 'condition' })) : []),
    [condition, locale],
  );
  const valid = condition !== undefined && conditionSchema.safeParse(condition).success;
  const settled = useSettled(valid ? condition : undefined);
  const preview = useQuery({ ...trpc.segments.preview.queryOptions({ condition: settled as Condition }), enabled: settled !== undefined, placeholderData: keepPreviousData });
  const fieldErrors = save.error?.data?.fieldErrors;
  const errorFor = (field: string) => fieldErrors?.find((f) => f.path === field)?.message ?? null;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!condition) return;
    save.mutate({ id: effectiveId, name, condition }, { onSuccess: () => onSaved(name) });
  };

  return (
    <form className={`card ${styles.editor}`} data-testid="segment-editor" onSubmit={onSubmit}>
      <h2>{draft.existing ? t('segments.editorEdit', { name: draft.name }) : t('segments.editorNew')}</h2>
      <div className={styles.row}>
        <Field label={t('segments.name')} error={errorFor('name')}>
          <input value={name} placeholder={t('segments.namePlaceholder')} data-testid="segment-name" onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label={t('segments.id')} hint={t('segments.idHint')} error={errorFor('id')}>
          <input
            value={effectiveId}
            readOnly={draft.existing}
            data-testid="segment-id"
            onChange={(e) => {
              setIdTouched(true);
              setId(e.target.value);
            }}
          />
        </Field>
      </div>
      <div className="field">
        <span className="field-label">{t('segments.rule')}</span>
        <span className="field-hint">{t('segments.ruleHint')}</span>
        <ConditionEditor value={condition} onChange={setCondition} kinds={['attr', 'tag', 'segment', 'event']} path="condition" issues={issues} testId="segment-rules" />
        {!condition && (
          <p className="field-error" data-testid="field-error">
            {t('segments.noRules')}
          </p>
        )}
      </div>
      <p className={styles.preview} data-testid="segment-preview" data-matching={preview.data?.matching ?? ''} aria-live="polite">
        {preview.isFetching && !preview.data ? t('segments.previewing') : null}
        {preview.data && valid ? t('segments.preview', { count: preview.data.matching, total: number(preview.data.members), formatted: number(preview.data.matching) }) : null}
        {preview.data && valid && preview.data.sample.length > 0 && (
          <span className={styles.sample}>
            {t('segments.sample')}{' '}
            {preview.data.sample.map((m) => (
              <Link key={m} href={`/members/${encodeURIComponent(m)}`}>
                {m}
              </Link>
            ))}
          </span>
        )}
      </p>
      {save.error && !fieldErrors?.length && (
        <p className="error" role="alert" data-testid="segment-error">
          {t('segments.failed', { message: save.error.message })}
        </p>
      )}
      <div className={styles.actions}>
        <button type="submit" className="btn primary" data-testid="segment-save" disabled={!valid || save.isPending}>
          {t('segments.save')}
        </button>
        <button type="button" className="btn ghost" data-testid="segment-cancel" onClick={onCancel}>
          {t('segments.cancel')}
        </button>
      </div>
    </form>
  );
}
