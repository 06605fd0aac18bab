'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '@/components/trpc-provider';
import { StatusBadge } from '@/components/status-badge';
import { useFormat } from '@/i18n/provider';
import { TemplatesGallery } from '@/components/templates-gallery';

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
          <table className="table" data-testid="journey-table">
            <thead>
              <tr>
                <th>{t('list.name')}</th>
                <th>{t('list.status')}</th>
                <th className="num">{t('list.liveVersion')}</th>
                <th className="num">{t('list.activeMembers')}</th>
                <th className="num">{t('list.totalEnrolments')}</th>
                <th>{t('list.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((j) => (
                <tr key={j.id} data-testid={`journey-row-${j.id}`}>
                  <td>
                    <Link href={`/journeys/${encodeURIComponent(j.id)}`} data-testid="journey-link">{j.name}</Link>{' '}
                    <Link href={`/journeys/${encodeURIComponent(j.id)}/report`} className="small" data-testid="journey-report-link">
                      · {t('nav.report')}
                    </Link>
                  </td>
                  <td>
                    <StatusBadge status={j.status} />
                  </td>
                  <td className="num">{j.liveVersion === null ? '—' : `v${fmt.number(j.liveVersion)}`}</td>
                  <td className="num">{fmt.number(j.activeMembers)}</td>
                  <td className="num">{fmt.number(j.totalEnrolments)}</td>
                  <td>{fmt.date(j.updatedAt)}</td>
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
