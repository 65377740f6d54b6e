/**
 * The web app's words in the browser tests, read from the catalogs themselves
 * (web/src/i18n/<language>/<feature>.json), so one test walks a page in both languages.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export type UiLanguage = 'zh-CN' | 'en';

/** Both languages, Chinese first, with the browser locale that selects each. */
export const UI_LANGUAGES: ReadonlyArray<{ lang: UiLanguage; locale: string }> = [
  { lang: 'zh-CN', locale: 'zh-CN' },
  { lang: 'en', locale: 'en-US' },
];

const cache = new Map<string, Record<string, string>>();

/**
 * The catalog's text for `feature.key` in `lang`, with `{name}` arguments filled in (plain ones
 * only: plurals are not expanded).
 */
export function word(lang: UiLanguage, key: string, args: Record<string, string | number> = {}): string {
  const dot = key.indexOf('.');
  const file = path.resolve('web/src/i18n', lang, `${key.slice(0, dot)}.json`);
  let catalog = cache.get(file);
  if (!catalog) {
    catalog = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    cache.set(file, catalog);
  }
  const text = catalog[key.slice(dot + 1)];
  if (text === undefined) throw new Error(`no ${key} in the ${lang} catalog`);
  return text.replace(/\{(\w+)\}/g, (all, name: string) => (name in args ? String(args[name]) : all));
}

/** Signs in to the console in `lang` and waits for the accounts list. */
export async function signInIn(page: import('playwright-core').Page, lang: UiLanguage, login: { email: string; password: string }): Promise<void> {
  await page.goto('/console');
  await page.getByLabel(word(lang, 'session.email')).fill(login.email);
  await page.getByLabel(word(lang, 'session.password')).fill(login.password);
  await page.getByRole('button', { name: word(lang, 'session.signIn') }).click();
  await page.getByRole('heading', { name: word(lang, 'accounts.officialAccounts') }).waitFor();
}

/** Creates a follower on the phone's first screen in `lang` and waits for the chat list. */
export async function phoneFollowerIn(page: import('playwright-core').Page, lang: UiLanguage, nickname: string, city: string): Promise<void> {
  await page.goto('/phone');
  await page.getByRole('heading', { name: word(lang, 'phoneSignin.whoAreYou') }).waitFor();
  await page.getByLabel(word(lang, 'phoneSignin.nickname')).fill(nickname);
  await page.getByLabel(word(lang, 'phoneSignin.city')).fill(city);
  await page.getByRole('button', { name: word(lang, 'phoneSignin.createAndContinue') }).click();
  await page.getByRole('heading', { name: word(lang, 'phoneChats.wechatTitle') }).waitFor();
}
