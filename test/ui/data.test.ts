/**
 * The Data pages (数据) in Chromium, in Chinese and English: follows from QR codes and search,
 * an unfollow, messages and menu taps made through the simulator appear in the charts (drawn,
 * with a text summary) and the tables; the range changes (last 30 days, a custom range); the CSV
 * file downloads with the same figures; keyboard and axe-core clean. Screenshots go to
 * test-results/data/. Needs web/dist (`npm run build:web`).
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeInBrowser, makeAccount } from '../harness.js';
import { makeOperator } from '../consoleFixtures.js';
import { axeProblems } from './axe.js';
import { signInIn, UI_LANGUAGES, word } from './catalog.js';
import { chromiumSuite } from './helpers.js';
import { chinaDay } from '../../src/platform/clock.js';

describeInBrowser('the Data pages in Chromium', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'data', page: { viewport: { width: 1440, height: 1000 }, timeout: 15_000 } });

  const sim = async (url: string, body: unknown) => {
    const r = await ui.h.app.inject({ method: 'POST', url: `/sim/v1${url}`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    expect(r.statusCode, r.body).toBeLessThan(300);
    return r.json() as Record<string, any>;
  };

  for (const { lang, locale } of UI_LANGUAGES) {
    it(`${lang}: charts, tables, ranges and the CSV file of what followers did`, async () => {
      const op = await makeOperator(ui.h.services, { orgName: `数据 ${lang}` });
      const { appid } = await makeAccount(ui.h.services, { orgId: op.orgId, name: '莲花书店', type: 'service', verified: true });
      const day = chinaDay(ui.h.services.clock.nowMs());
      const users: string[] = [];
      for (let i = 0; i < 3; i++) {
        users.push((await sim('/users', { nickname: `R${i}` })).id as string);
        await sim(`/users/${users[i]}/follow`, { account: appid, scene: 'ADD_SCENE_QR_CODE' });
      }
      const searcher = (await sim('/users', { nickname: 'S' })).id as string;
      await sim(`/users/${searcher}/follow`, { account: appid });
      await sim(`/users/${users[0]}/unfollow`, { account: appid });
      for (let i = 0; i < 4; i++) await sim(`/users/${users[1]}/messages`, { account: appid, msgtype: 'text', content: `m${i}` });
      // Figures run to yesterday: move on a day.
      await sim('/clock/advance', { seconds: 86_400 });

      const { page } = await ui.openPage({ locale });
      await signInIn(page, lang, op);
      await page.goto(`/console/accounts/${appid}`);
      // Reached from the navigation's 数据 group.
      const group = page.locator('.nav-sub').getByRole('group', { name: word(lang, 'frame.groupData') });
      await group.getByRole('link', { name: word(lang, 'data.users') }).click();
      await page.waitForURL(`**/console/accounts/${appid}/data/users`);
      const daily = page.getByRole('table', { name: word(lang, 'data.usersDaily') });
      await daily.waitFor();
      // The chart is drawn (SVG) and described in words; the table holds the day's figures.
      await page.locator('.data-chart svg path').first().waitFor({ state: 'attached' });
      expect(await page.locator('.data-chart svg path').count()).toBeGreaterThan(5);
      const summary = await page.locator('.data-chart').first().getAttribute('aria-label');
      expect(summary).toContain(word(lang, 'data.seriesTotal', { name: word(lang, 'data.colNewUser'), total: '4', max: '4' }));
      expect(await daily.locator('tbody tr').count()).toBe(7);
      expect(await daily.locator('tbody tr').last().locator('td').allTextContents()).toEqual([day, '4', '1', '3', '3']);
      const sources = page.getByRole('table', { name: word(lang, 'data.usersSources') });
      expect(await sources.locator('tbody tr').first().locator('td').allTextContents()).toEqual([word(lang, 'data.sourceQr'), '3', '1', '2']);
      expect(await axeProblems(page)).toEqual([]);
      await ui.shot(page, `${lang}-01-users`, true);

      // Last 30 days, by keyboard.
      await page.getByRole('button', { name: word(lang, 'data.lastDays', { n: 30 }) }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => daily.locator('tbody tr').count()).toBe(30);
      // A custom range: the one day.
      await page.getByRole('button', { name: word(lang, 'data.custom') }).click();
      await page.getByRole('textbox', { name: word(lang, 'data.from'), exact: true }).fill(day);
      await page.getByRole('textbox', { name: word(lang, 'data.to'), exact: true }).fill(day);
      await page.getByRole('button', { name: word(lang, 'data.apply') }).click();
      await expect.poll(() => daily.locator('tbody tr').count()).toBe(1);

      // The CSV file: the same figures, a BOM for Excel.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-daily').click()]);
      expect(download.suggestedFilename()).toBe(`${appid}-users-daily-${day}-${day}.csv`);
      expect(readFileSync((await download.path()) as string, 'utf8')).toBe(`\uFEFFref_date,new_user,cancel_user,net_user,cumulate_user\r\n${day},4,1,3,3\r\n`);

      // Messages: the follower's four texts.
      await group.getByRole('link', { name: word(lang, 'data.messages') }).click();
      const types = page.getByRole('table', { name: word(lang, 'data.messagesTypes') });
      await types.waitFor();
      expect(await types.locator('tbody tr').first().locator('td').allTextContents()).toEqual([word(lang, 'data.msgText'), '4', '1']);
      await page.locator('.data-chart svg path').first().waitFor({ state: 'attached' });
      expect(await page.locator('.data-chart svg path').count()).toBeGreaterThan(5);
      expect(await axeProblems(page)).toEqual([]);
      await ui.shot(page, `${lang}-02-messages`, true);
    }, 120_000);
  }
});
