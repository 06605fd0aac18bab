'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '@/components/trpc-provider';
import { useLocale } from '@/i18n/provider';
import { channelLabels } from '@/journey/nodes/action-message';
import '@/i18n/message-stats-resources';
import type { ReportFormat } from './format';
import type { NodeLabel } from './types';

type Range = { from?: number; to?: number };

/**
 * What became of each message node's messages: sent (accepted by a provider),
 * delivered, failed, clicked, and what was only recorded because the channel
 * has no provider. Nodes are those whose config names a channel.
 */
export function MessagesSection({ journeyId, range, fmt, label }: { journeyId: string; range: Range; fmt: ReportFormat; label: NodeLabel }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const journey = useQuery(trpc.journeys.get.queryOptions({ id: journeyId }));
  const stats = useQuery(trpc.analytics.messageStats.queryOptions({ journeyId, ...range }));
  const modes = useQuery({ ...trpc.channels.modes.queryOptions(), staleTime: 30_000 });
  const nodes = (journey.data?.draft.nodes ?? []).flatMap((n) => {
    const channel = (n.config as { channel?: unknown } | undefined)?.channel;
    return typeof channel === 'string' ? [{ id: n.id, channel }] : [];
  });
  if (nodes.length === 0) return null;
  const rate = (n: number, of: number) => (of > 0 ? fmt.pct(n / of) : '—');
  return (
    <section className="card" data-testid="messages">
      <h2>{t('messageStats.heading')}</h2>
      <p className="muted small">{t('messageStats.hint')}</p>
      <table className="table">
        <thead>
          <tr>
            <th>{t('messageStats.node')}</th>
            <th>{t('messageStats.channel')}</th>
            <th>{t('messageStats.via')}</th>
            <th className="num">{t('messageStats.sent')}</th>
            <th className="num">{t('messageStats.delivered')}</th>
            <th className="num">{t('messageStats.failed')}</th>
            <th className="num">{t('messageStats.clicked')}</th>
            <th className="num">{t('messageStats.recorded')}</th>
            <th className="num">{t('messageStats.queued')}</th>
            <th className="num">{t('messageStats.skipped')}</th>
          </tr>
        </thead>
        <tbody>
          {nodes.map(({ id, channel }) => {
            const c = stats.data?.nodes[id];
            const mode = modes.data?.[channel];
            const sent = c?.sent ?? 0;
            const names = channelLabels[channel as keyof typeof channelLabels];
            return (
              <tr key={id} data-testid="message-row" data-node={id}>
                <td>
                  {label(id)} <code>{id}</code>
                </td>
                <td>{names ? (locale === 'zh-CN' ? names.zh : names.en) : channel}</td>
                <td>
                  {mode?.mode === 'record_only' ? (
                    <span className="jn-record-only" data-testid="message-record-only">
                      {t('messageStats.recordOnly')}
                    </span>
                  ) : (
                    (mode?.provider ?? (channel === 'webhook' ? 'webhook' : '—'))
                  )}
                </td>
                <td className="num" data-testid="message-sent">{fmt.number(sent)}</td>
                <td className="num" data-testid="message-delivered" title={t('messageStats.rate', { share: rate(c?.delivered ?? 0, sent) })}>
                  {fmt.number(c?.delivered ?? 0)}
                </td>
                <td className="num" data-testid="message-failed">{fmt.number(c?.failed ?? 0)}</td>
                <td className="num" data-testid="message-clicked" title={t('messageStats.rate', { share: rate(c?.clicked ?? 0, sent) })}>
                  {fmt.number(c?.clicked ?? 0)}
                </td>
                <td className="num" data-testid="message-recorded">{fmt.number(c?.recordOnly ?? 0)}</td>
                <td className="num">{fmt.number(c?.queued ?? 0)}</td>
                <td className="num">{fmt.number(c?.skipped ?? 0)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
