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

/** The channel a node sends on, when its config names one (any kind with a `channel` gets the message UI). */
const channelOf = (config: Record<string, unknown> | undefined) => (typeof config?.channel === 'string' ? config.channel : null);

/**
 * In the node's header (so the node keeps its size and its handles their place): "Record only" when no
 * provider sends the node's channel.
 */
export function RecordOnlyBadge({ id, config }: { id: string; config: Record<string, unknown> | undefined }) {
  const { t } = useTranslation();
  const channel = channelOf(config);
  const mode = useMessageStats((s) => (channel ? s.modes[channel]?.mode : undefined));
  if (mode !== 'record_only') return null;
  return (
    <span className="jn-record-only" data-testid={`record-only-${id}`} title={t('messageStats.recordOnlyHint')}>
      {t('messageStats.recordOnly')}
    </span>
  );
}

/** With analytics on, on a node that sends on a channel: what became of its messages. */
export function MessageNodeStats({ id, config }: { id: string; config: Record<string, unknown> | undefined }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const channel = channelOf(config);
  const counts = useMessageStats((s) => s.counts?.[id]);
  const analyticsOn = useMessageStats((s) => s.counts !== null);
  if (!channel || !analyticsOn) return null;
  const shown = [
    ['sent', counts?.sent ?? 0],
    ['delivered', counts?.delivered ?? 0],
    ['failed', counts?.failed ?? 0],
    ['clicked', counts?.clicked ?? 0],
    ...(counts?.recordOnly ? [['recorded', counts.recordOnly] as const] : []),
    ...(counts?.queued ? [['queued', counts.queued] as const] : []),
    ...(counts?.skipped ? [['skipped', counts.skipped] as const] : []),
  ] as const;
  return (
    <div className="jn-messages" data-testid={`messages-${id}`}>
      {shown.map(([key, n]) => (
        <span key={key}>
          {t(`messageStats.${key}`)} <b data-testid={`msg-${id}-${key}`}>{fmt.count(n)}</b>
        </span>
      ))}
    </div>
  );
}
