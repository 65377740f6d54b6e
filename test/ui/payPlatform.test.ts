/**
 * The WeChat Pay merchant platform in Chromium, in Chinese and English: the platform
 * administrator's review page (approve; reject with a reason), then the merchant's pages —
 * transactions (filter, CSV link), refunds, settlements with the balance, bills (a day without
 * one says so), settings (支付授权目录 refused and added, then removed by keyboard; the APIv2 key
 * reset and shown once). axe-core finds no serious or critical problem. Screenshots go to
 * test-results/pay-platform/.
 */
import { expect, it } from 'vitest';
import { describeEachDb, makeAccount } from '../harness.js';
import { makeOperator } from '../consoleFixtures.js';
import { seen } from '../phoneBrowser.js';
import { jsapiOrder, makeMerchant, makePayer, payInject } from '../payHelpers.js';
import { chromiumSuite } from './helpers.js';
import { axeProblems } from './axe.js';
import { signInIn, UI_LANGUAGES, word } from './catalog.js';

describeEachDb('the WeChat Pay merchant platform in the console (Chromium)', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'pay-platform', page: { timeout: 15_000 }, env: { HERALD_PAY_AUTO_APPROVE: '0' } });

  it('reviews applications, then walks the merchant pages in both languages', { timeout: 300_000 }, async () => {
    const op = await makeOperator(ui.h.services, { orgName: 'Pay Platform Org' });
    const shop = await makeAccount(ui.h.services, { orgId: op.orgId, name: 'Lotus Books', type: 'service', verified: true });
    const other = await makeAccount(ui.h.services, { orgId: op.orgId, name: 'Plum Tea', type: 'service', verified: true });
    const m = await makeMerchant(ui.h, { appid: shop.appid, name: '莲花书店' });
    const refused = await makeMerchant(ui.h, { appid: other.appid, name: '梅子茶' });

    // The platform administrator's queue, in Chinese: approve one, reject the other with a reason.
    const admin = await makeOperator(ui.h.services, { platformAdmin: true });
    const { page: zhAdmin } = await ui.openPage({ locale: 'zh-CN' });
    await signInIn(zhAdmin, 'zh-CN', admin);
    await zhAdmin.goto('/console/admin/pay-merchants');
    const queue = zhAdmin.getByRole('region', { name: word('zh-CN', 'pay.reviewQueue') });
    await seen(queue.getByText(m.mchid));
    await seen(queue.getByText(refused.mchid));
    expect(await axeProblems(zhAdmin)).toEqual([]);
    await ui.shot(zhAdmin, '01-review-queue-zh', true);
    await queue.getByText(m.mchid).click();
    await zhAdmin.getByRole('button', { name: word('zh-CN', 'pay.approve') }).click();
    await seen(zhAdmin.getByText(word('zh-CN', 'pay.reviewApproved')));
    await queue.getByText(refused.mchid).click();
    const reject = zhAdmin.getByRole('button', { name: word('zh-CN', 'pay.reject') });
    expect(await reject.isDisabled()).toBe(true);
    await zhAdmin.getByLabel(word('zh-CN', 'pay.rejectReasonLabel')).fill('结算账户信息不完整');
    await reject.click();
    await seen(zhAdmin.getByText(word('zh-CN', 'pay.reviewRejected')));
    await seen(zhAdmin.getByText(word('zh-CN', 'pay.queueEmpty')));

    // Something to list: a paid order, a refund, an unpaid order.
    const payer = await makePayer(ui.h, m.appid);
    const paid = jsapiOrder(m, payer.openid, 'http://127.0.0.1:9/n');
    const placed = await payInject(ui.h, m, 'POST', '/v3/pay/transactions/jsapi', { ...paid, amount: { total: 12_345, currency: 'CNY' } });
    expect(placed.statusCode, placed.body).toBe(200);
    await ui.h.app.inject({ method: 'POST', url: '/sim/v1/pay/payments', payload: { user_id: payer.userId, prepay_id: placed.json().prepay_id } });
    expect((await payInject(ui.h, m, 'POST', '/v3/refund/domestic/refunds', { out_trade_no: paid.out_trade_no, out_refund_no: 'UI-REFUND-1', amount: { refund: 2_345, total: 12_345, currency: 'CNY' } })).statusCode).toBe(200);
    const unpaid = jsapiOrder(m, payer.openid, 'http://127.0.0.1:9/n');
    await payInject(ui.h, m, 'POST', '/v3/pay/transactions/jsapi', unpaid);

    for (const { lang, locale } of [...UI_LANGUAGES].reverse()) {
      const w = (key: string, args: Record<string, string | number> = {}) => word(lang, key, args);
      const { page } = await ui.openPage({ locale });
      await signInIn(page, lang, op);
      await page.goto(`/console/accounts/${shop.appid}/pay`);
      const sections = page.getByRole('navigation', { name: w('pay.sections') });
      await sections.getByRole('link', { name: w('pay.sectionTransactions') }).click();
      await page.waitForURL(`**/console/accounts/${shop.appid}/pay/transactions`);

      // Transactions: both orders, the amount in yuan; filtered to paid ones by keyboard.
      const table = page.getByRole('table', { name: w('pay.sectionTransactions') });
      await seen(table.getByText(paid.out_trade_no));
      await seen(table.getByText(unpaid.out_trade_no));
      await seen(table.getByText('¥123.45'));
      await page.getByLabel(w('pay.state')).selectOption({ label: w('pay.stateRefund') });
      await page.getByLabel(w('pay.searchTransaction')).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => table.getByText(unpaid.out_trade_no).count()).toBe(0);
      await seen(table.getByText(paid.out_trade_no));
      const csv = await page.getByRole('link', { name: w('pay.exportCsv') }).getAttribute('href');
      expect(csv).toContain('format=csv');
      expect(csv).toContain('state=REFUND');
      expect(await axeProblems(page)).toEqual([]);
      await ui.shot(page, `02-transactions-${lang}`, true);

      // Refunds.
      await sections.getByRole('link', { name: w('pay.sectionRefunds') }).click();
      await seen(page.getByRole('table', { name: w('pay.sectionRefunds') }).getByText('UI-REFUND-1'));
      await seen(page.getByText('¥23.45').first());
      expect(await axeProblems(page)).toEqual([]);

      // Settlements: nothing settled yet; the balance holds the payment less the fee and the refund.
      await sections.getByRole('link', { name: w('pay.sectionSettlements') }).click();
      await seen(page.getByText(w('pay.noSettlements')));
      await expect.poll(() => page.getByTestId('pay-balance').textContent()).toMatch(/^¥\d+\.\d{2}$/);
      expect(await axeProblems(page)).toEqual([]);
      await ui.shot(page, `03-settlements-${lang}`, true);

      // Bills: a day without one says so.
      await sections.getByRole('link', { name: w('pay.sectionBills') }).click();
      await page.getByLabel(w('pay.billDay')).fill('2001-01-01');
      await page.getByRole('button', { name: w('pay.downloadTradeBill') }).click();
      await seen(page.getByText(w('pay.noBill', { day: '2001-01-01' })));
      expect(await axeProblems(page)).toEqual([]);

      // Settings: a directory without its "/" is refused with the reason; a good one is listed.
      await sections.getByRole('link', { name: w('pay.sectionSettings') }).click();
      await seen(page.getByTestId('pay-public-key-id').getByText(m.publicKeyId));
      await seen(page.getByTestId('pay-merchant-serial').getByText(m.serial));
      const input = page.getByLabel(w('pay.newDirectory'));
      await input.fill('https://shop.example.com/pay');
      await page.getByRole('button', { name: w('pay.addDirectory') }).click();
      await seen(page.getByText(w('pay.dirTrailingSlash')));
      await input.fill(`https://shop.example.com/${lang}/`);
      await input.press('Enter');
      const listed = page.getByRole('list', { name: w('pay.directories') });
      await seen(listed.getByText(`https://shop.example.com/${lang}/`));
      expect(await axeProblems(page)).toEqual([]);
      await ui.shot(page, `04-settings-${lang}`, true);

      // Removed by keyboard.
      await page.getByRole('button', { name: w('pay.removeDirectory', { directory: `https://shop.example.com/${lang}/` }) }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByText(`https://shop.example.com/${lang}/`).count()).toBe(0);

      // The APIv2 key: reset after a confirmation, shown once.
      await page.getByRole('button', { name: w('pay.resetApiV2Key') }).click();
      await page.getByRole('button', { name: w('pay.confirmReset') }).click();
      await expect.poll(() => page.getByTestId('pay-new-v2-key').textContent()).toMatch(/^[A-Za-z0-9]{32}$/);
      expect(await page.getByTestId('pay-new-v2-key').textContent()).not.toBe(m.apiV2Key);
    }
  });
});
