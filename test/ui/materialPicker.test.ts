/**
 * The material picker (选择素材) in a real browser: the operator picks an image material for the
 * message reply (收到消息回复) with the keyboard, and a follower's phone receives that image; in
 * English and in Chinese, with axe clean on the page and on the open picker. Screenshots go to
 * test-results/material-picker/. Needs web/dist (`npm run build:web`).
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, makeAccount } from '../harness.js';
import { makeOperator } from '../consoleFixtures.js';
import { picture, seen } from '../phoneBrowser.js';
import { fetchToken } from '../wxClient.js';
import { loadAutoReplyRules } from '../../src/modules/autoreplies/store.js';
import { axeProblems } from './axe.js';
import { chromiumSuite, createPhoneFollower, phoneToken } from './helpers.js';

/** The words the test looks for, per language. */
const WORDS = {
  en: {
    email: 'Email', password: 'Password', signIn: 'Sign in', accounts: 'Official accounts',
    messageReply: 'Message reply', image: 'Image', choose: 'Choose material', pickerTitle: 'Choose material', images: 'Images',
    change: 'Change', save: 'Save', saved: 'Message reply saved', copy: 'Copy', materials: 'Materials',
  },
  'zh-CN': {
    email: '邮箱', password: '密码', signIn: '登录', accounts: '公众号',
    messageReply: '收到消息回复', image: '图片', choose: '选择素材', pickerTitle: '选择素材', images: '图片',
    change: '更换', save: '保存', saved: '收到消息回复已保存', copy: '复制', materials: '素材库',
  },
} as const;

describeInBrowser('material picker in Chromium', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'material-picker', publicUrl: true, page: { viewport: { width: 1280, height: 900 }, timeout: 15_000 } });

  /** Adds a permanent image material through material/add_material; returns its media_id. */
  async function addImageMaterial(account: { appid: string; secret: string }, name: string): Promise<string> {
    const token = await fetchToken(ui.h, account.appid, account.secret);
    const form = new FormData();
    form.append('media', new Blob([new Uint8Array(picture(320, 240))], { type: 'image/png' }), name);
    const res = await fetch(`${ui.h.url}/cgi-bin/material/add_material?access_token=${token}&type=image`, { method: 'POST', body: form });
    const json = (await res.json()) as { media_id?: string };
    expect(json.media_id, JSON.stringify(json)).toBeTypeOf('string');
    return json.media_id as string;
  }

  async function signInAs(page: Page, w: (typeof WORDS)[keyof typeof WORDS], login: { email: string; password: string }) {
    await page.goto('/console');
    await page.getByLabel(w.email).fill(login.email);
    await page.getByLabel(w.password).fill(login.password);
    await page.getByRole('button', { name: w.signIn }).click();
    await page.getByRole('heading', { name: w.accounts }).waitFor();
  }

  for (const lang of ['en', 'zh-CN'] as const) {
    it(`picks an image material for the message reply and the phone receives it (${lang})`, async () => {
      const w = WORDS[lang];
      const op = await makeOperator(ui.h.services, { orgName: lang === 'en' ? 'Harbor Bakery' : '港湾面包' });
      const made = await makeAccount(ui.h.services, { orgId: op.orgId, type: 'service', verified: true, name: lang === 'en' ? 'Harbor Bakery' : '港湾面包' });
      await addImageMaterial(made, 'storefront.png');
      const wanted = await addImageMaterial(made, 'fresh-bread.png');

      const { page } = await ui.openPage({ locale: lang });
      await signInAs(page, w, op);
      await page.goto(`/console/accounts/${made.appid}/auto-replies`);
      await page.getByRole('tab', { name: w.messageReply }).click();
      await page.getByRole('radio', { name: w.image }).first().click();
      await page.getByRole('button', { name: new RegExp(`^${w.choose}`) }).click();

      // The picker: a labelled modal dialog; the list takes arrows; Enter uses the selection.
      const dialog = page.getByRole('dialog', { name: w.pickerTitle });
      await seen(dialog);
      const list = dialog.getByRole('listbox', { name: w.images });
      await seen(list.getByRole('option'));
      expect(await list.getByRole('option').count()).toBe(2);
      await page.waitForLoadState('networkidle');
      expect(await axeProblems(page)).toEqual([]);
      await list.focus();
      // Newest first: fresh-bread.png is the first option; the arrows move and come back.
      await page.keyboard.press('End');
      await page.keyboard.press('Home');
      expect(await list.getByRole('option', { selected: true }).textContent()).toContain('fresh-bread.png');
      await ui.shot(page, `${lang}-01-picker`);
      // Tab stays inside the dialog.
      for (let i = 0; i < 8; i++) await page.keyboard.press('Tab');
      expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
      await list.focus();
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'hidden' });
      await seen(page.getByText(wanted));

      // Escape closes the picker without touching the reply.
      await page.getByRole('button', { name: new RegExp(`^${w.change} · ${w.image}$`) }).click();
      await seen(dialog);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });

      await page.getByRole('button', { name: w.save, exact: true }).click();
      await seen(page.getByText(w.saved));
      expect(await axeProblems(page)).toEqual([]);
      await ui.shot(page, `${lang}-02-reply-saved`);
      const rules = await loadAutoReplyRules(ui.h.services.db, made.account.id);
      expect(rules.find((r) => r.kind === 'default')?.replies).toEqual([{ type: 'image', media_id: wanted }]);

      // The library shows the media_id, copies it, and previews the image.
      await page.goto(`/console/accounts/${made.appid}/materials`);
      const tile = page.locator('.material-tile').filter({ hasText: 'fresh-bread.png' });
      await seen(tile.getByText(wanted));
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await tile.getByRole('button', { name: new RegExp(w.copy) }).click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(wanted);
      await tile.locator('.material-preview-button').click();
      const preview = page.getByRole('dialog');
      await seen(preview.locator('img'));
      expect(await axeProblems(page)).toEqual([]);
      await ui.shot(page, `${lang}-03-preview`);
      await page.keyboard.press('Escape');

      // At phone width the picker still fits and works.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`/console/accounts/${made.appid}/auto-replies`);
      await page.getByRole('tab', { name: w.messageReply }).click();
      await page.getByRole('button', { name: new RegExp(`^${w.change} · ${w.image}$`) }).click();
      await seen(dialog.getByRole('option'));
      await ui.shot(page, `${lang}-05-picker-phone-width`);
      await page.keyboard.press('Escape');

      // A follower writes; the account answers with the image.
      const { page: phone } = await ui.openPage({ viewport: { width: 1000, height: 860 } });
      await createPhoneFollower(phone, lang === 'en' ? 'Ana' : '王芳', lang === 'en' ? 'Lisbon' : '杭州');
      const token = await phoneToken(phone);
      const followed = await fetch(`${ui.h.url}/phone/api/accounts/${made.appid}/follow`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      expect(followed.status).toBe(200);
      const said = await fetch(`${ui.h.url}/phone/api/accounts/${made.appid}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ msgtype: 'text', content: lang === 'en' ? 'Hello' : '你好' }),
      });
      expect(said.status).toBe(201);
      await phone.reload();
      await phone.locator(`[data-appid="${made.appid}"]`).click();
      const img = phone.locator('.ph-image img');
      await seen(img);
      expect(await img.getAttribute('src')).toContain(wanted);
      await ui.shot(phone, `${lang}-04-phone`);
    }, 120_000);
  }
});
