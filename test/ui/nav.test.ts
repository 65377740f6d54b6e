/**
 * The console's navigation grouped as the MP backend groups it (首页; 内容管理; 互动管理; 用户管理;
 * 数据; 广告与服务; 设置与开发) in Chromium, in Chinese and English: the groups and their pages in order,
 * walked by keyboard, the account's tab bar in the same order, axe-core clean, at desktop and
 * phone widths. Screenshots go to test-results/nav/. Needs web/dist (`npm run build:web`).
 */
import { expect, it } from 'vitest';
import { describeInBrowser, makeAccount } from '../harness.js';
import { makeOperator } from '../consoleFixtures.js';
import { axeProblems } from './axe.js';
import { signInIn, UI_LANGUAGES, word, type UiLanguage } from './catalog.js';
import { chromiumSuite } from './helpers.js';

/** The groups with a heading and their pages' labels (catalog keys), in navigation order. */
const GROUPS: ReadonlyArray<{ label: string; pages: string[] }> = [
  { label: 'frame.groupContent', pages: ['articles.drafts', 'articles.published2', 'materials.materials', 'broadcasts.pushPosts'] },
  { label: 'frame.groupInteraction', pages: ['messages.messages', 'comments.comments', 'autoreply.autoReplies', 'menu.customMenu', 'inbox.customerService'] },
  { label: 'frame.groupData', pages: ['data.users', 'data.content', 'data.menus', 'data.messages', 'data.api'] },
  { label: 'frame.groupAds', pages: ['templates.templateMessages', 'subscribe.subscribeMessages', 'pay.wechatPay', 'miniprograms.title', 'revenue.revenue'] },
  { label: 'frame.groupSettings', pages: ['settings.accountSettings', 'verification.tab', 'enforcement.tab', 'costs.tab', 'developer.developerSettings', 'webauth.functionSettings', 'webauth.grants', 'inspector.callbackInspector'] },
];
/** Every tab in order: 首页 first, 用户管理 standing alone between 互动管理 and 数据. */
const TABS = ['home.home', ...GROUPS[0].pages, ...GROUPS[1].pages, 'followers.followers', ...GROUPS[2].pages, ...GROUPS[3].pages, ...GROUPS[4].pages];

describeInBrowser('the console navigation grouped as the MP backend in Chromium', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'nav', page: { viewport: { width: 1440, height: 1000 }, timeout: 15_000 } });

  const words = (lang: UiLanguage, keys: string[]) => keys.map((k) => word(lang, k));

  for (const { lang, locale } of UI_LANGUAGES) {
    it(`${lang}: lists the groups and their pages in order, by keyboard, at desktop and phone widths`, async () => {
      const op = await makeOperator(ui.h.services, { orgName: `导航 ${lang}` });
      const { appid } = await makeAccount(ui.h.services, { orgId: op.orgId, name: '莲花书店', type: 'service', verified: true });
      const { page } = await ui.openPage({ locale });
      await signInIn(page, lang, op);
      await page.goto(`/console/accounts/${appid}`);
      const sub = page.locator('.nav-sub');
      await sub.waitFor();

      for (const g of GROUPS) {
        const group = sub.getByRole('group', { name: word(lang, g.label) });
        expect(await group.getByRole('link').allTextContents(), g.label).toEqual(words(lang, g.pages));
      }
      expect(await sub.getByRole('link').allTextContents()).toEqual(words(lang, TABS));
      expect(await page.getByRole('tablist').getByRole('tab').allTextContents()).toEqual(words(lang, TABS));
      expect(await axeProblems(page)).toEqual([]);
      await page.screenshot({ path: ui.shotPath(`${lang}-01-desktop`) });

      // By keyboard: from 首页, Tab reaches 留言 (the interaction group's second page) and Enter opens it.
      await sub.getByRole('link', { name: word(lang, 'home.home'), exact: true }).focus();
      const target = word(lang, 'comments.comments');
      for (let i = 0; i < TABS.indexOf('comments.comments'); i++) await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(target);
      await page.keyboard.press('Enter');
      await page.waitForURL(`**/console/accounts/${appid}/comments`);
      await expect.poll(() => sub.locator('[aria-current="page"]').allTextContents()).toEqual([target]);
      expect(await page.getByRole('tab', { selected: true }).textContent()).toBe(target);

      // A phone's width: the navigation opens from the top bar with the same groups.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByRole('button', { name: word(lang, 'frame.openNavigation') }).click();
      await sub.getByRole('group', { name: word(lang, 'frame.groupInteraction') }).waitFor({ state: 'visible' });
      expect(await axeProblems(page)).toEqual([]);
      await page.screenshot({ path: ui.shotPath(`${lang}-02-phone`) });
    }, 90_000);
  }
});
