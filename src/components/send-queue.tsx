'use client';

import { useTranslation } from 'react-i18next';
import '@/i18n/runtime-resources';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/root';
import { channelLabels } from '@/journey/nodes/action-message';
import { useFormat, useLocale } from '@/i18n/provider';

/** A channel's send queue as `runtime.stats` reports it (typed from the server, not restated). */
export type SendQueueRow = inferRouterOutputs<AppRouter>['runtime']['stats']['sendQueue'][number];

/** A channel's name in the viewer's language (unknown ones as they are stored). */
export function useChannelName() {
  const locale = useLocale();
  return (channel: string) => {
    const l = channelLabels[channel as keyof typeof channelLabels];
    return l ? (locale === 'zh-CN' ? l.zh : l.en) : channel;
  };
}

/** How long something has waited, in the largest whole unit (Intl unit formatting: "3 min", "3 分钟"). */
function waited(ms: number, locale: string): string {
  const [value, unit] = ms >= 3_600_000 ? [ms / 3_600_000, 'hour'] : ms >= 60_000 ? [ms / 60_000, 'minute'] : [ms / 1000, 'second'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 0 }).format(Math.max(0, Math.floor(value)));
}

/** The send queue per channel on the runtime page: queued, held back by a rate limit, the oldest wait, the limits. */
export function SendQueue({ rows, at }: { rows: SendQueueRow[]; at: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const name = useChannelName();
  return (
    <section className="card">
      <h2>{t('runtime.queueHeading')}</h2>
      <p className="muted">{t('runtime.queueHint')}</p>
      {rows.length === 0 ? (
        <p className="muted">{t('runtime.queueEmpty')}</p>
      ) : (
        <table className="table" data-testid="send-queue">
          <thead>
            <tr>
              <th>{t('runtime.channel')}</th>
              <th className="num">{t('runtime.queued')}</th>
              <th className="num">{t('runtime.deferred')}</th>
              <th>{t('runtime.oldestWait')}</th>
              <th>{t('runtime.limit')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const limits = [r.perSecond ? t('runtime.perSecond', { n: fmt.number(r.perSecond) }) : null, r.perMinute ? t('runtime.perMinute', { n: fmt.number(r.perMinute) }) : null].filter(Boolean);
              return (
                <tr key={r.channel} data-testid={`send-queue-${r.channel}`}>
                  <td>{name(r.channel)}</td>
                  <td className="num" data-testid="queued">
                    {fmt.number(r.queued)}
                  </td>
                  <td className="num" data-testid="deferred">
                    {fmt.number(r.deferred)}
                  </td>
                  <td>{r.oldestAt === null ? '—' : waited(at - r.oldestAt, fmt.locale)}</td>
                  <td data-testid="limit">{limits.length ? limits.join(' · ') : t('runtime.noLimit')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
