/**
 * The phone speaks its reader's language in Chromium: the "new follower" form offers names and
 * places in that language (Chinese names when the phone speaks Chinese) and the new follower
 * speaks it by default; the chat list's previews of media messages read as WeChat shows them
 * ([图片], [图文] … in Chinese, [Image], [Article] … in English). Both languages, axe clean.
 * Screenshots go to test-results/phone-words/. Needs web/dist (`npm run build:web`).
 */
import { expect, it } from 'vitest';
import { describeEachDb, makeAccount } from '../harness.js';
import { makeOperator } from '../consoleFixtures.js';
import { picture } from '../phoneBrowser.js';
import { fetchToken } from '../wxClient.js';
import { findFollow } from '../../src/modules/followers/store/followers.js';
import { findFollowerUser } from '../../src/modules/followers/store/users.js';
import { axeProblems } from './axe.js';
import { UI_LANGUAGES, word } from './catalog.js';
import { chromiumSuite, developerUpload, phoneToken, phoneUserId } from './helpers.js';

const HAN = /\p{Script=Han}/u;

describeEachDb('the phone in its reader’s language', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'phone-words', page: { viewport: { width: 1000, height: 860 }, timeout: 15_000 } });

  async function customSend(account: { appid: string; secret: string }, body: Record<string, unknown>) {
    const token = await fetchToken(ui.h, account.appid, account.secret);
    const res = await fetch(`${ui.h.url}/cgi-bin/message/custom/send?access_token=${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(await res.json()).toMatchObject({ errcode: 0 });
  }

  for (const { lang, locale } of UI_LANGUAGES) {
    it(`${lang}: offers names in the phone's language and words media previews as WeChat does`, async () => {
      const op = await makeOperator(ui.h.services, { orgName: `莲花 ${lang}` });
      const shop = await makeAccount(ui.h.services, { orgId: op.orgId, type: 'service', verified: true, name: lang === 'en' ? 'Lotus Coffee' : '莲花咖啡' });
      const daily = await makeAccount(ui.h.services, { orgId: op.orgId, type: 'subscription', verified: true, name: lang === 'en' ? 'Lotus Daily' : '莲花日报' });

      // The new-follower form: a sample in the phone's language, and the follower speaks it.
      const { page } = await ui.openPage({ locale });
      await page.goto('/phone');
      await page.getByRole('heading', { name: word(lang, 'phoneSignin.whoAreYou') }).waitFor();
      expect(await page.getByLabel(word(lang, 'phoneSignin.language')).inputValue()).toBe(lang === 'en' ? 'en' : 'zh_CN');
      await page.getByRole('button', { name: word(lang, 'phoneSignin.fillInASample') }).click();
      const nickname = await page.getByLabel(word(lang, 'phoneSignin.nickname')).inputValue();
      const city = await page.getByLabel(word(lang, 'phoneSignin.city')).inputValue();
      for (const v of [nickname, city]) {
        if (lang === 'en') expect(v).not.toMatch(HAN);
        else expect(v).toMatch(HAN);
        expect(v.length).toBeGreaterThan(0);
      }
      expect(await axeProblems(page)).toEqual([]);
      await ui.shot(page, `${lang}-01-new-follower`);
      await page.getByRole('button', { name: word(lang, 'phoneSignin.createAndContinue') }).click();
      await page.getByRole('heading', { name: word(lang, 'phoneChats.wechatTitle') }).waitFor();
      const user = await findFollowerUser(ui.h.services.db, await phoneUserId(page));
      expect(user).toMatchObject({ nickname, city, language: lang === 'en' ? 'en' : 'zh_CN' });

      // An image from the service account and an article from the subscription account.
      const token = await phoneToken(page);
      for (const appid of [shop.appid, daily.appid]) {
        const res = await fetch(`${ui.h.url}/phone/api/accounts/${appid}/follow`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
        expect(res.status).toBe(200);
      }
      const userId = await phoneUserId(page);
      const openid = async (accountId: string) => (await findFollow(ui.h.services.db, accountId, userId))!.openid;
      const pic = await developerUpload(ui.h, shop, picture());
      await customSend(shop, { touser: await openid(shop.account.id), msgtype: 'image', image: { media_id: pic } });
      const title = lang === 'en' ? 'Morning brief' : '早报';
      await customSend(daily, {
        touser: await openid(daily.account.id),
        msgtype: 'news',
        news: { articles: [{ title, description: 'd', url: 'https://example.com/a', picurl: '' }] },
      });
      await page.reload();
      const shopRow = page.locator(`[data-appid="${shop.appid}"] .ph-row-sub`);
      await expect.poll(() => shopRow.textContent(), { timeout: 10_000 }).toBe(word(lang, 'phoneChats.previewImage'));
      const folder = page.getByTestId('subscriptions-row').locator('.ph-row-sub');
      await expect.poll(() => folder.textContent(), { timeout: 10_000 }).toBe(`${daily.account.name}: ${word(lang, 'phoneChats.previewArticle')} ${title}`);
      expect(await axeProblems(page)).toEqual([]);
      await ui.shot(page, `${lang}-02-chats-previews`);
    }, 120_000);
  }
});
