'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '@/components/trpc-provider';
import { useFormat } from '@/i18n/provider';
import styles from './members.module.css';

const PAGE = 25;

/** Member search by id or name, paginated; phone numbers masked by the server. */
export function MemberSearch() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const trpc = useTRPC();
  const [input, setInput] = useState('');
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    const timer = setTimeout(() => {
      setSearch(input.trim());
      setOffset(0);
    }, 250);
    return () => clearTimeout(timer);
  }, [input]);
  const list = useQuery({
    ...trpc.members.list.queryOptions({ search: search || undefined, limit: PAGE, offset }),
    placeholderData: keepPreviousData,
  });
  const total = list.data?.total ?? 0;

  return (
    <div className="page">
      <h1>{t('members.heading')}</h1>
      <section className="card">
        <div className={styles.search}>
          <input
            type="search"
            data-testid="member-search"
            value={input}
            onChange={(e) => setInput(e.target.value)}
            placeholder={t('members.search')}
            aria-label={t('members.search')}
            autoFocus
          />
          {list.data && <span className="muted" data-testid="member-total">{t('members.total', { n: fmt.number(total) })}</span>}
        </div>
        {list.isPending && <p className="muted">{t('members.loading')}</p>}
        {list.error && <p className="error">{list.error.message}</p>}
        <table className="table" data-testid="member-table">
          <thead>
            <tr>
              <th>{t('members.id')}</th>
              <th>{t('members.name')}</th>
              <th>{t('members.phone')}</th>
              <th>{t('members.tier')}</th>
              <th>{t('members.city')}</th>
              <th className="num">{t('members.points')}</th>
              <th>{t('members.tz')}</th>
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
                <td className={styles.mono}>{m.phone ?? '—'}</td>
                <td>{m.tier}</td>
                <td>{m.city ?? '—'}</td>
                <td className="num">{fmt.number(m.points)}</td>
                <td className="muted small">{m.tz}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.data && total === 0 && <p className="muted">{t('members.empty')}</p>}
        {total > 0 && (
          <div className={styles.pager}>
            <span>{t('crowd.page', { from: fmt.number(offset + 1), to: fmt.number(Math.min(total, offset + PAGE)), total: fmt.number(total) })}</span>
            <button type="button" className="btn small" data-testid="member-prev" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              {t('crowd.prev')}
            </button>
            <button type="button" className="btn small" data-testid="member-next" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
              {t('crowd.next')}
            </button>
          </div>
        )}
      </section>
    </div>
  );
}
