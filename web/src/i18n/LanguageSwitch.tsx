import { currentLanguage, LANGUAGES, setLanguage, t, type Language } from './index.js';

/** Each language in its own words, so it can be found whatever the page speaks. */
const NAMES: Record<Language, string> = { 'zh-CN': '简体中文', en: 'English' };

/**
 * The language switch (console top bar, sign-in page, phone settings). The choice is remembered
 * and the page reloads in the new language.
 */
export function LanguageSwitch({ className = 'input lang-switch' }: { className?: string }) {
  return (
    <select
      className={className}
      aria-label={t('app.language')}
      value={currentLanguage()}
      onChange={(e) => {
        setLanguage(e.target.value as Language);
        window.location.reload();
      }}
    >
      {LANGUAGES.map((l) => (
        <option key={l} value={l} lang={l}>
          {NAMES[l]}
        </option>
      ))}
    </select>
  );
}
