'use client';

import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { Locale } from '@/journey';
import { i18n, LOCALE_COOKIE, LOCALE_STORAGE_KEY, toLocale } from './index';

/**
 * `locale` is the language the server rendered in (from the cookie), or null when the visitor never chose one.
 * The server renders with a per-request clone (the shared instance must not switch under concurrent requests);
 * the browser switches the shared instance before its first render, so hydration sees the same text.
 */
export function I18nProvider({ children, locale }: { children: ReactNode; locale: Locale | null }) {
  const [instance] = useState(() => {
    if (typeof window === 'undefined') return locale && locale !== 'en' ? i18n.cloneInstance({ lng: locale }) : i18n;
    if (locale && toLocale(i18n.language) !== locale) void i18n.changeLanguage(locale);
    return i18n;
  });
  useEffect(() => {
    const onChange = (lng: string) => {
      document.documentElement.lang = toLocale(lng);
    };
    i18n.on('languageChanged', onChange);
    // No cookie yet: an earlier choice kept only in this browser is applied (and from now on kept in the cookie).
    const stored = locale ? null : readStored();
    if (stored && stored !== toLocale(i18n.language)) setLocale(stored);
    return () => i18n.off('languageChanged', onChange);
  }, [locale]);
  return <I18nextProvider i18n={instance}>{children}</I18nextProvider>;
}

function readStored(): Locale | null {
  try {
    const v = window.localStorage.getItem(LOCALE_STORAGE_KEY);
    return v ? toLocale(v) : null;
  } catch {
    // Storage can be blocked (privacy mode); English is a fine fallback.
    return null;
  }
}

export function useLocale(): Locale {
  const { i18n: instance } = useTranslation();
  return toLocale(instance.language);
}

export function setLocale(locale: Locale) {
  // A year; SameSite=Lax like the session cookie. Read by the root layout on the server.
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=31536000; samesite=lax`;
  try {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Not remembered across visits, but the switch still applies now.
  }
  void i18n.changeLanguage(locale);
}

/** Locale-aware number and date formatters, rebuilt only when the language changes. */
export function useFormat() {
  const locale = useLocale();
  return useMemo(() => {
    const number = new Intl.NumberFormat(locale);
    // Stat badges are read back by tests and people alike: digits only, no grouping.
    const count = new Intl.NumberFormat(locale, { useGrouping: false });
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    return {
      locale,
      number: (n: number) => number.format(n),
      count: (n: number) => count.format(n),
      date: (ms: number) => date.format(new Date(ms)),
    };
  }, [locale]);
}
