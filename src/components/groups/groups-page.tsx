'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Trash2, Users } from 'lucide-react';
import { useTRPC } from '@/components/trpc-provider';
import { useFormat } from '@/i18n/provider';
import { useValues } from '@/i18n/values';
import '@/i18n/designer-resources';

const PAGE = 50;

/** Static groups (客群): every group with its size, its members page by page, and removal. */
export function GroupsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const groups = useQuery(trpc.tools.groups.queryOptions());
  const [open, setOpen] = useState<string | null>(null);
  const remove = useMutation(
    trpc.tools.deleteGroup.mutationOptions({
      onSuccess: (_r, { groupId }) => {
        if (open === groupId) setOpen(null);
        void queryClient.invalidateQueries({ queryKey: trpc.tools.groups.queryKey() });
      },
    }),
  );
  return (
    <div className="page">
      <h1>{t('designer.groupsHeading')}</h1>
      <p className="muted">{t('designer.groupsHint')}</p>
      <section className="card">
        {groups.error && <p className="error">{groups.error.message}</p>}
        {remove.error && (
          <p className="error" data-testid="group-error">
            {remove.error.message}
          </p>
        )}
        {groups.data?.length === 0 && <p className="muted">{t('designer.noGroups')}</p>}
        {!!groups.data?.length && (
          <table className="table" data-testid="group-table">
            <thead>
              <tr>
                <th>{t('designer.group')}</th>
                <th className="num">{t('designer.size')}</th>
                <th>{t('designer.lastAdded')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {groups.data.map((g) => (
                <tr key={g.id} data-testid={`group-row-${g.id}`}>
                  <td className="mono">{g.id}</td>
                  <td className="num" data-testid="group-size">
                    {fmt.number(g.members)}
                  </td>
                  <td>{fmt.date(g.lastAddedAt)}</td>
                  <td className="row-actions">
                    <button type="button" className="btn small ghost" data-testid="group-show" onClick={() => setOpen(open === g.id ? null : g.id)}>
                      <Users size={14} aria-hidden /> {t('designer.show')}
                    </button>
                    <button
                      type="button"
                      className="btn small ghost danger"
                      data-testid="group-delete"
                      disabled={remove.isPending}
                      onClick={() => window.confirm(t('designer.groupDeleteConfirm', { id: g.id, count: g.members })) && remove.mutate({ groupId: g.id })}
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
      {open && <GroupMembers key={open} groupId={open} />}
    </div>
  );
}

function GroupMembers({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const values = useValues();
  const trpc = useTRPC();
  const [offset, setOffset] = useState(0);
  const page = useQuery(trpc.tools.groupMembers.queryOptions({ groupId, offset, limit: PAGE }));
  const total = page.data?.total ?? 0;
  return (
    <section className="card" data-testid="group-members">
      <h2>
        {t('designer.members')} · <span className="mono">{groupId}</span>
      </h2>
      <table className="table small">
        <tbody>
          {page.data?.rows.map((m) => (
            <tr key={m.id} data-testid="group-member">
              <td>
                <Link href={`/members/${encodeURIComponent(m.id)}`}>{m.id}</Link>
              </td>
              <td>{m.name}</td>
              <td>{values.tier(m.tier)}</td>
              <td>{fmt.date(m.addedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > 0 && (
        <div className="toolbar-row small">
          <span>{t('designer.page', { from: fmt.number(offset + 1), to: fmt.number(Math.min(total, offset + PAGE)), total: fmt.number(total) })}</span>
          <button type="button" className="btn small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            {t('designer.prev')}
          </button>
          <button type="button" className="btn small" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
            {t('designer.next')}
          </button>
        </div>
      )}
    </section>
  );
}
