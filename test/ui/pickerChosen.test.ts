/**
 * The material picker opened on a field that already holds a material, in Chromium: it opens on
 * that material's kind with the material chosen, and the menu editor's "open a news material"
 * button (view_limited) takes its material from the picker (news materials) instead of a typed
 * media_id. Both languages, axe clean. Screenshots go to test-results/picker-chosen/. Needs
 * web/dist (`npm run build:web`).
 */
import { expect, it } from 'vitest';
import { describeEachDb, makeAccount } from '../harness.js';
import { makeOperator } from '../consoleFixtures.js';
import { seen } from '../phoneBrowser.js';
import { addMaterial } from '../../src/modules/media/index.js';
import { addNewsMaterial } from '../../src/modules/articles/commands/newsMaterialCreator.js';
import { publishMenu } from '../../src/modules/menus/commands/menuPublisher.js';
import { getCurrentMenu } from '../../src/modules/menus/store.js';
import { PLACEHOLDER_PNG } from '../../src/surfaces/sim/placeholders.js';
import { axeProblems } from './axe.js';
import { signInIn, UI_LANGUAGES, word } from './catalog.js';
import { chromiumSuite } from './helpers.js';

describeEachDb('the material picker on a field that holds a material', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'picker-chosen', page: { viewport: { width: 1280, height: 900 }, timeout: 15_000 } });

  for (const { lang, locale } of UI_LANGUAGES) {
    it(`${lang}: opens on the field's material, chosen; view_limited picks a news material`, async () => {
      const op = await makeOperator(ui.h.services, { orgName: `莲花 ${lang}` });
      const made = await makeAccount(ui.h.services, { orgId: op.orgId, type: 'service', verified: true, name: '莲花咖啡' });
      const { account } = made;
      const storefront = await addMaterial(ui.h.services, { account, kind: 'image', file: { bytes: PLACEHOLDER_PNG, filename: '门店.png' } });
      ui.h.services.clock.advance(1000);
      await addMaterial(ui.h.services, { account, kind: 'image', file: { bytes: Buffer.concat([PLACEHOLDER_PNG, Buffer.from([1])]), filename: '新品.png' } });
      const story = await addNewsMaterial(ui.h.services, { accountId: account.id, articles: [{ title: '品牌故事', content: '<p>莲花咖啡的故事。</p>', thumb_media_id: storefront.id }] });
      ui.h.services.clock.advance(1000);
      const menuNews = await addNewsMaterial(ui.h.services, { accountId: account.id, articles: [{ title: '秋季菜单', content: '<p>桂花拿铁。</p>', thumb_media_id: storefront.id }] });
      await publishMenu(ui.h.services, account.id, [
        { type: 'media_id', name: '门店照片', media_id: storefront.id },
        { type: 'view_limited', name: '品牌故事', media_id: story.group.id },
      ], 'console');

      const { page } = await ui.openPage({ locale });
      await signInIn(page, lang, op);
      await page.goto(`/console/accounts/${made.appid}/menu`);
      const bar = page.getByRole('toolbar', { name: word(lang, 'menu.menuBar') });
      const side = page.locator('.menu-side');

      // The image button: the field names its material; the picker opens with it chosen (the older of two).
      await bar.locator('.phone-btn', { hasText: '门店照片' }).click();
      const imageField = side.getByRole('group', { name: word(lang, 'menu.sendAPermanentMaterial') });
      await seen(imageField.getByText('门店.png'));
      await imageField.getByRole('button', { name: `${word(lang, 'materials.changeMaterial')} · ${word(lang, 'menu.sendAPermanentMaterial')}` }).click();
      const dialog = page.getByRole('dialog', { name: word(lang, 'materials.chooseMaterial') });
      await seen(dialog);
      const images = dialog.getByRole('listbox', { name: word(lang, 'materials.images') });
      await expect.poll(() => images.getByRole('option', { selected: true }).textContent(), { timeout: 10_000 }).toContain('门店.png');
      expect(await images.getByRole('option').count()).toBe(2);
      expect(await dialog.getByRole('tab', { selected: true }).textContent()).toBe(word(lang, 'materials.images'));
      expect(await axeProblems(page)).toEqual([]);
      await ui.shot(page, `${lang}-01-picker-chosen`);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });

      // The view_limited button: a material field (no typed media_id) with the news material chosen.
      await bar.locator('.phone-btn', { hasText: '品牌故事' }).click();
      const newsField = side.getByRole('group', { name: word(lang, 'menu.openANewsMaterial') });
      await seen(newsField.getByText('品牌故事'));
      expect(await side.locator('input[name="media_id"]').count()).toBe(0);
      await newsField.getByRole('button', { name: `${word(lang, 'materials.changeMaterial')} · ${word(lang, 'menu.openANewsMaterial')}` }).click();
      await seen(dialog);
      const news = dialog.getByRole('listbox', { name: word(lang, 'materials.news') });
      await expect.poll(() => news.getByRole('option', { selected: true }).textContent(), { timeout: 10_000 }).toContain('品牌故事');
      expect(await axeProblems(page)).toEqual([]);
      await ui.shot(page, `${lang}-02-news-picker`);
      // Another news material, by keyboard: the list starts on the chosen one; Home goes to the newest.
      await news.focus();
      await page.keyboard.press('Home');
      expect(await news.getByRole('option', { selected: true }).textContent()).toContain('秋季菜单');
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'hidden' });
      await seen(newsField.getByText(menuNews.group.id));

      await page.getByRole('button', { name: word(lang, 'menu.publish'), exact: true }).click();
      await expect
        .poll(async () => (await getCurrentMenu(ui.h.services.db, account.id))?.default.buttons[1], { timeout: 10_000 })
        .toMatchObject({ type: 'view_limited', media_id: menuNews.group.id });
    }, 120_000);
  }
});
