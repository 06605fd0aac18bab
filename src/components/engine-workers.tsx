'use client';

import { useTranslation } from 'react-i18next';
import '@/i18n/engine-workers-resources';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/root';
import { useFormat } from '@/i18n/provider';
import { compressRanges } from './partition-ranges';
import styles from './engine-workers.module.css';

/** The engine workers and partitions as `runtime.stats` reports them (typed from the server, not restated). */
export type Cluster = inferRouterOutputs<AppRouter>['runtime']['stats']['cluster'];

/** Partitions shown in the lag table: the furthest behind first. */
const TOP_LAGGING = 10;

/** A lag or lateness in the largest fitting unit (Intl unit formatting: "850 ms", "4.2 s", "3 min"; "850毫秒", "4.2秒"). */
function duration(ms: number, locale: string): string {
  const [value, unit, digits] =
    ms < 1000 ? [ms, 'millisecond', 0] : ms < 60_000 ? [ms / 1000, 'second', 1] : ms < 3_600_000 ? [ms / 60_000, 'minute', 0] : [ms / 3_600_000, 'hour', 1];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: digits }).format(value);
}

/** How long ago, from the server's `at` ("5 seconds ago", "5秒钟前"). */
function ago(then: number, at: number, locale: string): string {
  const s = Math.max(0, Math.round((at - then) / 1000));
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  return s < 60 ? rtf.format(-s, 'second') : s < 3600 ? rtf.format(-Math.floor(s / 60), 'minute') : rtf.format(-Math.floor(s / 3600), 'hour');
}

/** The runtime page's "Workers" section: who steps which partitions, their figures, partitions nobody steps, and the most lagging ones. */
export function EngineWorkers({ cluster, at }: { cluster: Cluster; at: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const ms = (v: number | null) => (v === null ? '—' : duration(v, fmt.locale));
  const workerName = new Map(cluster.workers.map((w) => [w.id, w.pid === null ? w.host : `${w.host}:${w.pid}`]));
  const behind = (p: Cluster['partitions'][number]) => Math.max(p.lagMs ?? 0, p.timerLagMs ?? 0);
  const lagging = cluster.partitions
    .filter((p) => p.pending > 0 || p.dueTimers > 0)
    .sort((a, b) => behind(b) - behind(a) || a.partition - b.partition)
    .slice(0, TOP_LAGGING);
  return (
    <section className="card" data-testid="engine-workers">
      <h2>{t('engineWorkers.heading')}</h2>
      <p className="muted">{t('engineWorkers.hint')}</p>
      {cluster.unowned.length > 0 && (
        <p role="alert" className={styles.warning} data-testid="unowned-partitions">
          {t('engineWorkers.unowned', { count: cluster.unowned.length, list: compressRanges(cluster.unowned) })}
        </p>
      )}
      {cluster.workers.length === 0 ? (
        <p className="muted">{t('engineWorkers.none')}</p>
      ) : (
        <table className="table" data-testid="worker-list">
          <thead>
            <tr>
              <th>{t('engineWorkers.host')}</th>
              <th className="num">{t('engineWorkers.pid')}</th>
              <th>{t('engineWorkers.partitions')}</th>
              <th className="num">{t('engineWorkers.stepsPerSecond')}</th>
              <th className="num">{t('engineWorkers.latenessP99')}</th>
              <th>{t('engineWorkers.heartbeat')}</th>
              <th>{t('engineWorkers.status')}</th>
            </tr>
          </thead>
          <tbody>
            {cluster.workers.map((w) => (
              <tr key={w.id} data-testid="worker-row" title={w.id}>
                <td>{w.host}</td>
                <td className="num">{w.pid ?? '—'}</td>
                <td data-testid="worker-partitions">
                  <strong>{fmt.number(w.partitions.length)}</strong>
                  {w.partitions.length > 0 && <span className={`muted ${styles.ranges}`}>{compressRanges(w.partitions)}</span>}
                </td>
                <td className="num">{w.stepsPerSecond === null ? '—' : fmt.number(Math.round(w.stepsPerSecond))}</td>
                <td className="num">{ms(w.latenessP99Ms)}</td>
                <td title={w.heartbeatAt === null ? undefined : fmt.date(w.heartbeatAt)}>{w.heartbeatAt === null ? '—' : ago(w.heartbeatAt, at, fmt.locale)}</td>
                <td>
                  {w.stopping ? (
                    <span className="badge badge-paused">{t('engineWorkers.stopping')}</span>
                  ) : w.live ? (
                    <span className="badge badge-live">{t('engineWorkers.live')}</span>
                  ) : (
                    <span className="badge">{t('engineWorkers.silent')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t('engineWorkers.lagHeading')}</h3>
      <p className="muted">{t('engineWorkers.lagHint')}</p>
      {lagging.length === 0 ? (
        <p className="muted">{t('engineWorkers.lagNone')}</p>
      ) : (
        <table className="table" data-testid="partition-lag">
          <thead>
            <tr>
              <th className="num">{t('engineWorkers.partition')}</th>
              <th>{t('engineWorkers.owner')}</th>
              <th className="num">{t('engineWorkers.pending')}</th>
              <th className="num">{t('engineWorkers.lag')}</th>
              <th className="num">{t('engineWorkers.dueTimers')}</th>
              <th className="num">{t('engineWorkers.timerLag')}</th>
            </tr>
          </thead>
          <tbody>
            {lagging.map((p) => (
              <tr key={p.partition} data-testid={`partition-lag-${p.partition}`}>
                <td className="num">{p.partition}</td>
                <td className={p.owner === null ? styles.noOwner : undefined}>{p.owner === null ? t('engineWorkers.noOwner') : (workerName.get(p.owner) ?? p.owner)}</td>
                <td className="num">{fmt.number(p.pending)}</td>
                <td className="num">{ms(p.lagMs)}</td>
                <td className="num">{fmt.number(p.dueTimers)}</td>
                <td className="num">{ms(p.timerLagMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
