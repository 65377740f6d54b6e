/**
 * Mainland invisibility in Chromium, in Chinese and English: a new phone user is in mainland
 * China (我 shows the region), an overseas entity's account hidden from the mainland opens as
 * "not available in your region", and after the user moves the region to Germany in 我 the
 * same profile, its 历史消息 and its article open normally. Screenshots go to
 * test-results/phone-region/. Needs web/dist (`npm run build:web`).
 */
import { expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { describeInBrowser, makeAccount } from '../harness.js';
import { makePublishedArticle } from '../factories/articles.js';
import { accounts } from '../../src/modules/accounts/schema.js';
import { findFollowerUser } from '../../src/modules/followers/store/users.js';
import { axeProblems } from './axe.js';
import { phoneFollowerIn, UI_LANGUAGES, word } from './catalog.js';
import { chromiumSuite, phoneUserId } from './helpers.js';

describeInBrowser('accounts hidden from mainland China on the phone', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'phone-region', page: { viewport: { width: 1000, height: 860 }, timeout: 15_000 } });

  for (const { lang, locale } of UI_LANGUAGES) {
    it(`${lang}: not available in mainland China, shown once the phone is elsewhere`, async () => {
      const name = lang === 'en' ? `Munich Books ${Date.now().toString(36)}` : `慕尼黑书店 ${Date.now().toString(36)}`;
      const hidden = await makeAccount(ui.h.services, { type: 'service', name });
      await ui.h.services.db.update(accounts).set({ mainlandVisible: false }).where(eq(accounts.id, hidden.account.id));
      const title = lang === 'en' ? 'Autumn reading list' : '秋季书单';
      await makePublishedArticle(ui.h.services.db, { accountId: hidden.account.id, title });

      const { page } = await ui.openPage({ locale });
      await phoneFollowerIn(page, lang, lang === 'en' ? 'Li Lei' : '李雷', lang === 'en' ? 'Shenzhen' : '深圳');
      await page.goto('/phone/me');
      const region = page.getByLabel(word(lang, 'phoneMe.region'));
      await region.waitFor();
      expect(await region.inputValue()).toBe('CN');
      expect(await axeProblems(page)).toEqual([]);
      await ui.shot(page, `${lang}-01-me-region`);

      await page.goto(`/phone/accounts/${hidden.appid}`);
      await page.getByText(word(lang, 'api.regionUnavailable')).waitFor();
      expect(await page.getByRole('button', { name: word(lang, 'phoneProfile.follow') }).count()).toBe(0);
      expect(await axeProblems(page)).toEqual([]);
      await ui.shot(page, `${lang}-02-unavailable`);

      // Moving the phone to Germany in 我 (keyboard only) shows the account.
      await page.goto('/phone/me');
      await region.focus();
      await region.selectOption('DE');
      await page.getByText(word(lang, 'phoneMe.regionSaved')).waitFor();
      expect((await findFollowerUser(ui.h.services.db, await phoneUserId(page)))?.region).toBe('DE');
      await page.goto(`/phone/accounts/${hidden.appid}`);
      await page.getByRole('heading', { name }).waitFor();
      await page.getByRole('button', { name: word(lang, 'phoneProfile.follow') }).waitFor();
      await page.locator('.ph-history-item', { hasText: title }).click();
      await page.getByRole('dialog', { name: word(lang, 'phoneArticle.article') }).waitFor();
      await page.getByRole('navigation', { name: word(lang, 'phoneArticle.articleActions') }).waitFor();
      expect(await page.getByText(word(lang, 'api.regionUnavailable')).count()).toBe(0);
      await ui.shot(page, `${lang}-03-elsewhere`);
    }, 120_000);
  }
});
