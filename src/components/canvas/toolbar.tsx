'use client';

import { useState } from 'react';
import Link from 'next/link';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '@/components/trpc-provider';
import { StatusBadge } from '@/components/status-badge';
import { useEditor } from '@/stores/editor';
import { PublishDialog } from './publish-dialog';
import { LifecycleControls } from './lifecycle-controls';
import '@/i18n/designer-resources';

interface Props {
  journeyId: string;
  status: string;
  liveVersion: number | null;
  analytics: boolean;
  onToggleAnalytics(): void;
  save(): Promise<boolean>;
  saving: boolean;
  saveError: string | null;
}

type PublishState =
  | { kind: 'idle' }
  | { kind: 'ok'; number: number; migrated: number; kept: number }
  | { kind: 'pending'; requestId: number }
  | { kind: 'refused'; count: number }
  | { kind: 'unchanged'; number: number }
  | { kind: 'error'; message: string };

export function Toolbar({ journeyId, status, liveVersion, analytics, onToggleAnalytics, save, saving, saveError }: Props) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const name = useEditor((s) => s.meta.name);
  const dirty = useEditor((s) => s.dirty);
  const [published, setPublished] = useState<PublishState>({ kind: 'idle' });
  const [confirming, setConfirming] = useState(false);
  const publishMutation = useMutation(trpc.journeys.publish.mutationOptions());
  const busy = saving || publishMutation.isPending;

  const doPublish = async (migrate?: boolean) => {
    try {
      const res = await publishMutation.mutateAsync({ id: journeyId, ...(migrate !== undefined ? { migrate } : {}) });
      setConfirming(false);
      if (res.ok && 'pending' in res) {
        setPublished({ kind: 'pending', requestId: res.requestId });
      } else if (res.ok) {
        setPublished({ kind: 'ok', number: res.version.number, migrated: res.migrated, kept: res.kept });
        void queryClient.invalidateQueries({ queryKey: trpc.journeys.get.queryKey({ id: journeyId }) });
        void queryClient.invalidateQueries({ queryKey: trpc.journeys.list.queryKey() });
      } else {
        // The server's verdict wins over live validation until the next edit.
        useEditor.getState().setProblems(res.problems);
        setPublished({ kind: 'refused', count: res.problems.length });
      }
    } catch (err) {
      setConfirming(false);
      setPublished({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  };

  const publish = async () => {
    setPublished({ kind: 'idle' });
    if (!(await save())) return;
    if (liveVersion !== null && useEditor.getState().problems.length === 0) {
      // A draft identical to the live version has nothing to publish: say so instead of asking to publish "no changes".
      const d = await queryClient.fetchQuery({ ...trpc.journeys.diff.queryOptions({ id: journeyId }), staleTime: 0 });
      const unchanged = !d.added.length && !d.removed.length && !d.changed.length && !d.edgesChanged && !d.settingsChanged;
      if (unchanged) setPublished({ kind: 'unchanged', number: liveVersion });
      // Replacing a live version of a valid draft: show what changes and who is in flight first.
      else setConfirming(true);
    } else await doPublish();
  };

  const saveLabel = saving ? t('editor.saving') : saveError ? t('editor.saveFailed', { message: saveError }) : dirty ? t('editor.unsaved') : t('editor.saved');

  return (
    <div className="toolbar">
      <Link href="/" className="toolbar-back">
        {t('editor.back')}
      </Link>
      <h1 className="toolbar-name" data-testid="journey-name">
        {name}
      </h1>
      <StatusBadge status={status} testId="journey-status" />
      {liveVersion !== null && <span className="muted small">{t('editor.liveVersion', { number: liveVersion })}</span>}
      <LifecycleControls journeyId={journeyId} />
      <span className="spacer" />
      <span className={`save-status${dirty || saveError ? ' warn' : ''}`} data-testid="save-status" data-state={saving ? 'saving' : dirty ? 'dirty' : 'saved'}>
        {saveLabel}
      </span>
      <button type="button" className="btn" data-testid="save" disabled={busy} onClick={() => void save()}>
        {t('editor.save')}
      </button>
      <button type="button" className="btn primary" data-testid="publish" disabled={busy} onClick={() => void publish()}>
        {publishMutation.isPending ? t('editor.publishing') : t('editor.publish')}
      </button>
      <span
        className={`publish-status${published.kind === 'ok' || published.kind === 'pending' ? ' good' : published.kind === 'idle' || published.kind === 'unchanged' ? '' : ' bad'}`}
        data-testid="publish-status"
        data-state={published.kind}
        title={published.kind === 'ok' ? t('publishDialog.result', { migrated: published.migrated, kept: published.kept }) : undefined}
      >
        {published.kind === 'ok' && t('editor.published', { number: published.number })}
        {published.kind === 'pending' && t('editor.publishPending', { id: published.requestId })}
        {published.kind === 'refused' && t('editor.publishRefused', { count: published.count })}
        {published.kind === 'unchanged' && t('designer.publishUnchanged', { number: published.number })}
        {published.kind === 'error' && t('editor.publishFailed', { message: published.message })}
      </span>
      <button
        type="button"
        className={`btn${analytics ? ' active' : ''}`}
        data-testid="toggle-analytics"
        aria-pressed={analytics}
        onClick={onToggleAnalytics}
      >
        {t('editor.analytics')}
      </button>
      {confirming && liveVersion !== null && (
        <PublishDialog
          journeyId={journeyId}
          liveVersion={liveVersion}
          busy={publishMutation.isPending}
          onCancel={() => setConfirming(false)}
          onConfirm={(migrate) => void doPublish(migrate)}
        />
      )}
    </div>
  );
}
