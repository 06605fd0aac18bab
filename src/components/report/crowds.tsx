'use client';

import { useState, useSyncExternalStore, type FormEvent } from 'react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Link from 'next/link';
import { useTRPC } from '@/components/trpc-provider';
import { getNodeKind } from '@/journey';
import type { ReportFormat } from './format';
import { crowdKinds, type CrowdKind } from './types';
import { useValues } from '@/i18n/values';
import styles from './report.module.css';

const PAGE = 20;

/** 各节点人群: who is at / passed a node, who reached (达标) or missed (未达标) the goal; export and save as a group. */
export function CrowdsSection({
  journeyId,
  nodes,
  range,
  fmt,
}: {
  journeyId: string;
  nodes: { id: string; kind: string; label: string }[];
  /** The report's date range in ms: passed / reached / missed count moves made in it. */
  range: { from?: number; to?: number };
  fmt: ReportFormat;
}) {
  const { t } = useTranslation();
  const values = useValues();
  // The browser's zone; the server render (and hydration) uses UTC so both agree, then the browser's applies.
  const viewerZone = useSyncExternalStore(noSubscribe, browserZone, () => 'UTC');
  const trpc = useTRPC();
  const [picked, setPicked] = useState<string | null>(null);
  // Default to the first wait: that is where members are most likely to be right now.
  const nodeId = picked ?? (nodes.find((n) => getNodeKind(n.kind)?.isWait) ?? nodes[0])?.id ?? '';
  const [kind, setKind] = useState<CrowdKind>('at');
  const [offset, setOffset] = useState(0);
  const [groupId, setGroupId] = useState('');
  const crowd = useQuery({
    ...trpc.analytics.crowd.queryOptions({ journeyId, nodeId, kind, ...range, limit: PAGE, offset }),
    enabled: !!nodeId,
    placeholderData: keepPreviousData,
  });
  const save = useMutation(trpc.analytics.saveCrowd.mutationOptions());
  const bounds = Object.entries(range).map(([k, v]) => [k, String(v)]);
  // The viewer's zone travels with the export so its times read as they do on screen.
  const exportHref = `/api/crowds/export?${new URLSearchParams([['journeyId', journeyId], ['nodeId', nodeId], ['kind', kind], ...bounds, ['tz', viewerZone]])}`;
  const total = crowd.data?.total ?? 0;

  const onSave = (e: FormEvent) => {
    e.preventDefault();
    if (groupId.trim() && nodeId) save.mutate({ journeyId, nodeId, kind, ...range, groupId: groupId.trim() });
  };

  return (
    <section className="card" data-testid="crowds">
      <h2>{t('crowd.heading')}</h2>
      <div className={styles.toolbar}>
        <label>
          {t('crowd.node')}
          <select
            data-testid="crowd-node"
            value={nodeId}
            onChange={(e) => {
              setPicked(e.target.value);
              setOffset(0);
              save.reset();
            }}
          >
            {nodes.map((n) => (
              <option key={n.id} value={n.id}>
                {n.label} ({n.id})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('crowd.kind')}
          <select
            data-testid="crowd-kind"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as CrowdKind);
              setOffset(0);
              save.reset();
            }}
          >
            {crowdKinds.map((k) => (
              <option key={k} value={k}>
                {t(`crowd.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <strong data-testid="crowd-total" data-total={crowd.data?.total}>
          {crowd.data ? t('crowd.total', { n: fmt.number(total) }) : '…'}
        </strong>
        <span className="spacer" />
        <a className="btn small" href={exportHref} download data-testid="crowd-export">
          {t('crowd.export')}
        </a>
      </div>
      {crowd.error && <p className="error">{crowd.error.message}</p>}
      <table className="table" data-testid="crowd-table">
        <thead>
          <tr>
            <th>{t('crowd.member')}</th>
            <th>{t('crowd.name')}</th>
            <th>{t('crowd.phone')}</th>
            <th>{t('crowd.tier')}</th>
            <th>{t('crowd.city')}</th>
            <th>{t('crowd.status')}</th>
            <th>{t('crowd.enteredAt')}</th>
            <th>{t('crowd.goalAt')}</th>
          </tr>
        </thead>
        <tbody>
          {crowd.data?.rows.map((r) => (
            <tr key={r.memberId} data-testid="crowd-row">
              <td>
                <Link href={`/members/${encodeURIComponent(r.memberId)}`}>{r.memberId}</Link>
              </td>
              <td>{r.name}</td>
              <td className={styles.mono} data-testid="crowd-phone">
                {r.phone ?? '—'}
              </td>
              <td>{values.tier(r.tier)}</td>
              <td>{r.city ?? '—'}</td>
              <td>{values.status(r.status)}</td>
              <td>{fmt.date(r.enteredAt)}</td>
              <td>{r.goalAt ? fmt.date(r.goalAt) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {crowd.data && total === 0 && <p className="muted">{t('crowd.empty')}</p>}
      <div className={styles.pager}>
        <span>{t('crowd.masked')}</span>
        <span className="spacer" />
        {total > 0 && (
          <span data-testid="crowd-page">
            {t('crowd.page', { from: fmt.number(offset + 1), to: fmt.number(Math.min(total, offset + PAGE)), total: fmt.number(total) })}
          </span>
        )}
        <button type="button" className="btn small" data-testid="crowd-prev" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
          {t('crowd.prev')}
        </button>
        <button type="button" className="btn small" data-testid="crowd-next" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
          {t('crowd.next')}
        </button>
      </div>
      <form className={styles.saveRow} onSubmit={onSave}>
        <input
          data-testid="crowd-group-id"
          value={groupId}
          onChange={(e) => setGroupId(e.target.value)}
          placeholder={t('crowd.groupPlaceholder')}
          aria-label={t('crowd.groupId')}
          maxLength={64}
        />
        <button type="submit" className="btn" data-testid="crowd-save" disabled={!groupId.trim() || !nodeId || save.isPending}>
          {save.isPending ? t('crowd.saving') : t('crowd.save')}
        </button>
        {save.data && (
          <span className={styles.saved} data-testid="crowd-saved" data-members={save.data.members}>
            {t('crowd.saved', { members: fmt.number(save.data.members), groupId: save.data.groupId })}
          </span>
        )}
        {save.error && <span className="error small">{save.error.message}</span>}
      </form>
    </section>
  );
}

const noSubscribe = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
