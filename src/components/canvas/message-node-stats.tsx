'use client';

import { useEffect } from 'react';
import { useQuery, keepPreviousData } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useFormat } from '@/i18n/provider';
import { useTRPC } from '@/components/trpc-provider';
import { useMessageStats } from '@/stores/message-stats';
import '@/i18n/message-stats-resources';

const POLL_MS = 2_000;

/** Loads channel modes (always) and message counts (with analytics on) for the canvas's message nodes. */
export function MessageStatsFeed({ journeyId, analytics, range }: { journeyId: string; analytics: boolean; range: { from?: number; to?: number } | null }) {
  const trpc = useTRPC();
  const modes = useQuery({ ...trpc.channels.modes.queryOptions(), staleTime: 30_000 });
  const counts = useQuery({
    ...trpc.analytics.messageStats.queryOptions({ journeyId, ...(range ?? {}) }),
    enabled: analytics && range !== null,
    refetchInterval: analytics ? POLL_MS : false,
    staleTime: 0,
    placeholderData: keepPreviousData,
  });
  useEffect(() => {
    if (modes.data) useMessageStats.getState().setModes(modes.data);
  }, [modes.data]);
  useEffect(() => {
    useMessageStats.getState().setCounts(analytics && counts.data ? counts.data.nodes : null);
  }, [analytics, counts.data]);
  return null;
}

/**
 * On a node that sends on a channel (its config names one): a "record only"
 * badge when no provider sends that channel, and with analytics on what
 * became of its messages. Any kind with a `channel` in its config gets this.
 */
export function MessageNodeStats({ id, config }: { id: string; config: Record<string, unknown> | undefined }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const channel = typeof config?.channel === 'string' ? config.channel : null;
  const mode = useMessageStats((s) => (channel ? s.modes[channel]?.mode : undefined));
  const counts = useMessageStats((s) => s.counts?.[id]);
  const analyticsOn = useMessageStats((s) => s.counts !== null);
  if (!channel) return null;
  const recordOnly = mode === 'record_only';
  const shown = analyticsOn
    ? ([
        ['sent', counts?.sent ?? 0],
        ['delivered', counts?.delivered ?? 0],
        ['failed', counts?.failed ?? 0],
        ['clicked', counts?.clicked ?? 0],
        ...(counts?.recordOnly ? [['recorded', counts.recordOnly] as const] : []),
        ...(counts?.queued ? [['queued', counts.queued] as const] : []),
        ...(counts?.skipped ? [['skipped', counts.skipped] as const] : []),
      ] as const)
    : [];
  if (!recordOnly && shown.length === 0) return null;
  return (
    <div className="jn-messages" data-testid={`messages-${id}`}>
      {recordOnly && (
        <span className="jn-record-only" data-testid={`record-only-${id}`} title={t('messageStats.recordOnlyHint')}>
          {t('messageStats.recordOnly')}
        </span>
      )}
      {shown.map(([key, n]) => (
        <span key={key}>
          {t(`messageStats.${key}`)} <b data-testid={`msg-${id}-${key}`}>{fmt.count(n)}</b>
        </span>
      ))}
    </div>
  );
}
