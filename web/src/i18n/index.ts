// UI language: zh-CN by default, en-US on request; the choice is remembered in localStorage and
// sent to the API as Accept-Language so problem details come back in the same language.
import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { enUS } from './en-US.ts';
import { zhCN } from './zh-CN.ts';

import { LANGUAGES, type Language } from './language.ts';

export { LANGUAGES, type Language };
export interface LocalizedText {
  'zh-CN': string;
  'en-US': string;
}

const STORAGE_KEY = 'afterdesk.language';

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'en-US' ? 'en-US' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});
document.documentElement.lang = i18n.language;

export function currentLanguage(): Language {
  return i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
}

export function setLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.lang = language;
  void i18n.changeLanguage(language);
}

/** The current language, re-rendering when it changes. */
export function useLanguage(): Language {
  const { i18n: instance } = useTranslation();
  return instance.language === 'en-US' ? 'en-US' : 'zh-CN';
}

export function pick(text: LocalizedText | null | undefined, language: Language): string {
  if (!text) return '';
  return text[language] || text['zh-CN'] || text['en-US'];
}

/** API labels are verb phrases ("acknowledge the case"); buttons start with a capital. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
