'use client';

import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CalendarClock, Play } from 'lucide-react';
import { useTRPC } from '@/components/trpc-provider';
import { useFormat } from '@/i18n/provider';
import '@/i18n/designer-resources';

/**
 * For time-driven triggers: when the journey runs next, in the journey's zone and the viewer's, for about how
 * many members, and "Run now". Nothing shows for event-triggered journeys.
 */
export function NextRuns({ journeyId }: { journeyId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const runs = useQuery({ ...trpc.tools.nextRuns.queryOptions({ id: journeyId }), refetchInterval: 60_000 });
  const [requestId, setRequestId] = useState<number | null>(null);
  const runNow = useMutation(
    trpc.tools.runNow.mutationOptions({
      onSuccess: (res) => {
        setRequestId(res.requestId);
        void queryClient.invalidateQueries({ queryKey: trpc.tools.nextRuns.queryKey({ id: journeyId }) });
      },
    }),
  );
  // The engine workers carry the run out: follow it until it is done.
  const followed = useQuery({
    ...trpc.tools.runNowStatus.queryOptions({ requestId: requestId ?? 1 }),
    enabled: requestId !== null,
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'done' || q.state.data.status === 'failed') ? false : 1_000),
  });
  const run = requestId === null ? runNow.data : followed.data;
  const pending = runNow.isPending || run?.status === 'queued' || run?.status === 'running';
  const viewer = useMemo(() => new Intl.DateTimeFormat(fmt.locale, { dateStyle: 'medium', timeStyle: 'short' }), [fmt.locale]);
  const d = runs.data;
  if (!d) return null;
  const inZone = (at: number, tz: string) => new Intl.DateTimeFormat(fmt.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: tz }).format(at);
  return (
    <section className="totals next-runs" data-testid="next-runs">
      <h2 style={{ gridColumn: '1 / -1' }}>
        <CalendarClock size={15} aria-hidden /> {t('designer.schedule')}
      </h2>
      {d.source === 'draft' && <p className="muted small wide">{t('designer.scheduleDraft')}</p>}
      {d.runs.length === 0 && <p className="muted small wide">{t('designer.scheduleNone')}</p>}
      <ol className="small wide run-list">
        {d.runs.map((r) => (
          <li key={`${r.at}-${r.tz}`} data-testid="next-run" data-at={r.at} data-audience={r.audience}>
            {t('designer.runAt', { journeyTime: inZone(r.at, r.tz), zone: r.tz, viewerTime: viewer.format(r.at) })} ·{' '}
            <b>{t('designer.audience', { count: r.audience, formatted: fmt.number(r.audience) })}</b>
          </li>
        ))}
      </ol>
      {d.source === 'live' && d.status === 'live' && (
        <div className="wide">
          <button
            type="button"
            className="btn small"
            data-testid="run-now"
            disabled={pending}
            onClick={() => window.confirm(t('designer.runNowConfirm')) && runNow.mutate({ id: journeyId })}
          >
            <Play size={14} aria-hidden /> {t('designer.runNow')}
          </button>{' '}
          {pending && runNow.isSuccess && (
            <span className="small muted" data-testid="run-now-pending">
              {t('designer.runNowQueued')}
            </span>
          )}
          {run?.status === 'done' && (
            <span className="small" data-testid="run-now-result">
              {t('designer.ranNow', { count: run.enrolled, formatted: fmt.number(run.enrolled) })}
            </span>
          )}
          {run?.status === 'failed' && <p className="error small">{run.error}</p>}
          {runNow.error && <p className="error small">{runNow.error.message}</p>}
        </div>
      )}
    </section>
  );
}
