'use client';

import { NextRuns } from './next-runs';
import './editor.css';
import { useEffect, useRef, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '@/components/trpc-provider';
import { MessageStatsFeed } from './message-node-stats';
import { rangeProblem, rangeToMs, type DayRange } from '@/components/report/day-range';
import { useEditor } from '@/stores/editor';
import { Canvas } from './canvas';
import { EditTools } from './edit-tools';
import { Inspector } from './inspector/inspector';
import { Palette } from './palette';
import { ProblemsPanel } from './problems-panel';
import { StatsTotals, type VersionOption } from './stats-totals';
import { TestRunPanel } from './test-run-panel';
import { Toolbar } from './toolbar';
import { useDraftSave } from './use-draft-save';

const STATS_POLL_MS = 2_000;

export function JourneyEditor({ journeyId }: { journeyId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const journey = useQuery(trpc.journeys.get.queryOptions({ id: journeyId }));
  const loadedFor = useRef<string | null>(null);
  const loaded = useEditor((s) => s.journeyId === journeyId);

  // Load the draft once per journey: later refetches (after publish) must not wipe edits.
  useEffect(() => {
    if (journey.data && loadedFor.current !== journeyId) {
      loadedFor.current = journeyId;
      useEditor.getState().load(journeyId, journey.data.draft);
    }
  }, [journey.data, journeyId]);

  if (journey.error) return <p className="page error">{t('editor.loadError', { message: journey.error.message })}</p>;
  if (!journey.data || !loaded) return <p className="page muted">{t('editor.loading')}</p>;

  const live = journey.data.versions.find((v) => v.id === journey.data.liveVersionId);
  return (
    <ReactFlowProvider>
      <Workspace journeyId={journeyId} status={journey.data.status} liveVersion={live?.number ?? null} versions={journey.data.versions} />
    </ReactFlowProvider>
  );
}

interface WorkspaceProps {
  journeyId: string;
  status: string;
  liveVersion: number | null;
  versions: VersionOption[];
}

function Workspace({ journeyId, status, liveVersion, versions }: WorkspaceProps) {
  const trpc = useTRPC();
  const [analytics, setAnalytics] = useState(false);
  // The overlay counts one published version, or all of them.
  const [versionId, setVersionId] = useState<number | undefined>(undefined);
  // Days in the viewer's time zone; an inconsistent range keeps the last counts and shows why.
  const [range, setRange] = useState<DayRange>({});
  const { save, saving, saveError } = useDraftSave(journeyId);
  const stats = useQuery({
    ...trpc.analytics.nodeStats.queryOptions({ journeyId, ...(versionId === undefined ? {} : { versionId }), ...rangeToMs(range) }),
    enabled: analytics && rangeProblem(range) === null,
    refetchInterval: analytics ? STATS_POLL_MS : false,
    staleTime: 0,
    // Switching versions keeps the overlay up until the new counts arrive.
    placeholderData: keepPreviousData,
  });

  useEffect(() => {
    useEditor.getState().setStats(analytics && stats.data ? stats.data : null);
  }, [analytics, stats.data]);

  return (
    <div className="editor">
      <MessageStatsFeed journeyId={journeyId} analytics={analytics} range={rangeProblem(range) === null ? rangeToMs(range) : null} />
      <Toolbar
        journeyId={journeyId}
        status={status}
        liveVersion={liveVersion}
        analytics={analytics}
        onToggleAnalytics={() => setAnalytics((a) => !a)}
        save={save}
        saving={saving}
        saveError={saveError}
      />
      <EditTools onSave={() => void save()} />
      <div className="editor-body">
        <Palette />
        <Canvas />
        <div className="side">
          {analytics && (
            <StatsTotals versions={versions} versionId={versionId} onVersion={setVersionId} range={range} onRange={setRange} counted={stats.data?.range} />
          )}
          <NextRuns journeyId={journeyId} />
          <Inspector />
          <ProblemsPanel />
          <TestRunPanel />
        </div>
      </div>
    </div>
  );
}
