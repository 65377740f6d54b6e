/**
 * The push composer (群发) with materials, in a real browser: the operator pushes a voice material
 * chosen in the material picker with the keyboard, previewed before sending, and the follower's
 * phone receives it as a voice bubble; the video and published-article (图文消息) previews are
 * drawn too. In English and in Chinese, at desktop and phone width, axe clean. Screenshots go to
 * test-results/push-materials/. Needs web/dist (`npm run build:web`).
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, makeAccount } from '../harness.js';
import { makeOperator } from '../consoleFixtures.js';
import { makePublishedArticle } from '../factories/articles.js';
import { seen } from '../phoneBrowser.js';
import { addMaterial } from '../../src/modules/media/index.js';
import { sendBroadcast } from '../../src/modules/broadcasts/commands/broadcastSender.js';
import { PLACEHOLDER_AMR, PLACEHOLDER_MP4, PLACEHOLDER_PNG } from '../../src/surfaces/sim/placeholders.js';
import { axeProblems } from './axe.js';
import { chromiumSuite, createPhoneFollower, phoneToken } from './helpers.js';

/** The words the test looks for, per language. */
const WORDS = {
  en: {
    email: 'Email', password: 'Password', signIn: 'Sign in', accounts: 'Official accounts',
    voice: 'Voice', video: 'Video', article: 'Published article', choose: 'Choose material',
    voiceToPush: 'Voice to push', videoToPush: 'Video to push', articleToPush: 'Published article to push',
    send: 'Send push post…', confirm: 'Send this push post now?', sendNow: 'Send now',
  },
  'zh-CN': {
    email: '邮箱', password: '密码', signIn: '登录', accounts: '公众号',
    voice: '语音', video: '视频', article: '图文消息', choose: '选择素材',
    voiceToPush: '要群发的语音', videoToPush: '要群发的视频', articleToPush: '要群发的图文消息',
    send: '群发…', confirm: '立即群发？', sendNow: '立即群发',
  },
} as const;

type Words = (typeof WORDS)[keyof typeof WORDS];

describeInBrowser('push composer with materials in Chromium', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'push-materials', fullPage: true, publicUrl: true, page: { viewport: { width: 1280, height: 900 }, timeout: 15_000 } });

  async function signInAs(page: Page, w: Words, login: { email: string; password: string }) {
    await page.goto('/console');
    await page.getByLabel(w.email).fill(login.email);
    await page.getByLabel(w.password).fill(login.password);
    await page.getByRole('button', { name: w.signIn }).click();
    await page.getByRole('heading', { name: w.accounts }).waitFor();
  }

  /** Chooses the only material of the type in the picker, by keyboard, and waits for its preview. */
  async function pickOnly(page: Page, w: Words, type: string, label: string) {
    await page.getByRole('radio', { name: new RegExp(`^${type}`) }).check();
    await page.getByRole('button', { name: `${w.choose} · ${label}` }).click();
    const dialog = page.getByRole('dialog', { name: label });
    await seen(dialog.getByRole('option'));
    await dialog.getByRole('listbox').focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await seen(page.getByTestId('push-preview'));
  }

  for (const lang of ['en', 'zh-CN'] as const) {
    it(`pushes a voice material and the phone receives it as a voice bubble (${lang})`, async () => {
      const w = WORDS[lang];
      const name = lang === 'en' ? 'Harbor Radio' : '港湾电台';
      const op = await makeOperator(ui.h.services, { orgName: name });
      const made = await makeAccount(ui.h.services, { orgId: op.orgId, type: 'service', verified: true, name });
      const account = made.account;
      const voice = await addMaterial(ui.h.services, { account, kind: 'voice', file: { bytes: PLACEHOLDER_AMR, filename: lang === 'en' ? 'morning-news.amr' : '早间新闻.amr' } });
      await addMaterial(ui.h.services, { account, kind: 'video', file: { bytes: PLACEHOLDER_MP4, filename: 'tour.mp4' }, video: { title: lang === 'en' ? 'Studio tour' : '参观演播室', introduction: '' } });
      const cover = await addMaterial(ui.h.services, { account, kind: 'image', file: { bytes: PLACEHOLDER_PNG, filename: 'cover.png' } });
      await makePublishedArticle(ui.h.services.db, { accountId: account.id, title: lang === 'en' ? 'This week on air' : '本周节目单', thumbMediaId: cover.id });

      // The follower follows first, so the push reaches them.
      const { page: phone } = await ui.openPage({ viewport: { width: 1000, height: 860 } });
      await createPhoneFollower(phone, lang === 'en' ? 'Ana' : '王芳', lang === 'en' ? 'Lisbon' : '杭州');
      const token = await phoneToken(phone);
      const followed = await fetch(`${ui.h.url}/phone/api/accounts/${made.appid}/follow`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      expect(followed.status).toBe(200);

      const { page } = await ui.openPage({ locale: lang });
      await signInAs(page, w, op);
      await page.goto(`/console/accounts/${made.appid}/broadcasts`);

      // The video and the published article are previewed as followers would get them.
      await pickOnly(page, w, w.video, w.videoToPush);
      await seen(page.getByTestId('push-preview').locator('video'));
      await pickOnly(page, w, w.article, w.articleToPush);
      await seen(page.getByTestId('push-preview').getByText(lang === 'en' ? 'This week on air' : '本周节目单'));
      expect(await axeProblems(page)).toEqual([]);
      await ui.shot(page, `${lang}-01-article-preview`);

      await pickOnly(page, w, w.voice, w.voiceToPush);
      const preview = page.getByTestId('push-preview');
      await seen(preview.locator('audio'));
      expect(await preview.textContent()).toContain(voice.id);
      expect(await axeProblems(page)).toEqual([]);
      await ui.shot(page, `${lang}-02-voice-preview`);
      await page.setViewportSize({ width: 390, height: 844 });
      await ui.shot(page, `${lang}-03-voice-preview-phone-width`);
      await page.setViewportSize({ width: 1280, height: 900 });

      await page.getByRole('button', { name: w.send }).click();
      const confirm = page.getByRole('dialog', { name: w.confirm });
      await seen(confirm);
      expect(await axeProblems(page)).toEqual([]);
      await confirm.getByRole('button', { name: w.sendNow }).click();
      await confirm.waitFor({ state: 'hidden' });
      // The history sums the push up by the material's own name (Chinese names kept), never the raw msgtype.
      await page.goto(`/console/accounts/${made.appid}/broadcasts`);
      await expect.poll(() => page.locator('.push-summary').first().textContent(), { timeout: 15_000 }).toBe(lang === 'en' ? 'morning-news.amr' : '早间新闻.amr');

      // The phone: the service account's chat carries the voice bubble of the material.
      await phone.reload();
      await phone.locator(`[data-appid="${made.appid}"]`).click();
      await seen(phone.locator('.ph-voicebtn'), 30_000);
      expect(await phone.locator('.ph-voicebtn audio').getAttribute('src')).toContain(voice.id);
      expect(await axeProblems(phone)).toEqual([]);
      await ui.shot(phone, `${lang}-04-phone-voice`);

      // A subscription account's voice push is filed in 订阅号消息, named as WeChat names it.
      const paper = await makeAccount(ui.h.services, { orgId: op.orgId, type: 'subscription', name: lang === 'en' ? 'Harbor Daily' : '港湾日报' });
      const note = await addMaterial(ui.h.services, { account: paper.account, kind: 'voice', file: { bytes: PLACEHOLDER_AMR } });
      expect((await fetch(`${ui.h.url}/phone/api/accounts/${paper.appid}/follow`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
      await sendBroadcast(ui.h.services, { accountId: paper.account.id, source: 'console', msgtype: 'voice', payload: { media_id: note.id }, audience: { kind: 'all' } });
      await phone.goto('/phone/subscriptions');
      const entry = phone.locator('.ph-feed-item').filter({ has: phone.locator(`[data-appid="${paper.appid}"]`) });
      await expect.poll(() => entry.locator('.ph-feed-text').textContent(), { timeout: 30_000 }).toBe('[Voice]');
      expect(await axeProblems(phone)).toEqual([]);
      await ui.shot(phone, `${lang}-05-phone-subscriptions`);
    }, 120_000);
  }
});
