/**
 * 首页's additions in Chromium, in Chinese and English: the daily read log (reads of the account's
 * article pages per China day over 7 or 30 days, switched by keyboard) and the verification
 * notices (expiring within 30 days, expired), with the date in 公众号设置. axe-core finds no
 * serious or critical problem, at desktop and phone widths. Screenshots go to
 * test-results/home-read-log/. Needs web/dist (`npm run build:web`).
 */
import { expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeInBrowser, makeAccount } from '../harness.js';
import { makeOperator } from '../consoleFixtures.js';
import { makePublishedArticle } from '../factories/articles.js';
import { chinaDay } from '../../src/platform/clock.js';
import { axeProblems } from './axe.js';
import { signInIn, UI_LANGUAGES, word } from './catalog.js';
import { chromiumSuite } from './helpers.js';

const DAY = 86_400_000;

describeInBrowser('首页: the read log and verification notices in Chromium', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'home-read-log', fullPage: true, page: { viewport: { width: 1440, height: 1000 }, timeout: 15_000 } });

  const read = async (id: string, times: number) => {
    for (let i = 0; i < times; i++) {
      const r = await fetch(`${ui.h.url}/s/${id}`, { headers: { 'user-agent': 'Mozilla/5.0 MicroMessenger/8.0' } });
      expect(r.status).toBe(200);
    }
  };

  for (const { lang, locale } of UI_LANGUAGES) {
    it(`${lang}: shows reads per day for 7 and 30 days and the verification notices`, async () => {
      const op = await makeOperator(ui.h.services, { orgName: `阅读 ${lang}` });
      const { account, appid } = await makeAccount(ui.h.services, { orgId: op.orgId, name: '莲花周刊', type: 'service', verified: true });
      const expiring = await makeAccount(ui.h.services, { orgId: op.orgId, name: '莲花快讯', type: 'service', verified: true });
      const { article } = await makePublishedArticle(ui.h.services.db, { accountId: account.id, title: '每日一读' });
      const now = ui.h.services.clock.nowMs();
      await read(article.id, 3);
      const today = chinaDay(now);
      const until = new Date(now + 9 * DAY);
      await ui.h.database.rows(sql`update accounts set verified_until = ${until.toISOString()}::timestamptz where id = ${expiring.account.id}::uuid`);
      await ui.h.database.rows(sql`update accounts set verified_until = ${new Date(now - DAY).toISOString()}::timestamptz where id = ${account.id}::uuid`);

      const { page } = await ui.openPage({ locale });
      await signInIn(page, lang, op);
      await page.goto(`/console/accounts/${appid}`);
      const log = page.getByTestId('read-log');
      await log.waitFor();
      expect(await log.locator('tbody tr').count()).toBe(7);
      const todayRow = log.locator(`tr[data-day="${today}"]`);
      expect(await todayRow.locator('.read-log-value').textContent()).toBe('3');
      expect(await log.locator('caption').textContent()).toBe(word(lang, 'home.readLogCaption', { days: 7 }));
      // The expired verification, in words, linking to 公众号设置.
      const notices = page.getByTestId('home-notices');
      const expiredDate = new Date(now - DAY + 8 * 3600_000).toISOString().slice(0, 10);
      await notices.getByText(word(lang, 'home.verificationExpired', { date: expiredDate })).waitFor();
      expect(await axeProblems(page)).toEqual([]);
      await ui.shot(page, `${lang}-01-home-7-days`);

      // 30 days, chosen by keyboard.
      const thirty = page.getByRole('button', { name: word(lang, 'home.lastDays', { days: 30 }) });
      await thirty.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => log.locator('tbody tr').count()).toBe(30);
      expect(await thirty.getAttribute('aria-pressed')).toBe('true');
      expect(await log.locator(`tr[data-day="${today}"] .read-log-value`).textContent()).toBe('3');
      await ui.shot(page, `${lang}-02-home-30-days`);

      // The other account: verification runs out in 9 days; 公众号设置 names the date.
      await page.goto(`/console/accounts/${expiring.appid}`);
      const untilDate = new Date(until.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
      const sentence = lang === 'zh-CN' ? `认证将于 ${untilDate} 到期（还剩 9 天）` : `Verification expires on ${untilDate} (9 days left)`;
      await page.getByTestId('home-notices').getByText(sentence).waitFor();
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await axeProblems(page)).toEqual([]);
      await ui.shot(page, `${lang}-03-home-phone`);
      await page.setViewportSize({ width: 1440, height: 1000 });
      await page.goto(`/console/accounts/${expiring.appid}/settings`);
      expect(await page.getByTestId('verified-until').textContent()).toContain(untilDate);
      expect(await axeProblems(page)).toEqual([]);
      await ui.shot(page, `${lang}-04-settings`);
    }, 120_000);
  }
});
