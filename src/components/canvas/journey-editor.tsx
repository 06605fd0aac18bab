'use client';

import { useEffect, useRef, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '@/components/trpc-provider';
import { useEditor } from '@/stores/editor';
import { Canvas } from './canvas';
import { Inspector } from './inspector/inspector';
import { Palette } from './palette';
import { ProblemsPanel } from './problems-panel';
import { StatsTotals } from './stats-totals';
import { Toolbar } from './toolbar';

const STATS_POLL_MS = 2_000;

export function JourneyEditor({ journeyId }: { journeyId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const journey = useQuery(trpc.journeys.get.queryOptions({ id: journeyId }));
  const [analytics, setAnalytics] = useState(false);
  const stats = useQuery({
    ...trpc.analytics.nodeStats.queryOptions({ journeyId }),
    enabled: analytics,
    refetchInterval: analytics ? STATS_POLL_MS : false,
    staleTime: 0,
  });
  const loadedFor = useRef<string | null>(null);
  const loaded = useEditor((s) => s.journeyId === journeyId);

  // Load the draft once per journey: later refetches (after publish) must not wipe edits.
  useEffect(() => {
    if (journey.data && loadedFor.current !== journeyId) {
      loadedFor.current = journeyId;
      useEditor.getState().load(journeyId, journey.data.draft);
    }
  }, [journey.data, journeyId]);

  useEffect(() => {
    useEditor.getState().setStats(analytics && stats.data ? stats.data : null);
  }, [analytics, stats.data]);

  if (journey.error) return <p className="page error">{t('editor.loadError', { message: journey.error.message })}</p>;
  if (!journey.data || !loaded) return <p className="page muted">{t('editor.loading')}</p>;

  const live = journey.data.versions.find((v) => v.id === journey.data.liveVersionId);
  return (
    <ReactFlowProvider>
      <div className="editor">
        <Toolbar
          journeyId={journeyId}
          status={journey.data.status}
          liveVersion={live?.number ?? null}
          analytics={analytics}
          onToggleAnalytics={() => setAnalytics((a) => !a)}
        />
        <div className="editor-body">
          <Palette />
          <Canvas />
          <div className="side">
            {analytics && <StatsTotals />}
            <Inspector />
            <ProblemsPanel />
          </div>
        </div>
      </div>
    </ReactFlowProvider>
  );
}
