'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/root';
import { useTRPC } from '@/components/trpc-provider';
import { useFormat } from '@/i18n/provider';
import '@/i18n/member-resources';
import { MemberActivity } from './member-activity';
import { MemberPath } from './member-path';
import styles from './members.module.css';

export type MemberPageData = inferRouterOutputs<AppRouter>['members']['profile'];

const TEXT_FIELDS = ['phone', 'email', 'gender', 'birthday', 'city', 'store', 'associate', 'tier', 'tz', 'joinedAt', 'joinChannel'] as const;
const NUMBER_FIELDS = ['points', 'growth', 'storedValue'] as const;

/** A member's page: profile card (personal data masked by the server), consent, tags, groups, identities, ledgers, tasks, journeys, then the paths. */
export function MemberProfile({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const page = useQuery({ ...trpc.members.profile.queryOptions({ id: memberId }), retry: false });
  const notFound = page.error?.data?.code === 'NOT_FOUND';

  return (
    <div className="page" data-testid="member-page" data-member={memberId}>
      <div className={styles.head}>
        <h1 data-testid="member-heading">
          {page.data?.profile.name || memberId}
          {page.data?.profile.name && <span className={`muted ${styles.mono} ${styles.idNote}`}>{memberId}</span>}
        </h1>
        <Link href="/members" className={styles.back}>
          {t('memberPage.back')}
        </Link>
      </div>
      {page.isPending && <p className="muted">{t('memberPage.loading')}</p>}
      {notFound && (
        <p className="error" data-testid="member-not-found">
          {t('memberPage.notFound', { id: memberId })}
        </p>
      )}
      {page.error && !notFound && <p className="error">{page.error.message}</p>}
      {page.data && (
        <>
          <ProfileCard data={page.data} />
          <MemberActivity data={page.data} />
          <MemberPath memberId={memberId} />
        </>
      )}
    </div>
  );
}

function ProfileCard({ data }: { data: MemberPageData }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const p = data.profile;
  const attributes = Object.entries(p.attributes);
  const consent = Object.entries(data.consent).sort(([a], [b]) => a.localeCompare(b));
  return (
    <div className={styles.profileGrid}>
      <section className="card" data-testid="member-profile">
        <h2>{t('memberPage.profile')}</h2>
        <dl className={styles.fields}>
          {TEXT_FIELDS.map((f) => (
            <div key={f} data-testid={`profile-${f}`}>
              <dt>{t(`memberPage.fields.${f}`)}</dt>
              <dd className={f === 'phone' || f === 'email' || f === 'birthday' ? styles.mono : undefined}>{p[f] ?? '—'}</dd>
            </div>
          ))}
          {NUMBER_FIELDS.map((f) => (
            <div key={f} data-testid={`profile-${f}`}>
              <dt>{t(`memberPage.fields.${f}`)}</dt>
              <dd>{fmt.number(p[f])}</dd>
            </div>
          ))}
          <div>
            <dt>{t('memberPage.fields.createdAt')}</dt>
            <dd>{fmt.date(p.createdAt)}</dd>
          </div>
          {p.updatedAt !== null && (
            <div>
              <dt>{t('memberPage.fields.updatedAt')}</dt>
              <dd>{fmt.date(p.updatedAt)}</dd>
            </div>
          )}
        </dl>
        {attributes.length > 0 && (
          <>
            <h3>{t('memberPage.attributes')}</h3>
            <dl className={styles.fields} data-testid="profile-attributes">
              {attributes.map(([k, v]) => (
                <div key={k}>
                  <dt className={styles.mono}>{k}</dt>
                  <dd>{typeof v === 'object' ? JSON.stringify(v) : String(v)}</dd>
                </div>
              ))}
            </dl>
          </>
        )}
      </section>
      <div>
        <section className="card" data-testid="member-consent">
          <h2>{t('memberPage.consent')}</h2>
          {consent.length === 0 && <p className="muted small">{t('memberPage.noConsent')}</p>}
          <ul className={styles.plainList}>
            {consent.map(([channel, allowed]) => (
              <li key={channel} data-testid="consent-channel" data-channel={channel} data-allowed={String(allowed)}>
                <code>{channel}</code>
                <span className={`${styles.badge} ${allowed ? styles.ok : styles.skipped}`}>{allowed ? t('memberPage.consentYes') : t('memberPage.consentNo')}</span>
              </li>
            ))}
          </ul>
          <p className={data.unsubscribed ? 'error small' : 'muted small'} data-testid="member-unsubscribed" data-value={String(data.unsubscribed)}>
            {data.unsubscribed ? t('memberPage.unsubscribed') : t('memberPage.subscribed')}
          </p>
        </section>
        <section className="card" data-testid="member-tags">
          <h2>{t('memberPage.tags')}</h2>
          {data.tags.length === 0 ? <p className="muted small">{t('memberPage.noTags')}</p> : data.tags.map((tag) => <span key={tag} className={styles.tag}>{tag}</span>)}
          <h3>{t('memberPage.groups')}</h3>
          {data.groups.length === 0 ? (
            <p className="muted small">{t('memberPage.noGroups')}</p>
          ) : (
            <ul className={styles.plainList} data-testid="member-groups">
              {data.groups.map((g) => (
                <li key={g.groupId}>
                  <code>{g.groupId}</code> <span className="muted small">{fmt.date(g.addedAt)}</span>
                </li>
              ))}
            </ul>
          )}
          <h3>{t('memberPage.identities')}</h3>
          {data.identities.length === 0 ? (
            <p className="muted small">{t('memberPage.noIdentities')}</p>
          ) : (
            <ul className={styles.plainList} data-testid="member-identities">
              {data.identities.map((i) => (
                <li key={i.type}>
                  <code>{i.type}</code> <span className={styles.mono}>{i.value}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}
