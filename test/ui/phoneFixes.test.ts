/**
 * The phone beside the console in Chromium, in Chinese and English: the console's menu preview
 * lays names out as the phone does (a name the phone shows in full is not cut in the preview), a
 * follower of two accounts finds both in the chat list before anything is exchanged, and the tip
 * sheet (赞赏) shows its message field whole, carries it when an amount is tapped and names the
 * article's author. Screenshots go to test-results/phone-fixes/. Needs web/dist
 * (`npm run build:web`).
 */
import { expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Locator } from 'playwright-core';
import { describeInBrowser, makeAccount } from '../harness.js';
import { makeOperator } from '../consoleFixtures.js';
import { makePublishedArticle } from '../factories/articles.js';
import { publishMenu } from '../../src/modules/menus/commands/menuPublisher.js';
import { axeProblems } from './axe.js';
import { phoneFollowerIn, signInIn, UI_LANGUAGES, word } from './catalog.js';
import { chromiumSuite, phoneToken } from './helpers.js';

/** Whether a name is drawn whole (not cut with an ellipsis). */
const whole = (l: Locator) => l.evaluate((el) => el.scrollWidth <= el.clientWidth);

describeInBrowser('the phone beside the console in Chromium', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'phone-fixes', page: { viewport: { width: 1280, height: 900 }, timeout: 15_000 } });

  for (const { lang, locale } of UI_LANGUAGES) {
    it(`${lang}: the menu preview, the chat list of a follower of two accounts and the tip sheet`, async () => {
      const op = await makeOperator(ui.h.services, { orgName: `莲花茶社 ${lang}` });
      const shop = await makeAccount(ui.h.services, { orgId: op.orgId, name: '莲花茶社', type: 'service', verified: true });
      const daily = await makeAccount(ui.h.services, { orgId: op.orgId, name: '莲花日报', type: 'subscription', verified: true });
      await publishMenu(ui.h.services, shop.account.id, [
        { name: '关于我们', sub_button: [{ type: 'view', name: '品牌故事', url: 'https://example.com/story' }, { type: 'click', name: '门店地址', key: 'STORES' }] },
        { type: 'click', name: '今日推荐', key: 'TODAY' },
        { type: 'click', name: 'Contact us', key: 'CONTACT' },
      ]);
      const story = await makePublishedArticle(ui.h.services.db, {
        accountId: shop.account.id,
        title: '春茶上新',
        author: '林晓',
        content: '<p>明前龙井到店。</p>',
        original: true,
        donationsEnabled: true,
      });

      // The phone: a new follower follows both accounts and finds both without a message.
      const { page } = await ui.openPage({ locale });
      await phoneFollowerIn(page, lang, lang === 'zh-CN' ? '王芳' : 'Emma', lang === 'zh-CN' ? '杭州' : 'London');
      const token = await phoneToken(page);
      for (const appid of [shop.appid, daily.appid]) {
        const res = await fetch(`${ui.h.url}/phone/api/accounts/${appid}/follow`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
        expect(res.status).toBe(200);
      }
      await page.reload();
      const shopRow = page.locator(`[data-appid="${shop.appid}"]`);
      await shopRow.waitFor();
      await page.getByTestId('subscriptions-row').waitFor();
      expect(await page.getByText(word(lang, 'phoneChats.noChatsYet')).count()).toBe(0);
      expect(await axeProblems(page)).toEqual([]);
      await ui.shot(page, `${lang}-01-chats-two-accounts`);

      // The chat's menu bar: "关于我们" whole; its cell's width is what the preview must give it.
      await shopRow.click();
      const phoneName = page.locator('.ph-menubar-name', { hasText: '关于我们' });
      await phoneName.waitFor();
      expect(await whole(phoneName)).toBe(true);
      const phoneCell = await page.locator('.ph-menubar-cell').first().evaluate((el) => el.getBoundingClientRect().width);
      await ui.shot(page, `${lang}-02-phone-menu`);

      // The tip sheet from the profile's history: the author named, the message field whole and carried.
      await page.goto(`/phone/accounts/${shop.appid}`);
      await page.locator(`[data-article-id="${story.article.id}"]`).click();
      const view = page.getByRole('dialog', { name: word(lang, 'phoneArticle.article') });
      await view.getByRole('button', { name: word(lang, 'phoneArticle.tipTheAuthor') }).click();
      const tip = page.getByRole('dialog', { name: word(lang, 'phoneArticle.tipTheAuthor3') });
      await tip.waitFor();
      expect(await tip.locator('.ph-tip-name').textContent()).toBe('林晓');
      const field = tip.getByLabel(word(lang, 'phoneArticle.messageToTheAuthor'));
      const box = await field.boundingBox();
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(34);
      expect(await field.evaluate((el) => { const r = el.getBoundingClientRect(); const s = el.closest('.ph-sheet-body')!.getBoundingClientRect(); return r.top >= s.top && r.bottom <= s.bottom; })).toBe(true);
      await field.fill('好茶，谢谢！');
      expect(await axeProblems(page)).toEqual([]);
      await ui.shot(page, `${lang}-03-tip-sheet`);
      await tip.getByRole('button', { name: '¥5' }).click();
      const pay = page.getByRole('dialog', { name: word(lang, 'phoneArticle.wechatPay') });
      await pay.getByText(word(lang, 'phoneArticle.tipTo', { author: '林晓' })).waitFor();
      await pay.getByText(word(lang, 'phoneArticle.withMessage', { message: '好茶，谢谢！' })).waitFor();
      await ui.shot(page, `${lang}-04-pay`);
      for (const d of ['1', '2', '3', '4', '5', '6']) await pay.getByRole('button', { name: d, exact: true }).click();
      await pay.getByText(word(lang, 'phoneArticle.thankYouForSupporting', { author: '林晓' })).waitFor();
      const paid = await ui.h.database.rows<{ amount_fen: number; message: string }>(sql`select amount_fen, message from donations where article_id = ${story.article.id}`);
      expect(paid).toEqual([{ amount_fen: 500, message: '好茶，谢谢！' }]);

      // The console's preview: the same name whole, in a cell as wide as the phone's.
      const { page: console_ } = await ui.openPage({ locale });
      await signInIn(console_, lang, op);
      await console_.goto(`/console/accounts/${shop.appid}/menu`);
      const preview = console_.getByRole('group', { name: word(lang, 'menu.menuPreview') });
      const previewName = preview.locator('.phone-btn-name', { hasText: '关于我们' });
      await previewName.waitFor();
      expect(await whole(previewName)).toBe(true);
      const previewCell = await preview.locator('.phone-slot').first().evaluate((el) => el.getBoundingClientRect().width);
      expect(Math.abs(previewCell - phoneCell)).toBeLessThanOrEqual(1.5);
      // The sub-menu's names too, once opened.
      await previewName.click();
      for (const name of ['品牌故事', '门店地址']) expect(await whole(preview.getByRole('menuitem', { name }))).toBe(true);
      expect(await axeProblems(console_)).toEqual([]);
      await ui.shot(console_, `${lang}-05-menu-preview`);
    }, 120_000);
  }
});
