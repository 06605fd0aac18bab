'use client';

import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import '@/i18n/runtime-resources';
import { useTRPC } from '@/components/trpc-provider';
import { useFormat } from '@/i18n/provider';
import styles from './runtime-status.module.css';
import { SendQueue, useChannelName } from './send-queue';
import { EngineWorkers } from './engine-workers';

/** Queue depth, timer lateness and throughput of the engine, the send queue per channel, and the dead letters of every channel with a retry. */
export function RuntimeStatus() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const stats = useQuery({ ...trpc.runtime.stats.queryOptions(), refetchInterval: 2000 });
  const [channel, setChannel] = useState('');
  const channelName = useChannelName();
  const dead = useQuery({ ...trpc.runtime.deadLetters.queryOptions({ limit: 50, ...(channel ? { channel } : {}) }), refetchInterval: 5000 });
  const deadCounts = useQuery({ ...trpc.runtime.deadLetterCounts.queryOptions(), refetchInterval: 5000 });
  const refreshDead = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.runtime.deadLetters.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.runtime.deadLetterCounts.queryKey() });
  };
  const retry = useMutation(trpc.runtime.retry.mutationOptions({ onSuccess: refreshDead }));
  const retryChannel = useMutation(trpc.runtime.retryChannel.mutationOptions({ onSuccess: refreshDead }));
  const picked = deadCounts.data?.find((c) => c.channel === channel);
  const ms = (v: number | null | undefined) => (v === null || v === undefined ? '—' : t('runtime.ms', { value: fmt.number(v) }));
  const s = stats.data;
  const cards: [string, string, string][] = s
    ? [
        ['waiting', t('runtime.waiting'), fmt.number(s.waiting)],
        ['due', t('runtime.dueTimers'), fmt.number(s.dueTimers)],
        ['pending', t('runtime.outboxPending'), fmt.number(s.outboxPending)],
        ['dead', t('runtime.outboxDead'), fmt.number(s.outboxDead)],
        ['p50', t('runtime.latencyP50'), ms(s.latenessP50Ms)],
        ['p99', t('runtime.latencyP99'), ms(s.latenessP99Ms)],
        ['rate', t('runtime.stepsPerSecond'), fmt.number(Math.round(s.stepsPerSecond))],
      ]
    : [];
  return (
    <div className="page">
      <h1>{t('runtime.heading')}</h1>
      <section className={`card ${styles.cards}`}>
        {cards.map(([key, label, value]) => (
          <div key={key} className={styles.card} data-testid={`runtime-${key}`}>
            <strong>{value}</strong>
            <span className="muted">{label}</span>
          </div>
        ))}
      </section>
      {s && <EngineWorkers cluster={s.cluster} at={s.at} />}
      {s && <SendQueue rows={s.sendQueue} at={s.at} />}
      <section className="card">
        <h2>{t('runtime.deadHeading')}</h2>
        <p className="muted">{t('runtime.deadHint')}</p>
        {!!deadCounts.data?.length && (
          <div className="toolbar-row">
            <label>
              {t('runtime.deadByChannel')}{' '}
              <select value={channel} onChange={(e) => setChannel(e.target.value)} data-testid="dead-channel">
                <option value="">{t('runtime.allChannels')}</option>
                {deadCounts.data.map((c) => (
                  <option key={c.channel} value={c.channel}>
                    {`${channelName(c.channel)} (${fmt.number(c.dead)})`}
                  </option>
                ))}
              </select>
            </label>
            {picked && (
              <button type="button" className="btn" disabled={retryChannel.isPending} onClick={() => retryChannel.mutate({ channel })} data-testid="retry-channel">
                {t('runtime.retryChannel', { count: picked.dead })}
              </button>
            )}
            {retryChannel.data && (
              <span role="status" className="notice">
                {t('runtime.retried', { count: retryChannel.data.retried })}
              </span>
            )}
            {retryChannel.error && (
              <span role="alert" className="error">
                {retryChannel.error.message}
              </span>
            )}
          </div>
        )}
        {dead.data && dead.data.length === 0 && <p className="muted">{t('runtime.none')}</p>}
        {dead.data && dead.data.length > 0 && (
          <table className="table" data-testid="dead-letters">
            <thead>
              <tr>
                <th>{t('runtime.journey')}</th>
                <th>{t('runtime.node')}</th>
                <th>{t('runtime.member')}</th>
                <th>{t('runtime.channel')}</th>
                <th className="num">{t('runtime.attempts')}</th>
                <th>{t('runtime.reason')}</th>
                <th>{t('runtime.created')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {dead.data.map((d) => (
                <tr key={d.id} data-testid="dead-letter">
                  <td>{d.journeyId}</td>
                  <td>{d.nodeId}</td>
                  <td>{d.memberId}</td>
                  <td>{channelName(d.channel ?? d.type)}</td>
                  <td className="num">{fmt.number(d.attempts)}</td>
                  <td>{d.reason}</td>
                  <td>{fmt.date(d.createdAt)}</td>
                  <td>
                    <button type="button" className="btn" disabled={retry.isPending} onClick={() => retry.mutate({ outboxId: d.id })}>
                      {t('runtime.retry')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
