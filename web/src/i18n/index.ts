/**
 * The web app's language: Simplified Chinese or English, from the browser (`navigator.languages`:
 * zh* → zh-CN, anything else → en) unless the person chose one (remembered in localStorage).
 * i18next with ICU messages; `t` reads the catalogs, `<html lang>` follows the language.
 */
import i18next from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';
import { CATALOGS, LANGUAGES, type Language } from './catalogs.js';

export { LANGUAGES, type Language };

/** Where the chosen language is remembered. */
export const LANGUAGE_KEY = 'herald.language';

/** The language for a list of browser languages: the first zh* or en* decides; otherwise English. */
export function languageFor(browserLanguages: readonly string[]): Language {
  for (const l of browserLanguages) {
    const lower = l.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

/** The remembered choice, else the browser's languages. */
export function initialLanguage(): Language {
  const saved = storage()?.getItem(LANGUAGE_KEY);
  if (saved && (LANGUAGES as readonly string[]).includes(saved)) return saved as Language;
  if (typeof navigator === 'undefined') return 'en';
  return languageFor(navigator.languages?.length ? navigator.languages : [navigator.language ?? 'en']);
}

const resources = Object.fromEntries(LANGUAGES.map((l) => [l, { translation: CATALOGS[l] }]));

/** The app's one i18next instance. */
export const i18n = i18next.createInstance();
void i18n
  .use(ICU)
  .use(initReactI18next)
  .init({
    resources,
    lng: initialLanguage(),
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });

const setHtmlLang = (lang: string) => {
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
};
setHtmlLang(i18n.language);
i18n.on('languageChanged', setHtmlLang);

/** The current language. */
export const currentLanguage = (): Language => (i18n.language === 'zh-CN' ? 'zh-CN' : 'en');

/** Switches the language and remembers the choice. */
export function setLanguage(lang: Language): void {
  storage()?.setItem(LANGUAGE_KEY, lang);
  void i18n.changeLanguage(lang);
}

/** A message from the catalogs ("inbox.session"), ICU arguments filled in. */
export function t(key: string, values?: Record<string, unknown>): string {
  return i18n.t(key, values as never) as unknown as string;
}
