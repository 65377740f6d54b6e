/**
 * The public article page (/s/<id>) in Chromium in the browser's language: Simplified Chinese for
 * a Chinese browser, English otherwise; axe-core finds no serious or critical problem, at desktop
 * and phone widths. Screenshots go to test-results/reader-language/.
 */
import { expect, it } from 'vitest';
import { describeInBrowser, makeAccount } from '../harness.js';
import { makePublishedArticle } from '../factories/articles.js';
import { axeProblems } from './axe.js';
import { UI_LANGUAGES } from './catalog.js';
import { chromiumSuite } from './helpers.js';
import { READER_WORDS } from '../../src/surfaces/reader/words.js';

describeInBrowser('the article page in the reader’s language in Chromium', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'reader-language', fullPage: true, page: { timeout: 15_000 } });

  it('shows the page’s words in Chinese and in English', async () => {
    const { account } = await makeAccount(ui.h.services, { name: '莲花日报' });
    const { article } = await makePublishedArticle(ui.h.services.db, { accountId: account.id, title: '春天的第一场雨', author: '林晓', content: '<p>雨落在西湖上。</p>', original: true, donationsEnabled: true });
    for (const { lang, locale } of UI_LANGUAGES) {
      const w = READER_WORDS[lang];
      for (const [size, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
        const { page } = await ui.openPage({ locale, viewport });
        await page.goto(`/s/${article.id}`);
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
        await page.getByRole('link', { name: w.donate }).waitFor();
        expect(await page.locator('.stats').textContent()).toContain(w.reads);
        expect(await page.locator('.tag-original').textContent()).toBe(w.original);
        expect(await axeProblems(page)).toEqual([]);
        await ui.shot(page, `${lang}-${size}`);
      }
    }
  }, 120_000);
});
