'use client';

import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '@/components/trpc-provider';
import { useFormat } from '@/i18n/provider';
import '@/i18n/audit-resources';

const GROUPS = ['auth', 'journey', 'member', 'members', 'segment', 'group', 'crowd', 'key', 'user'] as const;
const PAGE = 50;

/** The audit log with filters by kind of action and by who; newest first. */
export function AuditLog() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const trpc = useTRPC();
  const [action, setAction] = useState('');
  const [actor, setActor] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const list = useQuery({ ...trpc.audit.list.queryOptions({ action: action ? `${action}.` : undefined, actor: actor.trim() || undefined, limit }), placeholderData: keepPreviousData });
  return (
    <div className="page">
      <h1>{t('audit.heading')}</h1>
      <p className="muted">{t('audit.subtitle')}</p>
      <section className="card">
        <div className="toolbar-row">
          <select aria-label={t('audit.action')} data-testid="audit-action" value={action} onChange={(e) => setAction(e.target.value)}>
            <option value="">{t('audit.anyAction')}</option>
            {GROUPS.map((g) => (
              <option key={g} value={g}>
                {t(`audit.groups.${g}`)}
              </option>
            ))}
          </select>
          <input aria-label={t('audit.actor')} data-testid="audit-actor" placeholder={t('audit.actorPlaceholder')} value={actor} onChange={(e) => setActor(e.target.value)} />
          {list.data && <span className="muted">{t('audit.total', { n: fmt.number(list.data.total) })}</span>}
        </div>
        {list.data && list.data.rows.length === 0 && <p className="muted">{t('audit.empty')}</p>}
        {list.data && list.data.rows.length > 0 && (
          <table className="table" data-testid="audit-table">
            <thead>
              <tr>
                <th>{t('audit.time')}</th>
                <th>{t('audit.actor')}</th>
                <th>{t('audit.action')}</th>
                <th>{t('audit.target')}</th>
                <th>{t('audit.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.rows.map((r) => (
                <tr key={r.id} data-testid="audit-row" data-action={r.action}>
                  <td>{fmt.date(r.at)}</td>
                  <td>{r.actor}</td>
                  <td>
                    <code>{r.action}</code>
                  </td>
                  <td>{r.target}</td>
                  <td>
                    <code className="audit-detail">{r.detail === null ? '' : JSON.stringify(r.detail).slice(0, 300)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {list.data && list.data.total > limit && (
          <button type="button" onClick={() => setLimit(limit + PAGE)}>
            {t('audit.more')}
          </button>
        )}
      </section>
    </div>
  );
}
