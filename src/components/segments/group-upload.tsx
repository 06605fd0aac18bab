'use client';

import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '@/components/trpc-provider';
import { Field } from '@/components/canvas/inspector/fields';
import styles from './segments.module.css';

/** Ids from pasted text or a CSV / text file: one per line, or separated by commas, semicolons or spaces. */
export function parseMemberIds(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim().replace(/^"|"$/g, ''))
    .filter(Boolean);
}

/** 人群上传: a static group from a list of member ids. */
export function GroupUpload({ onUploaded }: { onUploaded(): void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [groupId, setGroupId] = useState('');
  const [text, setText] = useState('');
  const upload = useMutation(trpc.segments.uploadGroup.mutationOptions({ onSuccess: onUploaded }));
  const fieldErrors = upload.error?.data?.fieldErrors;
  const errorFor = (field: string) => fieldErrors?.find((f) => f.path === field)?.message ?? null;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    upload.mutate({ groupId: groupId.trim(), memberIds: parseMemberIds(text) });
  };

  const result = upload.data;
  return (
    <form className={`card ${styles.editor}`} data-testid="group-upload" onSubmit={onSubmit}>
      <h2>{t('segments.uploadHeading')}</h2>
      <p className="muted small">{t('segments.uploadHint')}</p>
      <Field label={t('segments.groupId')} error={errorFor('groupId')}>
        <input value={groupId} data-testid="group-id" onChange={(e) => setGroupId(e.target.value)} />
      </Field>
      <Field label={t('segments.ids')} error={errorFor('memberIds')}>
        <textarea rows={4} value={text} data-testid="group-ids" onChange={(e) => setText(e.target.value)} />
      </Field>
      <Field label={t('segments.file')}>
        <input type="file" accept=".csv,.txt,text/plain,text/csv" data-testid="group-file" onChange={(e) => void e.target.files?.[0]?.text().then(setText)} />
      </Field>
      <div className={styles.actions}>
        <button type="submit" className="btn" data-testid="group-upload-submit" disabled={upload.isPending}>
          {t('segments.upload')}
        </button>
        {result && (
          <span className="publish-status good" data-testid="group-upload-result" role="status">
            {t('segments.uploaded', { group: upload.variables?.groupId, added: result.added, kept: result.kept })}
          </span>
        )}
      </div>
      {result && result.unknown.length > 0 && (
        <p className="error" data-testid="group-upload-unknown">
          {t('segments.unknown', { count: result.unknown.length, ids: result.unknown.slice(0, 20).join(', ') + (result.unknown.length > 20 ? ', …' : '') })}
        </p>
      )}
      {upload.error && !fieldErrors?.length && (
        <p className="error" role="alert">
          {upload.error.message}
        </p>
      )}
    </form>
  );
}
