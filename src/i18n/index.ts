import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '@/journey';
import { resources } from './resources';
import { withReportResources } from './report-resources';
import { withEditorResources } from './editor-resources';

export const locales: readonly Locale[] = ['en', 'zh-CN'];
export const LOCALE_STORAGE_KEY = 'journey-canvas.locale';

// The server always renders English; the stored choice is applied after hydration
// so server and client markup agree on the first render.
if (!i18n.isInitialized) {
  void i18n.use(initReactI18next).init({
    resources: withEditorResources(withReportResources(resources)),
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: [...locales],
    interpolation: { escapeValue: false },
    initAsync: false,
  });
}

export function toLocale(lang: string | undefined): Locale {
  return lang === 'zh-CN' || lang?.startsWith('zh') ? 'zh-CN' : 'en';
}

export { i18n };
