/**
 * The article editor, draft box, phone preview, materials library and published list (发表记录) in a real
 * browser (Debian's Chromium through playwright-core), against a listening Herald. Screenshots go
 * to test-results/articles/. Needs web/dist (`npm run build:web`).
 */
import { expect, it } from 'vitest';
import { type Page } from 'playwright-core';
import { describeInBrowser, makeAccount } from '../harness.js';
import { makeOperator } from '../consoleFixtures.js';
import { picture } from '../phoneBrowser.js';
import { chromiumSuite } from './helpers.js';
import { linkMiniProgram } from '../factories/miniprograms.js';

describeInBrowser('article editor, drafts and materials in Chromium', (kind) => {
  // The public URL names a known port, so material and article addresses can be checked.
  // Generous waits: the machine may be busy, and every wait is for a condition, not a fixed time.
  const ui = chromiumSuite(kind, { shots: 'articles', fullPage: true, publicUrl: true, page: { timeout: 30_000 } });

  /** Picks the first image of the materials picker that is open. */
  async function pickImage(page: Page, name: string) {
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('option', { name }).click();
    await dialog.getByRole('button', { name: 'Use this material' }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  it('writes a push post with rich content, saves, previews, adds an article and publishes it', async () => {
    const op = await makeOperator(ui.h.services, { orgName: 'Lotus Tea' });
    const { appid, account } = await makeAccount(ui.h.services, { orgId: op.orgId, name: 'Lotus Tea House', type: 'service', verified: true });
    // The cards' mini program is linked to the account (85005 otherwise).
    await linkMiniProgram(ui.h.services.db, account.id, { appid: 'wx0123456789abcdef', name: 'Lotus Tea Shop' });
    const page = await ui.signedInPage(op);

    // Materials library: upload two images.
    await page.goto(`/console/accounts/${appid}/materials`);
    await page.getByText('No images yet').waitFor();
    await page.getByTestId('material-file').setInputFiles({ name: 'tea-garden.png', mimeType: 'image/png', buffer: picture(900, 383) });
    await page.getByText('tea-garden.png').waitFor();
    await page.getByTestId('material-file').setInputFiles({ name: 'teapot.png', mimeType: 'image/png', buffer: picture(600, 600) });
    await page.getByText('teapot.png').waitFor();
    await ui.shot(page, '01-materials');

    // A new push post from the draft box.
    await page.getByRole('link', { name: 'Drafts' }).first().click();
    await page.getByText('No drafts yet').waitFor();
    await page.getByRole('button', { name: 'New draft' }).click();
    await page.getByLabel(/^Title/).fill('Spring tea has arrived');
    await page.getByLabel(/^Author/).fill('Mei');
    await page.getByText('22 / 32').waitFor();

    const body = page.getByRole('textbox', { name: 'Article body' });
    await body.click();
    await page.getByRole('button', { name: 'Heading', exact: true }).click();
    await page.keyboard.type('First flush from Hangzhou');
    await page.keyboard.press('Enter');
    await page.keyboard.type('The first leaves of the year are picked by hand in early April.');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Quote' }).click();
    await page.keyboard.type('Tea is the quiet between two conversations.');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Read more on ');
    await page.getByRole('button', { name: 'Link', exact: true }).click();
    await page.getByLabel('Web address').fill('https://tea-notes.example.org/spring');
    await page.getByRole('button', { name: 'Apply link' }).click();
    await page.getByText('Some links may not open in mainland China').waitFor();
    await page.getByText('may be unreachable for readers in mainland China').waitFor();

    await body.press('End');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Image from materials' }).click();
    await pickImage(page, 'teapot.png');
    await page.getByRole('button', { name: 'Mini program' }).click();
    await page.getByLabel('Mini program AppID').fill('wx0123456789abcdef');
    await page.getByLabel('Page path').fill('pages/shop/index');
    await page.getByLabel('Card title').fill('Order spring tea');
    await page.getByRole('button', { name: 'Insert' }).click();
    await body.locator('.mp-card').getByText('Order spring tea').waitFor();
    await page.getByRole('button', { name: 'Mini program' }).click();
    await page.getByRole('radio', { name: 'Text link' }).click();
    await page.getByLabel('Mini program AppID').fill('wx0123456789abcdef');
    await page.getByLabel('Page path').fill('pages/menu/index');
    await page.getByLabel('Link text').fill('See the tea menu');
    await page.getByRole('button', { name: 'Insert' }).click();
    await body.locator('a[data-miniprogram-appid="wx0123456789abcdef"]', { hasText: 'See the tea menu' }).waitFor();

    // A title over 32 characters is refused next to the title.
    await page.getByLabel(/^Title/).fill('Spring tea has arrived at the house today');
    await page.getByText('41 / 32').waitFor();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('At most 32 characters.').waitFor();
    await ui.shot(page, '02a-title-too-long', false);
    await page.getByLabel(/^Title/).fill('Spring tea has arrived');
    await page.getByRole('button', { name: 'Choose cover' }).click();
    await pickImage(page, 'tea-garden.png');
    await page.getByLabel('Digest').fill('Hand-picked in early April.');
    await page.getByRole('checkbox', { name: /Original content/ }).check();
    await page.getByRole('checkbox', { name: /Reader donations/ }).check();
    await ui.shot(page, '02-editor');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved.').waitFor();
    await page.waitForURL(/\/drafts\/[A-Za-z0-9_-]+$/);

    // After a reload the draft is all there.
    await page.reload();
    await expect.poll(() => page.getByLabel(/^Title/).inputValue()).toBe('Spring tea has arrived');
    await body.locator('h2', { hasText: 'First flush from Hangzhou' }).waitFor();
    await body.locator('blockquote', { hasText: 'Tea is the quiet' }).waitFor();
    await body.locator('a[href="https://tea-notes.example.org/spring"]').waitFor();
    await body.locator('img').waitFor();
    await body.locator('.mp-card', { hasText: 'Order spring tea' }).waitFor();
    await body.locator('a[data-miniprogram-path="pages/menu/index"]', { hasText: 'See the tea menu' }).waitFor();
    expect(await page.getByRole('checkbox', { name: /Reader donations/ }).isChecked()).toBe(true);
    await page.getByText('Some links may not open in mainland China').waitFor();

    // Preview on a phone.
    await page.getByRole('button', { name: 'Preview' }).click();
    const frame = page.frameLocator('iframe[title="Article preview"]');
    await frame.getByText('First flush from Hangzhou').waitFor();
    await ui.shot(page, '03-preview', false);
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

    // A second article.
    await page.getByRole('button', { name: /\+ Add article/ }).click();
    await page.getByLabel(/^Title/).fill('How to brew green tea');
    await body.click();
    await page.keyboard.type('Use water at 80 °C and a glass cup.');
    await page.getByRole('button', { name: 'Choose cover' }).click();
    await pickImage(page, 'teapot.png');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved.').waitFor();
    await ui.shot(page, '04-two-articles');

    await page.getByRole('link', { name: 'Drafts' }).first().click();
    await page.locator('.draft-card', { hasText: 'Spring tea has arrived' }).getByText('How to brew green tea').waitFor();
    await ui.shot(page, '05-draft-box');

    // Publish and find both articles in the published list.
    await page.locator('.draft-card', { hasText: 'Spring tea has arrived' }).getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('button', { name: 'Publish' }).click();
    // 发表 asks first; without 群发通知 it only publishes.
    await page.getByRole('dialog', { name: 'Publish' }).getByRole('button', { name: 'Publish' }).click();
    await page.waitForURL(/\/published$/, { timeout: 60_000 });
    await page.getByRole('link', { name: 'Spring tea has arrived' }).waitFor();
    await page.getByRole('link', { name: 'How to brew green tea' }).waitFor();
    await ui.shot(page, '06-published');
    await page.goto(`/console/accounts/${appid}/drafts`);
    await page.getByText('No drafts yet').waitFor();
  }, 300_000);
});
