'use client';

import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '@/components/trpc-provider';
import { useFormat } from '@/i18n/provider';

type Target = 'live' | 'paused' | 'archived';

/**
 * Pause (暂停), resume (恢复) and archive (归档) a published journey. A pause stops
 * new entries and holds members where they are; resuming lets due waits fire at
 * once and replays the events held members sent meanwhile.
 */
export function LifecycleControls({ journeyId }: { journeyId: string }) {
  const { t } = useTranslation();
  const { date } = useFormat();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const journey = useQuery(trpc.journeys.get.queryOptions({ id: journeyId }));
  const setStatus = useMutation(trpc.journeys.setStatus.mutationOptions());
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const status = journey.data?.status;
  if (status !== 'live' && status !== 'paused') return null;

  const change = async (next: Target) => {
    if (next === 'archived' && !window.confirm(t('lifecycle.archiveConfirm'))) return;
    setNote(null);
    try {
      const res = await setStatus.mutateAsync({ id: journeyId, status: next });
      const text = next === 'live' ? t('lifecycle.resumed', { count: res.replayed }) : next === 'paused' ? t('lifecycle.pausedNote') : t('lifecycle.archivedNote');
      setNote({ ok: true, text });
      void queryClient.invalidateQueries({ queryKey: trpc.journeys.get.queryKey({ id: journeyId }) });
      void queryClient.invalidateQueries({ queryKey: trpc.journeys.list.queryKey() });
    } catch (err) {
      setNote({ ok: false, text: t('lifecycle.failed', { message: err instanceof Error ? err.message : String(err) }) });
    }
  };

  const busy = setStatus.isPending;
  return (
    <span className="lifecycle" data-testid="lifecycle">
      {status === 'live' ? (
        <button type="button" className="btn" data-testid="pause" disabled={busy} title={t('lifecycle.pauseHint')} onClick={() => void change('paused')}>
          {t('lifecycle.pause')}
        </button>
      ) : (
        <>
          {journey.data?.pausedAt != null && (
            <span className="muted small" data-testid="paused-since">
              {t('lifecycle.pausedSince', { time: date(journey.data.pausedAt) })}
            </span>
          )}
          <button type="button" className="btn" data-testid="resume" disabled={busy} title={t('lifecycle.resumeHint')} onClick={() => void change('live')}>
            {t('lifecycle.resume')}
          </button>
        </>
      )}
      <button type="button" className="btn ghost" data-testid="archive" disabled={busy} onClick={() => void change('archived')}>
        {t('lifecycle.archive')}
      </button>
      {note && (
        <span className={`publish-status ${note.ok ? 'good' : 'bad'}`} data-testid="lifecycle-status" role={note.ok ? 'status' : 'alert'}>
          {note.text}
        </span>
      )}
    </span>
  );
}
