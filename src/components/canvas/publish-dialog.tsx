'use client';

import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '@/components/trpc-provider';
import { useFormat } from '@/i18n/provider';

interface Props {
  journeyId: string;
  liveVersion: number;
  busy: boolean;
  onCancel(): void;
  onConfirm(migrate: boolean): void;
}

/** Before replacing a live version: what changes, who is in flight where, and what happens to them. */
export function PublishDialog({ journeyId, liveVersion, busy, onCancel, onConfirm }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const trpc = useTRPC();
  const diff = useQuery({ ...trpc.journeys.diff.queryOptions({ id: journeyId }), staleTime: 0, gcTime: 0 });
  const [migrate, setMigrate] = useState(false);
  const d = diff.data;
  const inFlight = d?.inFlight ?? [];
  const total = inFlight.reduce((sum, r) => sum + r.members, 0);
  const removed = new Set(d?.removed ?? []);
  const nothingChanged = d && !d.added.length && !d.removed.length && !d.changed.length && !d.edgesChanged && !d.settingsChanged;

  return (
    <div className="dialog-backdrop" onClick={onCancel}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="publish-dialog-title" data-testid="publish-dialog" onClick={(e) => e.stopPropagation()}>
        <h2 id="publish-dialog-title">{t('publishDialog.title', { number: liveVersion + 1 })}</h2>
        {diff.isPending && <p className="muted">{t('publishDialog.loading')}</p>}
        {diff.error && <p className="error">{diff.error.message}</p>}
        {d && (
          <>
            <h3>{t('publishDialog.changes', { number: liveVersion })}</h3>
            {nothingChanged && <p className="muted small">{t('publishDialog.noChanges')}</p>}
            <ul className="diff-list" data-testid="publish-diff">
              {d.added.map((id) => (
                <li key={`a-${id}`} className="diff-added" data-testid={`diff-added-${id}`}>
                  + {id} <span className="muted small">{t('publishDialog.added')}</span>
                </li>
              ))}
              {d.removed.map((id) => (
                <li key={`r-${id}`} className="diff-removed" data-testid={`diff-removed-${id}`}>
                  − {id} <span className="muted small">{t('publishDialog.removed')}</span>
                </li>
              ))}
              {d.changed.map((id) => (
                <li key={`c-${id}`} className="diff-changed" data-testid={`diff-changed-${id}`}>
                  ~ {id} <span className="muted small">{t('publishDialog.changed')}</span>
                </li>
              ))}
              {d.edgesChanged && <li className="muted small">{t('publishDialog.edgesChanged')}</li>}
              {d.settingsChanged && <li className="muted small">{t('publishDialog.settingsChanged')}</li>}
            </ul>
            <h3>{t('publishDialog.inFlight', { count: total })}</h3>
            {inFlight.length === 0 ? (
              <p className="muted small">{t('publishDialog.noneInFlight')}</p>
            ) : (
              <table className="table small" data-testid="publish-inflight">
                <thead>
                  <tr>
                    <th>{t('publishDialog.node')}</th>
                    <th>{t('publishDialog.version')}</th>
                    <th className="num">{t('publishDialog.members')}</th>
                  </tr>
                </thead>
                <tbody>
                  {inFlight.map((r) => (
                    <tr key={`${r.versionId}-${r.nodeId}`} data-testid={`inflight-${r.nodeId}`} className={removed.has(r.nodeId ?? '') ? 'diff-removed' : ''}>
                      <td>
                        {r.nodeId}
                        {removed.has(r.nodeId ?? '') && <span className="small"> ({t('publishDialog.removed')})</span>}
                      </td>
                      <td>v{r.number}</td>
                      <td className="num">{fmt.number(r.members)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <fieldset className="choice">
              <label>
                <input type="radio" name="publish-mode" data-testid="publish-keep" checked={!migrate} onChange={() => setMigrate(false)} />
                {t('publishDialog.keep')}
              </label>
              <label>
                <input type="radio" name="publish-mode" data-testid="publish-migrate" checked={migrate} onChange={() => setMigrate(true)} />
                {t('publishDialog.migrate')}
              </label>
              <p className="muted small">{migrate ? t('publishDialog.migrateHint') : t('publishDialog.keepHint')}</p>
            </fieldset>
          </>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn" data-testid="publish-cancel" onClick={onCancel}>
            {t('publishDialog.cancel')}
          </button>
          <button type="button" className="btn primary" data-testid="publish-confirm" disabled={busy || !d} onClick={() => onConfirm(migrate)}>
            {t('publishDialog.confirm')}
          </button>
        </div>
      </div>
    </div>
  );
}
