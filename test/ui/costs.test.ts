/**
 * The costs page and API mass-send protection in Chromium. The owner's costs page in English and
 * in Chinese (a verification invoice due, then paid; the renewal to pay before the end; the CSV
 * export), the platform's revenue page; an owner turns on API mass-send protection on the push
 * page, the developer's API mass send shows a confirmation card in the administrator's phone
 * (公众平台安全助手), and Send releases it to the followers. axe-core finds no serious or critical
 * problem. Screenshots go to test-results/costs/.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, makeAccount } from '../harness.js';
import { makeOperator } from '../consoleFixtures.js';
import { seen } from '../phoneBrowser.js';
import { fetchToken, wxCall } from '../wxClient.js';
import { followAccount } from '../../src/modules/followers/commands/followAccount.js';
import { findFollow } from '../../src/modules/followers/index.js';
import { chromiumSuite, createPhoneFollower, phoneUserId } from './helpers.js';
import { axeProblems } from './axe.js';

async function signInZh(page: Page, login: { email: string; password: string }) {
  await page.goto('/console');
  await page.getByLabel('邮箱').fill(login.email);
  await page.getByLabel('密码').fill(login.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '公众号' }).waitFor();
}

describeInBrowser('costs and API mass-send protection in Chromium', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'costs', page: { timeout: 15_000 } });

  it('shows the organization’s costs in English and Chinese, exports CSV, and the platform’s revenue', { timeout: 300_000 }, async () => {
    const op = await makeOperator(ui.h.services, { role: 'owner', orgName: 'Tea House Org' });
    const admin = await makeOperator(ui.h.services, { platformAdmin: true });
    const shop = await makeAccount(ui.h.services, { orgId: op.orgId, name: 'Tea House', type: 'service', verified: false });
    const sim = (url: string, body: object) => ui.h.app.inject({ method: 'POST', url: `/sim/v1${url}`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });

    const page = await ui.signedInPage(op);
    await page.goto(`/console/accounts/${shop.appid}/verification`);
    await page.getByLabel("Subject's full name").fill('杭州茶馆有限公司');
    await page.getByRole('button', { name: 'Submit application' }).click();
    await seen(page.getByText(/Invoice V\d{8}-/));

    await page.goto(`/console/accounts/${shop.appid}/costs`);
    await seen(page.getByRole('heading', { name: 'Costs of Tea House Org' }));
    await seen(page.getByTestId('total-due').getByText('¥300.00'));
    await seen(page.getByRole('table', { name: 'Invoices' }).getByText(/V\d{8}-/));
    const href = await page.getByTestId('costs-csv').getAttribute('href');
    expect(href).toBe('/console/api/costs/csv');
    const csv = await page.request.get(href!);
    expect(csv.status()).toBe(200);
    expect((await csv.text()).replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('type,status,date,appid,account,detail,amount_cny,invoice_no');
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, '01-costs-due-en', true);

    // Verified through the simulator (paid, approved): paid now, the renewal to pay before the end.
    expect((await sim(`/accounts/${shop.appid}/verification`, { outcome: 'success' })).statusCode).toBe(200);
    const { page: zh } = await ui.openPage({ locale: 'zh-CN' });
    await signInZh(zh, op);
    await zh.goto(`/console/accounts/${shop.appid}/costs`);
    await seen(zh.getByRole('heading', { name: 'Tea House Org 的费用' }));
    await seen(zh.getByTestId('total-paid').getByText('¥300.00'));
    await seen(zh.getByText('年审').first());
    await seen(zh.getByText('即将到期').first());
    expect(await axeProblems(zh)).toEqual([]);
    await ui.shot(zh, '02-costs-paid-zh', true);

    const revenue = await ui.signedInPage(admin);
    await revenue.goto('/console/admin/revenue');
    await seen(revenue.getByRole('table', { name: 'Revenue by fee type' }).getByText('Verification', { exact: true }));
    expect(await axeProblems(revenue)).toEqual([]);
    await ui.shot(revenue, '03-revenue-en', true);
  });

  it('an API mass send waits for the administrator’s confirmation card in the phone', { timeout: 300_000 }, async () => {
    const op = await makeOperator(ui.h.services, { role: 'owner', orgName: 'Guarded Org' });
    const shop = await makeAccount(ui.h.services, { orgId: op.orgId, name: 'Guarded Shop', type: 'service' });

    // The administrator's phone follows the account.
    const { page: phone } = await ui.openPage({ viewport: { width: 1100, height: 900 } });
    await createPhoneFollower(phone, 'Admin Wang', 'Hangzhou');
    const adminId = await phoneUserId(phone);
    await followAccount(ui.h.services, adminId, shop.appid, { scene: 'ADD_SCENE_SEARCH' });
    const openid = (await findFollow(ui.h.services.db, shop.account.id, adminId))!.openid;

    // The owner turns the protection on from the push page.
    const page = await ui.signedInPage(op);
    await page.goto(`/console/accounts/${shop.appid}/broadcasts`);
    await page.getByLabel('Ask the administrator to confirm each API mass send').check();
    await page.getByLabel("Administrator's WeChat (openid of a follower)").fill(openid);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await seen(page.getByText('API mass-send protection is on.'));
    await seen(page.getByText("Confirmations go to Admin Wang's phone."));
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, '04-protection-on-en', true);

    // The developer's server sends through the API: the post waits.
    const token = await fetchToken(ui.h, shop.appid, shop.secret);
    const sent = await wxCall(ui.h, 'POST', `/cgi-bin/message/mass/sendall?access_token=${encodeURIComponent(token)}`, { body: { filter: { is_to_all: true }, msgtype: 'text', text: { content: 'Spring tea has arrived' } } });
    expect(sent.errcode).toBe(0);

    await phone.goto('/phone');
    await seen(phone.getByTestId('mass-confirmations-row'));
    await phone.getByTestId('mass-confirmations-row').click();
    const card = phone.getByTestId('mass-confirmation');
    await seen(card.getByText('Spring tea has arrived'));
    await seen(card.getByText('Guarded Shop asks to send a push post through the API.'));
    expect(await axeProblems(phone)).toEqual([]);
    await ui.shot(phone, '05-phone-card');
    await card.getByRole('button', { name: 'Send' }).click();
    await seen(phone.getByTestId('mass-confirm-notice').getByText('Confirmed: the push post is being sent.'));
    await seen(phone.getByText('Nothing waits for your confirmation.'));
    await ui.shot(phone, '06-phone-confirmed');

    // Released: the administrator, a follower too, receives the post.
    await phone.goto(`/phone/chat/${shop.appid}`);
    await seen(phone.getByText('Spring tea has arrived').first());
  });
});
