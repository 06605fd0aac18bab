'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Copy, Search, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '@/components/trpc-provider';
import { StatusBadge } from '@/components/status-badge';
import { useFormat } from '@/i18n/provider';
import { TemplatesGallery } from '@/components/templates-gallery';
import '@/i18n/designer-resources';

type Sort = 'updated' | 'name' | 'active';
const STATUSES = ['draft', 'live', 'paused', 'archived'] as const;

export function JourneyList() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const trpc = useTRPC();
  const router = useRouter();
  const list = useQuery(trpc.journeys.list.queryOptions());
  const create = useMutation(
    trpc.journeys.create.mutationOptions({ onSuccess: ({ id }) => router.push(`/journeys/${encodeURIComponent(id)}`) }),
  );
  const [name, setName] = useState('');
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.journeys.list.queryKey() });
  const duplicate = useMutation(trpc.tools.duplicate.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.tools.deleteDraft.mutationOptions({ onSuccess: refresh }));
  // Search, filter and sort happen here: the list is one row per journey, small enough to hold.
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState('');
  const [sort, setSort] = useState<Sort>('updated');
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    const rows = (list.data ?? []).filter((j) => (!q || j.name.toLowerCase().includes(q) || j.id.toLowerCase().includes(q)) && (!status || j.status === status));
    const by: Record<Sort, (a: (typeof rows)[number], b: (typeof rows)[number]) => number> = {
      updated: (a, b) => b.updatedAt - a.updatedAt,
      name: (a, b) => a.name.localeCompare(b.name, fmt.locale) || a.id.localeCompare(b.id),
      active: (a, b) => b.activeMembers - a.activeMembers,
    };
    return [...rows].sort(by[sort]);
  }, [list.data, query, status, sort, fmt.locale]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) create.mutate({ name: name.trim() });
  };

  return (
    <div className="page">
      <h1>{t('list.heading')}</h1>
      <section className="card">
        {list.isPending && <p className="muted">{t('list.loading')}</p>}
        {list.error && <p className="error">{t('list.loadError', { message: list.error.message })}</p>}
        {list.data && list.data.length === 0 && <p className="muted">{t('list.empty')}</p>}
        {list.data && list.data.length > 0 && (
          <div className="toolbar-row" data-testid="journey-tools">
            <span className="inline-tools">
              <Search size={14} aria-hidden />
              <input type="search" value={query} placeholder={t('designer.search')} aria-label={t('designer.search')} data-testid="journey-search" onChange={(e) => setQuery(e.target.value)} />
            </span>
            <select value={status} aria-label={t('list.status')} data-testid="journey-status-filter" onChange={(e) => setStatus(e.target.value)}>
              <option value="">{t('designer.allStatuses')}</option>
              {STATUSES.map((st) => (
                <option key={st} value={st}>
                  {t(`status.${st}`)}
                </option>
              ))}
            </select>
            <label className="inline-tools small">
              {t('designer.sortBy')}
              <select value={sort} data-testid="journey-sort" onChange={(e) => setSort(e.target.value as Sort)}>
                <option value="updated">{t('designer.sortUpdated')}</option>
                <option value="name">{t('designer.sortName')}</option>
                <option value="active">{t('designer.sortActive')}</option>
              </select>
            </label>
          </div>
        )}
        {(duplicate.error || remove.error) && <p className="error" data-testid="journey-tool-error">{(duplicate.error ?? remove.error)!.message}</p>}
        {list.data && list.data.length > 0 && shown.length === 0 && <p className="muted">{t('designer.noMatch')}</p>}
        {shown.length > 0 && (
          <table className="table" data-testid="journey-table">
            <thead>
              <tr>
                <th>{t('list.name')}</th>
                <th>{t('list.status')}</th>
                <th className="num">{t('list.liveVersion')}</th>
                <th className="num">{t('list.activeMembers')}</th>
                <th className="num">{t('list.totalEnrolments')}</th>
                <th>{t('list.updated')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {shown.map((j) => (
                <tr key={j.id} data-testid={`journey-row-${j.id}`}>
                  <td>
                    <Link href={`/journeys/${encodeURIComponent(j.id)}`} data-testid="journey-link">{j.name}</Link>{' '}
                    <Link href={`/journeys/${encodeURIComponent(j.id)}/report`} className="small" data-testid="journey-report-link">
                      · {t('nav.report')}
                    </Link>
                    {/* The id tells apart journeys named alike. */}
                    <div className="muted small mono">{j.id}</div>
                  </td>
                  <td>
                    <StatusBadge status={j.status} />
                  </td>
                  <td className="num">{j.liveVersion === null ? '—' : `v${fmt.number(j.liveVersion)}`}</td>
                  <td className="num">{fmt.number(j.activeMembers)}</td>
                  <td className="num">{fmt.number(j.totalEnrolments)}</td>
                  <td>{fmt.date(j.updatedAt)}</td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="btn small ghost"
                      data-testid="journey-duplicate"
                      title={t('designer.duplicate')}
                      disabled={duplicate.isPending}
                      onClick={() => duplicate.mutate({ id: j.id, name: t('designer.copyName', { name: j.name }) })}
                    >
                      <Copy size={14} aria-hidden /> {t('designer.duplicate')}
                    </button>
                    <button
                      type="button"
                      className="btn small ghost danger"
                      data-testid="journey-delete"
                      // A published journey keeps its history: it can be archived, never deleted.
                      disabled={j.liveVersion !== null || j.totalEnrolments > 0 || remove.isPending}
                      title={j.liveVersion !== null ? t('designer.deleteOnlyDrafts') : t('designer.delete')}
                      onClick={() => window.confirm(t('designer.deleteConfirm', { name: j.name })) && remove.mutate({ id: j.id })}
                    >
                      <Trash2 size={14} aria-hidden /> {t('designer.delete')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card">
        <h2>{t('list.newHeading')}</h2>
        <form className="inline-form" onSubmit={onSubmit}>
          <input
            data-testid="new-journey-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={t('list.newPlaceholder')}
            maxLength={120}
            aria-label={t('list.name')}
          />
          <button type="submit" className="btn primary" data-testid="create-journey" disabled={!name.trim() || create.isPending}>
            {create.isPending ? t('list.creating') : t('list.create')}
          </button>
        </form>
        {create.error && <p className="error">{create.error.message}</p>}
        <TemplatesGallery name={name} />
      </section>
    </div>
  );
}
