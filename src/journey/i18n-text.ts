/** Text shown to people in both product languages. */
export interface Bilingual {
  en: string;
  zh: string;
}

export type Locale = 'en' | 'zh-CN';

export function pick(text: Bilingual, locale: Locale): string {
  return locale === 'zh-CN' ? text.zh : text.en;
}
