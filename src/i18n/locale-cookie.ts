import type { Locale } from '@/journey/i18n-text';

/** The chosen language travels in a cookie so the server renders the page in it (no English first, no hydration mismatch). */
export const LOCALE_COOKIE = 'jc_locale';

export function toLocale(lang: string | undefined): Locale {
  return lang === 'zh-CN' || lang?.startsWith('zh') ? 'zh-CN' : 'en';
}
