'use client';

import { useEffect, useMemo, type ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { Locale } from '@/journey';
import { i18n, LOCALE_STORAGE_KEY, toLocale } from './index';

export function I18nProvider({ children }: { children: ReactNode }) {
  useEffect(() => {
    const onChange = (lng: string) => {
      document.documentElement.lang = toLocale(lng);
    };
    i18n.on('languageChanged', onChange);
    let stored: string | null = null;
    try {
      stored = window.localStorage.getItem(LOCALE_STORAGE_KEY);
    } catch {
      // Storage can be blocked (privacy mode); English is a fine fallback.
    }
    if (stored && toLocale(stored) !== toLocale(i18n.language)) void i18n.changeLanguage(toLocale(stored));
    return () => i18n.off('languageChanged', onChange);
  }, []);
  return <I18nextProvider i18n={i18n}>{children}</I18nextProvider>;
}

export function useLocale(): Locale {
  const { i18n: instance } = useTranslation();
  return toLocale(instance.language);
}

export function setLocale(locale: Locale) {
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
