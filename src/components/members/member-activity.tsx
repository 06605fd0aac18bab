'use client';

import Link from 'next/link';
import { useTranslation } from 'react-i18next';
import { useFormat } from '@/i18n/provider';
import '@/i18n/member-resources';
import type { MemberPageData } from './member-profile';
import styles from './members.module.css';

/** Ledgers, open tasks and journeys of a member's page. */
export function MemberActivity({ data }: { data: MemberPageData }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const signed = (n: number | null) => (n === null ? '' : n > 0 ? `+${fmt.number(n)}` : fmt.number(n));

  return (
    <>
      <div className={styles.cols}>
        <section className="card" data-testid="member-points-ledger">
          <h2>{t('memberPage.pointsLedger')}</h2>
          {data.points.length === 0 ? (
            <p className="muted small">{t('memberPage.noLedger')}</p>
          ) : (
            <table className={`table ${styles.compact}`}>
              <thead>
                <tr>
                  <th>{t('memberPage.when')}</th>
                  <th className="num">{t('memberPage.change')}</th>
                  <th>{t('memberPage.kind')}</th>
                  <th>{t('memberPage.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {data.points.map((p, i) => (
                  <tr key={i} data-testid="points-row">
                    <td className="small">{fmt.date(p.at)}</td>
                    <td className="num">{signed(p.delta)}</td>
                    <td>{p.kind}</td>
                    <td className="small">{p.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="card" data-testid="member-asset-ledger">
          <h2>{t('memberPage.assetLedger')}</h2>
          {data.assets.length === 0 ? (
            <p className="muted small">{t('memberPage.noLedger')}</p>
          ) : (
            <table className={`table ${styles.compact}`}>
              <thead>
                <tr>
                  <th>{t('memberPage.when')}</th>
                  <th>{t('memberPage.asset')}</th>
                  <th className="num">{t('memberPage.change')}</th>
                  <th>{t('memberPage.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {data.assets.map((a, i) => (
                  <tr key={i} data-testid="asset-row">
                    <td className="small">{fmt.date(a.at)}</td>
                    <td>{t(`memberPage.assets.${a.asset}`)}</td>
                    <td className="num">{a.value ?? signed(a.delta)}</td>
                    <td className="small">{a.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>

      <section className="card" data-testid="member-tasks">
        <h2>{t('memberPage.tasks')}</h2>
        {data.openTasks.length === 0 ? (
          <p className="muted small">{t('memberPage.noTasks')}</p>
        ) : (
          <table className={`table ${styles.compact}`}>
            <thead>
              <tr>
                <th>{t('memberPage.task')}</th>
                <th>{t('memberPage.fields.associate')}</th>
                <th>{t('memberPage.due')}</th>
                <th>{t('memberPage.journey')}</th>
              </tr>
            </thead>
            <tbody>
              {data.openTasks.map((task) => (
                <tr key={task.id} data-testid="task-row">
                  <td>{task.text}</td>
                  <td>{task.associate ?? '—'}</td>
                  <td className="small">{task.dueAt === null ? '—' : fmt.date(task.dueAt)}</td>
                  <td className="small">
                    <code>{task.journeyId}</code> · <code>{task.nodeId}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="card" data-testid="member-enrolments">
        <h2>{t('memberPage.enrolments')}</h2>
        {data.enrolments.length === 0 ? (
          <p className="muted small">{t('memberPage.noEnrolments')}</p>
        ) : (
          <table className={`table ${styles.compact}`}>
            <thead>
              <tr>
                <th>{t('memberPage.journey')}</th>
                <th>{t('memberPage.status')}</th>
                <th>{t('memberPage.entered')}</th>
                <th>{t('memberPage.node')}</th>
              </tr>
            </thead>
            <tbody>
              {data.enrolments.map((e) => (
                <tr key={e.id} data-testid="enrolment-row" data-journey={e.journeyId} data-status={e.status}>
                  <td>
                    <Link href={`/journeys/${encodeURIComponent(e.journeyId)}/report`}>{e.journeyName}</Link>
                    {e.entryNo > 1 && <span className="muted small"> #{e.entryNo}</span>}
                  </td>
                  <td>
                    <span className="badge">{t(`memberPage.statuses.${e.status}`)}</span>
                  </td>
                  <td className="small">{fmt.date(e.enteredAt)}</td>
                  <td>{e.nodeId ? <code>{e.nodeId}</code> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
