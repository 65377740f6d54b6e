/**
 * 微信支付 in Chromium: the console's page in English and Chinese: apply for a merchant (a
 * foreign entity without a mainland-China bank account is refused with the reason), the keys
 * shown once, the APIv3 key set once. axe-core finds no serious or critical problem.
 * Screenshots go to test-results/pay/.
 */
import { expect, it } from 'vitest';
import { describeEachDb, makeAccount } from '../harness.js';
import { makeOperator } from '../consoleFixtures.js';
import { seen } from '../phoneBrowser.js';
import { chromiumSuite } from './helpers.js';
import { axeProblems } from './axe.js';
import { signInIn } from './catalog.js';

describeEachDb('WeChat Pay in the console (Chromium)', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'pay', page: { timeout: 15_000 } });

  it('applies, shows the keys once and sets the APIv3 key, by keyboard, in both languages', { timeout: 240_000 }, async () => {
    const op = await makeOperator(ui.h.services, { orgName: 'Pay Org' });
    const shop = await makeAccount(ui.h.services, { orgId: op.orgId, name: 'Lotus Books', type: 'service', verified: true });

    const page = await ui.signedInPage(op);
    await page.goto(`/console/accounts/${shop.appid}/pay`);
    await page.getByLabel('Registered outside mainland China').check();
    await page.getByLabel('Settlement bank account').selectOption({ label: 'No bank account' });
    await page.getByRole('button', { name: 'Submit application' }).click();
    await seen(page.getByText(/settles only to a mainland-China bank account/));

    await page.getByLabel('Settlement bank account').selectOption({ label: 'Mainland China, corporate account' });
    await page.getByRole('button', { name: 'Submit application' }).focus();
    await page.keyboard.press('Enter');
    await seen(page.getByText('Keep these now: they are not shown again'));
    await seen(page.getByText(/BEGIN PRIVATE KEY/));
    await seen(page.getByText('Approved'));
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, '01-applied-en', true);

    await page.getByLabel('APIv3 key').fill('A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6');
    await page.getByRole('button', { name: 'Set APIv3 key' }).click();
    await seen(page.getByText('The APIv3 key is set.'));

    const { page: zh } = await ui.openPage({ locale: 'zh-CN' });
    await signInIn(zh, 'zh-CN', op);
    await zh.goto(`/console/accounts/${shop.appid}/pay`);
    await seen(zh.getByText('已设置APIv3密钥。'));
    await seen(zh.getByText('已开通'));
    expect(await axeProblems(zh)).toEqual([]);
    await ui.shot(zh, '02-merchant-zh', true);
  });
});
