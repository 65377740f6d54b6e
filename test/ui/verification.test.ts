/**
 * Verification (微信认证) and type conversion in Chromium: the owner applies in English, uploads
 * a licence (a text file is refused), the platform administrator marks the invoice paid and
 * approves in Chinese, the owner converts the subscription account after a confirmation that
 * says it is permanent, and the follower's phone moves the account from the Subscriptions folder
 * to Chats. axe-core finds no serious or critical problem. Screenshots go to test-results/verification/.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, makeAccount } from '../harness.js';
import { makeOperator } from '../consoleFixtures.js';
import { pngOf } from '../factories/images.js';
import { seen } from '../phoneBrowser.js';
import { followAccount } from '../../src/modules/followers/commands/followAccount.js';
import { chromiumSuite, createPhoneFollower, phoneUserId } from './helpers.js';
import { axeProblems } from './axe.js';

async function signInZh(page: Page, login: { email: string; password: string }) {
  await page.goto('/console');
  await page.getByLabel('邮箱').fill(login.email);
  await page.getByLabel('密码').fill(login.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '公众号' }).waitFor();
}

describeInBrowser('verification and type conversion in Chromium', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'verification', page: { timeout: 15_000 } });

  it('applies, is approved, converts once; the phone files the account in Chats', { timeout: 300_000 }, async () => {
    const op = await makeOperator(ui.h.services, { role: 'owner', orgName: 'Daily Org' });
    const admin = await makeOperator(ui.h.services, { platformAdmin: true });
    const daily = await makeAccount(ui.h.services, { orgId: op.orgId, name: 'Morning Daily', type: 'subscription', verified: false });

    // The follower's phone: a subscription account sits in the Subscriptions folder.
    const { page: phone } = await ui.openPage({ viewport: { width: 1100, height: 900 } });
    await createPhoneFollower(phone, 'Reader', 'Hangzhou');
    await followAccount(ui.h.services, await phoneUserId(phone), daily.appid, { scene: 'ADD_SCENE_SEARCH' });
    await phone.goto('/phone');
    await seen(phone.getByTestId('subscriptions-row'));
    expect(await phone.locator(`[data-appid="${daily.appid}"]`).count()).toBe(0);

    // The owner applies in English and uploads the licence.
    const page = await ui.signedInPage(op);
    await page.goto(`/console/accounts/${daily.appid}/verification`);
    await seen(page.getByText('Not verified'));
    await seen(page.getByTestId('verified-capabilities').getByText('Custom menu', { exact: false }).first());
    await page.getByLabel("Subject's full name").fill('杭州晨报传媒有限公司');
    await page.getByRole('button', { name: 'Submit application' }).click();
    await seen(page.getByText('Awaiting payment').first());
    await seen(page.getByText(/Invoice V\d{8}-/));
    await page.getByLabel('File').setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('just text, not an image') });
    await seen(page.getByText('The document was not uploaded'));
    await page.getByLabel('File').setInputFiles({ name: 'licence.png', mimeType: 'image/png', buffer: pngOf(1200, 900) });
    await seen(page.getByRole('link', { name: 'Business licence: licence.png' }));
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, '01-applied-en', true);

    // The administrator in Chinese: mark the invoice paid, approve.
    const { page: reviewer } = await ui.openPage({ locale: 'zh-CN' });
    await signInZh(reviewer, admin);
    await reviewer.goto('/console/admin/verifications');
    await reviewer.getByRole('cell', { name: 'Morning Daily' }).click();
    await reviewer.getByRole('button', { name: '标记为已付款' }).click();
    await seen(reviewer.getByText('已标记为已付款。'));
    await seen(reviewer.getByRole('button', { name: '通过', exact: true }));
    expect(await axeProblems(reviewer)).toEqual([]);
    await ui.shot(reviewer, '02-review-zh', true);
    await reviewer.getByRole('button', { name: '通过', exact: true }).click();
    await seen(reviewer.getByText('已通过：帐号认证有效期一年。'));

    // Verified: the conversion, confirmed as permanent.
    await page.reload();
    await seen(page.getByTestId('verification-badge').getByText('Verified'));
    await page.getByRole('button', { name: 'Convert to a service account' }).click();
    const dialog = page.getByRole('dialog');
    await seen(dialog.getByText('This is permanent', { exact: false }));
    const confirm = dialog.getByRole('button', { name: 'Convert to a service account' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel('I understand that the conversion is permanent').check();
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, '03-confirm-en');
    await confirm.click();
    await seen(page.getByTestId('conversion-done'));
    await seen(page.getByTestId('conversion-refusal').or(page.getByTestId('conversion-done')));
    await ui.shot(page, '04-converted-en', true);

    // The owner's page in Chinese.
    const { page: zh } = await ui.openPage({ locale: 'zh-CN' });
    await signInZh(zh, op);
    await zh.goto(`/console/accounts/${daily.appid}/verification`);
    await seen(zh.getByText('已认证').first());
    await seen(zh.getByText('由订阅号转为服务号', { exact: false }));
    expect(await axeProblems(zh)).toEqual([]);
    await ui.shot(zh, '05-converted-zh', true);

    // The phone: now in Chats, the folder gone.
    await phone.goto('/phone');
    await seen(phone.locator(`[data-appid="${daily.appid}"]`));
    expect(await phone.getByTestId('subscriptions-row').count()).toBe(0);
    await ui.shot(phone, '06-phone-chats');
  });
});
