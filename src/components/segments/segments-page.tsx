'use client';

import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import '@/i18n/segment-resources';
import { describeCondition } from '@/journey';
import { useTRPC } from '@/components/trpc-provider';
import { useFormat } from '@/i18n/provider';
import { VocabularyContext } from '@/components/canvas/inspector/form-kit';
import { collectVocabulary } from '@/components/canvas/inspector/vocabulary';
import { SegmentEditor, type SegmentDraft } from './segment-editor';
import { GroupUpload } from './group-upload';
import styles from './segments.module.css';

/** 人群: saved segments with their size now, an editor with a live count, and static group upload. */
export function SegmentsPage() {
  const { t } = useTranslation();
  const { number, locale } = useFormat();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const segments = useQuery(trpc.segments.list.queryOptions());
  const workspace = useQuery({ ...trpc.members.vocabulary.queryOptions(), staleTime: 60_000 });
  const vocabulary = useMemo(() => collectVocabulary({ nodes: [] }, workspace.data), [workspace.data]);
  const [draft, setDraft] = useState<SegmentDraft | null>(null);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.segments.list.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.members.vocabulary.queryKey() });
  };
  const remove = useMutation(
    trpc.segments.delete.mutationOptions({
      onSuccess: refresh,
      onError: (err) => setNote({ ok: false, text: err.message }),
    }),
  );

  return (
    <VocabularyContext.Provider value={vocabulary}>
      <div className="page" data-testid="segments-page">
        <div className={styles.head}>
          <h1>{t('segments.heading')}</h1>
          <button
            type="button"
            className="btn primary"
            data-testid="segment-new"
            onClick={() => {
              setNote(null);
              setDraft({ id: '', name: '', condition: undefined, existing: false });
            }}
          >
            + {t('segments.new')}
          </button>
        </div>
        <p className="muted">{t('segments.subtitle')}</p>
        {note && (
          <p className={note.ok ? 'publish-status good' : 'error'} role={note.ok ? 'status' : 'alert'} data-testid="segments-note">
            {note.text}
          </p>
        )}
        <section className="card">
          {segments.data?.length === 0 && <p className="muted">{t('segments.empty')}</p>}
          {!!segments.data?.length && (
            <table className="table" data-testid="segments-table">
              <thead>
                <tr>
                  <th>{t('segments.name')}</th>
                  <th>{t('segments.id')}</th>
                  <th>{t('segments.rule')}</th>
                  <th className="num">{t('segments.members')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {segments.data.map((s) => (
                  <tr key={s.id} data-testid={`segment-row-${s.id}`}>
                    <td>{s.name}</td>
                    <td className={styles.mono}>{s.id}</td>
                    <td className={styles.rule}>{describeCondition(s.condition, locale)}</td>
                    <td className="num" data-testid="segment-members" data-value={s.members}>
                      {number(s.members)}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="btn small"
                        data-testid="segment-edit"
                        onClick={() => {
                          setNote(null);
                          setDraft({ id: s.id, name: s.name, condition: s.condition, existing: true });
                        }}
                      >
                        {t('segments.edit')}
                      </button>{' '}
                      <button
                        type="button"
                        className="btn small ghost"
                        data-testid="segment-delete"
                        onClick={() => {
                          setNote(null);
                          if (window.confirm(t('segments.deleteConfirm', { name: s.name }))) remove.mutate({ id: s.id });
                        }}
                      >
                        {t('segments.delete')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        {draft && (
          <SegmentEditor
            key={draft.existing ? draft.id : 'new'}
            draft={draft}
            onCancel={() => setDraft(null)}
            onSaved={(name) => {
              setDraft(null);
              setNote({ ok: true, text: t('segments.saved', { name }) });
              refresh();
            }}
          />
        )}
        <GroupUpload onUploaded={refresh} />
      </div>
    </VocabularyContext.Provider>
  );
}
