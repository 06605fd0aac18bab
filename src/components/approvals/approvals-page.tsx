'use client';

import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '@/components/trpc-provider';
import { useFormat } from '@/i18n/provider';
import type { PublishReview } from '@/runtime/publish-review';
import '@/i18n/approval-resources';

const show = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

function ReviewDetails({ review }: { review: PublishReview }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const a = review.audience;
  return (
    <div className="approval-review">
      <p data-testid="approval-audience">
        <strong>{t('approvals.audience')}:</strong> {t(`approvals.basis.${a.basis}`, { n: fmt.number(a.members), event: a.event })}
      </p>
      <p data-testid="approval-channels">
        <strong>{t('approvals.channels')}:</strong> {review.channels.join(', ') || t('approvals.none')}
      </p>
      <p>
        <strong>{t('approvals.rewards')}:</strong> {review.rewards.length ? review.rewards.map((r) => `${r.nodeId}: ${show(r.reward)}${r.budget ? ` (${show(r.budget)})` : ''}`).join('; ') : t('approvals.none')}
      </p>
      <h3>{t('approvals.changes')}</h3>
      {review.nodes.length === 0 && <p className="muted">{t('approvals.noChanges')}</p>}
      {review.nodes.length > 0 && (
        <table className="table small" data-testid="approval-diff">
          <thead>
            <tr>
              <th />
              <th>{t('approvals.field')}</th>
              <th>{t('approvals.before')}</th>
              <th>{t('approvals.after')}</th>
            </tr>
          </thead>
          <tbody>
            {review.nodes.flatMap((n) =>
              (n.fields.length ? n.fields : [{ key: '', before: null, after: null }]).map((f, i) => (
                <tr key={`${n.nodeId}:${f.key}`} data-testid="approval-diff-row" data-node={n.nodeId}>
                  <td>{i === 0 ? `${n.nodeId} (${n.kind}) — ${t(`approvals.change.${n.change}`)}` : ''}</td>
                  <td>
                    <code>{f.key}</code>
                  </td>
                  <td>
                    <code>{show(f.before)}</code>
                  </td>
                  <td>
                    <code>{show(f.after)}</code>
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
      {review.settings.length > 0 && (
        <p>
          <strong>{t('approvals.settings')}:</strong> {review.settings.map((s) => s.key).join(', ')}
        </p>
      )}
      {review.edgesChanged && <p>{t('approvals.edges')}</p>}
    </div>
  );
}

/** Waiting publish requests with their review; approvers approve or reject with a comment. */
export function ApprovalsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.approvals.list.queryOptions());
  const [comments, setComments] = useState<Record<number, string>>({});
  const [error, setError] = useState<string | null>(null);
  const decide = useMutation(
    trpc.approvals.decide.mutationOptions({
      onSuccess: () => {
        setError(null);
        void queryClient.invalidateQueries({ queryKey: trpc.approvals.list.queryKey() });
      },
      onError: (err) => setError(err.message),
    }),
  );
  const requests = list.data?.requests ?? [];
  return (
    <div className="page">
      <h1>{t('approvals.heading')}</h1>
      <p className="muted">{t('approvals.subtitle')}</p>
      {error && (
        <p className="error" role="alert" data-testid="approval-error">
          {t('approvals.failed', { message: error })}
        </p>
      )}
      {list.data && requests.length === 0 && <p className="muted">{t('approvals.empty')}</p>}
      {requests.map((r) => (
        <section key={r.id} className="card" data-testid="approval-request" data-journey={r.journeyId} data-status={r.status}>
          <h2>
            {t(`approvals.kind.${r.kind}`)}: {r.journeyName} <span className="muted">#{r.id} · {t(`approvals.status.${r.status}`)}</span>
          </h2>
          <p className="muted">{t('approvals.requestedBy', { who: r.requestedBy, when: fmt.date(r.requestedAt) })}</p>
          <ReviewDetails review={r.review as PublishReview} />
          {r.status === 'pending' ? (
            <div className="toolbar-row">
              <input
                aria-label={t('approvals.comment')}
                placeholder={t('approvals.comment')}
                data-testid="approval-comment"
                value={comments[r.id] ?? ''}
                onChange={(e) => setComments({ ...comments, [r.id]: e.target.value })}
              />
              <button type="button" className="btn primary" data-testid="approval-approve" disabled={decide.isPending} onClick={() => decide.mutate({ id: r.id, approve: true, comment: comments[r.id] })}>
                {t('approvals.approve')}
              </button>
              <button type="button" className="btn" data-testid="approval-reject" disabled={decide.isPending} onClick={() => decide.mutate({ id: r.id, approve: false, comment: comments[r.id] })}>
                {t('approvals.reject')}
              </button>
            </div>
          ) : (
            <p data-testid="approval-decision">
              {t('approvals.decidedBy', { status: t(`approvals.status.${r.status}`), who: r.decidedBy })}
              {r.comment ? ` — “${r.comment}”` : ''}
            </p>
          )}
        </section>
      ))}
    </div>
  );
}
