'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useValues } from '@/i18n/values';
import { useTRPC } from '@/components/trpc-provider';
import { useFormat } from '@/i18n/provider';
import '@/i18n/member-resources';
import styles from './members.module.css';

const PAGE = 25;

interface Filters {
  tier: string;
  tag: string;
  segment: string;
}

const NO_FILTERS: Filters = { tier: '', tag: '', segment: '' };

/** Member search by id, name, phone digits or email, filtered by tier, tag or segment; phone and email masked by the server. */
export function MemberSearch() {
  const { t } = useTranslation();
  const values = useValues();
  const fmt = useFormat();
  const trpc = useTRPC();
  const [input, setInput] = useState('');
  const [search, setSearch] = useState('');
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    const timer = setTimeout(() => {
      setSearch(input.trim());
      setOffset(0);
    }, 250);
    return () => clearTimeout(timer);
  }, [input]);
  const vocabulary = useQuery(trpc.members.vocabulary.queryOptions());
  const segments = useQuery(trpc.segments.list.queryOptions());
  const tiers = useQuery(trpc.members.tiers.queryOptions());
  const list = useQuery({
    ...trpc.members.list.queryOptions({
      search: search || undefined,
      tier: filters.tier || undefined,
      tag: filters.tag || undefined,
      segment: filters.segment || undefined,
      limit: PAGE,
      offset,
    }),
    placeholderData: keepPreviousData,
  });
  const total = list.data?.total ?? 0;
  const setFilter = (key: keyof Filters, value: string) => {
    setFilters((f) => ({ ...f, [key]: value }));
    setOffset(0);
  };
  const filtered = filters.tier || filters.tag || filters.segment;

  return (
    <div className="page">
      <div className={styles.head}>
        <h1>{t('memberList.heading')}</h1>
        <Link href="/members/import" className={`btn ${styles.back}`} data-testid="member-import-link">
          {t('memberList.import')}
        </Link>
      </div>
      <section className="card">
        <div className={styles.search}>
          <input
            type="search"
            data-testid="member-search"
            value={input}
            onChange={(e) => setInput(e.target.value)}
            placeholder={t('memberList.search')}
            aria-label={t('memberList.search')}
            autoFocus
          />
          {list.data && (
            <span className="muted" data-testid="member-total" data-value={total}>
              {t('memberList.total', { n: fmt.number(total) })}
            </span>
          )}
        </div>
        <div className={styles.filters}>
          <select data-testid="member-filter-tier" aria-label={t('memberList.tierFilter')} value={filters.tier} onChange={(e) => setFilter('tier', e.target.value)}>
            <option value="">{t('memberList.anyTier')}</option>
            {tiers.data?.map((tier) => (
              <option key={tier} value={tier}>
                {values.tier(tier)}
              </option>
            ))}
          </select>
          <select data-testid="member-filter-tag" aria-label={t('memberList.tagFilter')} value={filters.tag} onChange={(e) => setFilter('tag', e.target.value)}>
            <option value="">{t('memberList.anyTag')}</option>
            {vocabulary.data?.tags.map((tag) => (
              <option key={tag.tag} value={tag.tag}>
                {t('memberList.withCount', { name: tag.tag, n: fmt.number(tag.members) })}
              </option>
            ))}
          </select>
          <select data-testid="member-filter-segment" aria-label={t('memberList.segmentFilter')} value={filters.segment} onChange={(e) => setFilter('segment', e.target.value)}>
            <option value="">{t('memberList.anySegment')}</option>
            {(segments.data ?? vocabulary.data?.segments.map((s) => ({ ...s, members: null })))?.map((s) => (
              <option key={s.id} value={s.id}>
                {s.members === null ? s.name : t('memberList.withCount', { name: s.name, n: fmt.number(s.members) })}
              </option>
            ))}
          </select>
          {filtered && (
            <button type="button" className="btn small ghost" data-testid="member-filter-clear" onClick={() => {
                setFilters(NO_FILTERS);
                setOffset(0);
              }}>
              {t('memberList.clear')}
            </button>
          )}
        </div>
        {list.isPending && <p className="muted">{t('memberList.loading')}</p>}
        {list.error && <p className="error">{list.error.message}</p>}
        <table className="table" data-testid="member-table">
          <thead>
            <tr>
              <th>{t('memberList.id')}</th>
              <th>{t('memberList.name')}</th>
              <th>{t('memberList.phone')}</th>
              <th>{t('memberList.tier')}</th>
              <th>{t('memberList.tags')}</th>
              <th>{t('memberList.city')}</th>
              <th className="num">{t('memberList.points')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data?.rows.map((m) => (
              <tr key={m.id} data-testid="member-row" data-member={m.id}>
                <td>
                  <Link href={`/members/${encodeURIComponent(m.id)}`} data-testid="member-link">
                    {m.id}
                  </Link>
                </td>
                <td>{m.name}</td>
                <td className={styles.mono} data-testid="member-phone">
                  {m.phone ?? '—'}
                </td>
                <td>{values.tier(m.tier)}</td>
                <td>
                  {m.tags.map((tag) => (
                    <span key={tag} className={styles.tag}>
                      {tag}
                    </span>
                  ))}
                </td>
                <td>{m.city ?? '—'}</td>
                <td className="num">{fmt.number(m.points)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.data && total === 0 && <p className="muted">{t('memberList.empty')}</p>}
        {total > 0 && (
          <div className={styles.pager}>
            <span>{t('memberList.page', { from: fmt.number(offset + 1), to: fmt.number(Math.min(total, offset + PAGE)), total: fmt.number(total) })}</span>
            <button type="button" className="btn small" data-testid="member-prev" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              {t('memberList.prev')}
            </button>
            <button type="button" className="btn small" data-testid="member-next" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
              {t('memberList.next')}
            </button>
          </div>
        )}
      </section>
    </div>
  );
}
