'use client';

import Link from 'next/link';
import { useTranslation } from 'react-i18next';
import { setLocale, useLocale } from '@/i18n/provider';
import '@/i18n/runtime-resources';
import '@/i18n/segment-resources';
import { UserMenu } from './auth/user-menu';
import '@/i18n/audit-resources';
import '@/i18n/approval-resources';
import '@/i18n/access-resources';
import '@/i18n/designer-resources';
import '@/i18n/channel-resources';
import '@/i18n/coupon-resources';

export function AppHeader() {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <header className="app-header">
      <Link href="/" className="brand">
        <span className="brand-mark">◆</span> {t('app.title')}
      </Link>
      <nav className="app-nav">
        <Link href="/">{t('app.journeys')}</Link>
        <Link href="/segments" data-testid="nav-segments">{t('segments.nav')}</Link>
        <Link href="/groups" data-testid="nav-groups">{t('designer.groupsNav')}</Link>
        <Link href="/members" data-testid="nav-members">{t('nav.members')}</Link>
        <Link href="/runtime" data-testid="nav-runtime">{t('runtime.heading')}</Link>
        <Link href="/approvals" data-testid="nav-approvals">{t('approvals.nav')}</Link>
        <Link href="/audit" data-testid="nav-audit">{t('audit.nav')}</Link>
        <Link href="/settings/access" data-testid="nav-access">{t('access.nav')}</Link>
        <Link href="/settings/channels" data-testid="nav-channels">{t('channels.nav')}</Link>
        <Link href="/coupons" data-testid="nav-coupons">{t('coupons.nav')}</Link>
      </nav>
      <UserMenu />
      <button
        type="button"
        className="lang-switch"
        data-testid="lang-switch"
        aria-label={t('app.language')}
        onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}
      >
        <span className={locale === 'en' ? 'active' : undefined}>English</span>
        <span className="sep">/</span>
        <span className={locale === 'zh-CN' ? 'active' : undefined}>中文</span>
      </button>
    </header>
  );
}
