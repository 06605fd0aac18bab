import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '@/journey';
import { resources } from './resources';
import { withReportResources } from './report-resources';
import { withEditorResources } from './editor-resources';

export const locales: readonly Locale[] = ['en', 'zh-CN'];
export const LOCALE_STORAGE_KEY = 'journey-canvas.locale';
export { LOCALE_COOKIE, toLocale } from './locale-cookie';

// The shared instance starts in English; each server render uses a clone in the request's language
// (see I18nProvider), and the browser switches this instance before its first render.
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

export { i18n };
