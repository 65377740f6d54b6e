/**
 * WeChat Pay from a developer's H5 shop in the phone's in-app browser, in Chromium. The shop is
 * served on 127.0.0.1 by this test: its server orders with wechatpay-node-v3 (unmodified, its
 * transport pointed at Herald), signs wx.config with a ticket from Herald, and the page calls
 * wx.chooseWXPay with the SDK's own paySign. The phone shows the payment sheet (merchant,
 * amount, method), the six-digit password is set, 支付成功 → 完成 returns to the page with
 * chooseWXPay:ok; the shop's notify server receives TRANSACTION.SUCCESS, checked with the SDK's
 * verifySign and opened with decipher_gcm; the wallet lists the bill. A tampered paySign gets
 * chooseWXPay:fail and a closed sheet chooseWXPay:cancel; a page under none of the merchant's
 * 支付授权目录 shows "当前页面的URL未注册" and gets chooseWXPay:fail; the Chats list's 微信支付 row
 * opens the receipts, whose 关注公众号 follows the merchant's account again. Sheet, wallet and
 * receipts in zh-CN and en.
 * Screenshots go to test-results/pay-sheet/.
 */
import http from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { expect, it } from 'vitest';
import WxPay from 'wechatpay-node-v3';
import { describeInBrowser, makeAccount } from '../harness.js';
import { publishMenu } from '../../src/modules/menus/commands/menuPublisher.js';
import { addDirectory } from '../../src/modules/pay/commands/directories.js';
import { findMerchantByMchid } from '../../src/modules/pay/store.js';
import { startDevServer } from '../devServer.js';
import { makeMerchant, makePayer } from '../payHelpers.js';
import { chromiumSuite } from './helpers.js';
import { seen } from '../phoneBrowser.js';
import { axeProblems } from './axe.js';

const WECHAT = 'https://api.mch.weixin.qq.com';
type AnyPay = any;

/** wechatpay-node-v3's IPayRequest, sending to Herald instead of WeChat. */
function heraldTransport(base: string) {
  const answer = async (res: Response) => {
    const text = await res.text();
    return res.ok ? { status: res.status, data: text ? JSON.parse(text) : {} } : { status: res.status, error: text };
  };
  return {
    post: async (url: string, params: unknown, headers: Record<string, string>) => answer(await fetch(url.replace(WECHAT, base), { method: 'POST', headers, body: JSON.stringify(params) })),
    get: async (url: string, headers: Record<string, string>) => answer(await fetch(url.replace(WECHAT, base), { headers })),
    upload: async () => {
      throw new Error('not used');
    },
  };
}

/** The shop: /buy?openid=… orders 0.88 yuan and shows a 支付 button calling wx.chooseWXPay. */
async function startShop(herald: string, account: { appid: string; secret: string }, pay: AnyPay, notifyUrl: string) {
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      if (url.pathname !== '/buy') return void res.writeHead(404).end();
      const openid = url.searchParams.get('openid') ?? '';
      const tamper = url.searchParams.get('tamper') === '1';
      const placed = await pay.transactions_jsapi({ description: '海风咖啡 大杯', out_trade_no: `S${randomBytes(6).toString('hex')}`, notify_url: notifyUrl, amount: { total: 88 }, payer: { openid } });
      const p = placed.data as Record<string, string>;
      const params = { timestamp: p.timeStamp, nonceStr: p.nonceStr, package: p.package, signType: p.signType, paySign: tamper ? `${p.paySign.slice(0, 10)}${p.paySign.slice(10).split('').reverse().join('')}` : p.paySign };
      const json = async (path: string) => (await (await fetch(`${herald}${path}`)).json()) as Record<string, string>;
      const { access_token } = await json(`/cgi-bin/token?grant_type=client_credential&appid=${account.appid}&secret=${account.secret}`);
      const { ticket } = await json(`/cgi-bin/ticket/getticket?access_token=${access_token}&type=jsapi`);
      const nonceStr = randomBytes(8).toString('hex');
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = createHash('sha1').update(`jsapi_ticket=${ticket}&noncestr=${nonceStr}&timestamp=${timestamp}&url=http://${req.headers.host}${req.url}`).digest('hex');
      const config = { appId: account.appid, timestamp, nonceStr, signature, jsApiList: ['chooseWXPay'] };
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>海风咖啡</title>
<script src="https://res.wx.qq.com/open/js/jweixin-1.6.0.js"></script></head><body>
<h1>海风咖啡</h1><p id="status">等待</p><p id="result">-</p><button id="pay">支付 ¥0.88</button>
<script>
var $ = function (id) { return document.getElementById(id); };
wx.config(${JSON.stringify(config)});
wx.ready(function () { $('status').textContent = 'ready'; });
$('pay').onclick = function () {
  wx.chooseWXPay(Object.assign(${JSON.stringify(params)}, {
    success: function (r) { $('result').textContent = r.errMsg; },
    cancel: function (r) { $('result').textContent = r.errMsg; },
    fail: function (r) { $('result').textContent = r.errMsg; }
  }));
};
</script></body></html>`);
    })().catch((err: unknown) => res.writeHead(500).end(String(err)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describeInBrowser('WeChat Pay from an H5 shop in the phone, in Chromium', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'pay-sheet', page: { timeout: 20_000, viewport: { width: 1280, height: 900 } } });

  it('chooseWXPay → sheet → password → 支付成功 → notification verified by the SDK → the bill in the wallet', { timeout: 300_000 }, async () => {
    const account = await makeAccount(ui.h.services, { name: '海风咖啡', type: 'service', verified: true });
    const m = await makeMerchant(ui.h, { appid: account.appid });
    const secret = account.secret;
    const notify = await startDevServer({ answer: () => ({ status: 204 }) });
    ui.onClose(notify.close);
    const Pay = WxPay as unknown as (new (cfg: Record<string, unknown>) => AnyPay) & { certificates: Record<string, string> };
    const pay = new Pay({ appid: m.appid, mchid: m.mchid, serial_no: m.serial, publicKey: Buffer.from('unused'), privateKey: Buffer.from(m.privateKey), key: m.apiV3Key });
    pay.createHttp(heraldTransport(ui.h.url));
    Pay.certificates[m.publicKeyId] = m.publicKey;
    const shop = await startShop(ui.h.url, { appid: m.appid, secret }, pay, `${notify.url}/notify`);
    ui.onClose(shop.close);
    const domains = await fetch(`${ui.h.url}/sim/v1/accounts/${m.appid}/web-domains/jsapi`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ domains: [shop.host] }) });
    expect(domains.status).toBe(200);
    const payer = await makePayer(ui.h, m.appid);
    await publishMenu(ui.h.services, account.account.id, [
      { type: 'view', name: '买咖啡', url: `${shop.url}/buy?openid=${payer.openid}` },
      { type: 'view', name: '坏签名', url: `${shop.url}/buy?openid=${payer.openid}&tamper=1` },
    ]);

    for (const locale of ['zh-CN', 'en-US'] as const) {
      const zh = locale === 'zh-CN';
      const { page } = await ui.openPage({ locale });
      await page.goto(`/phone?user=${payer.userId}`);
      await page.waitForURL((u) => !u.search.includes('user='));
      await seen(page.locator('.ph-tabs'));
      await page.goto(`/phone/chat/${m.appid}`);
      const tapMenu = async (name: string) => {
        const toggle = page.getByRole('button', { name: zh ? '菜单' : 'Menu', exact: true });
        await page.getByRole('menubar').or(toggle).first().waitFor();
        if (await toggle.isVisible()) await toggle.click();
        await page.getByRole('menuitem', { name }).click();
      };
      const frame = page.frameLocator('.ph-browser-frame');

      // A tampered paySign: the page's fail, no sheet.
      await tapMenu('坏签名');
      await expect.poll(() => frame.locator('#status').textContent()).toBe('ready');
      await frame.getByRole('button', { name: /支付/ }).click();
      await expect.poll(() => frame.locator('#result').textContent()).toBe('chooseWXPay:fail');
      await page.getByRole('button', { name: zh ? /关闭/ : /Close page/ }).first().click();

      if (zh) {
        // The shop's page is under none of the merchant's 支付授权目录: WeChat's words, then the page's fail.
        const merchant = async () => (await findMerchantByMchid(ui.h.services.db, m.mchid))!;
        await addDirectory(ui.h.services, await merchant(), 'http://127.0.0.1:1/elsewhere/');
        await tapMenu('买咖啡');
        await expect.poll(() => frame.locator('#status').textContent()).toBe('ready');
        await frame.getByRole('button', { name: /支付/ }).click();
        const notice = page.getByTestId('pay-notice');
        await seen(notice.getByText(/^当前页面的URL未注册：http:\/\/127\.0\.0\.1:\d+\/buy\?openid=/));
        expect((await axeProblems(page)).filter((p) => p.includes('ph-pay'))).toEqual([]);
        await ui.shot(page, `${locale}-00-url-not-registered`);
        await notice.getByRole('button', { name: '确定' }).click();
        await expect.poll(() => frame.locator('#result').textContent()).toBe('chooseWXPay:fail');
        await page.getByRole('button', { name: /关闭/ }).first().click();
        // Registered: the shop's pages pay from here on.
        await addDirectory(ui.h.services, await merchant(), `${shop.url}/`);
      }

      // The real order: the sheet, closed once (cancel), then paid.
      await tapMenu('买咖啡');
      await expect.poll(() => frame.locator('#status').textContent()).toBe('ready');
      await frame.getByRole('button', { name: /支付/ }).click();
      const sheet = page.getByTestId('pay-sheet');
      await seen(sheet.getByText('¥0.88'));
      await page.getByRole('button', { name: zh ? '取消' : 'Cancel', exact: true }).click();
      await expect.poll(() => frame.locator('#result').textContent()).toBe('chooseWXPay:cancel');

      await frame.getByRole('button', { name: /支付/ }).click();
      await seen(sheet.getByText(zh ? '设置六位支付密码' : /Set a six-digit|Enter payment password/).or(sheet.getByText(zh ? '请输入支付密码' : 'Enter payment password')).first());
      expect((await axeProblems(page)).filter((p) => p.includes('ph-pay'))).toEqual([]);
      await ui.shot(page, `${locale}-01-sheet`);
      if (!zh) {
        // A wrong password first (the first run, in zh-CN, set 246810).
        await sheet.getByLabel('Payment password (six digits)').fill('111111');
        await seen(sheet.getByText(/Wrong payment password/));
        await ui.shot(page, `${locale}-02-wrong`);
      }
      await sheet.getByLabel(zh ? '支付密码（六位数字）' : 'Payment password (six digits)').fill('246810');
      const result = page.getByTestId('pay-result');
      await seen(result.getByText(zh ? '支付成功' : 'Payment successful'));
      await ui.shot(page, `${locale}-03-success`);
      await result.getByRole('button', { name: zh ? '完成' : 'Done' }).click();
      await expect.poll(() => frame.locator('#result').textContent()).toBe('chooseWXPay:ok');

      // The developer's notify server: signed and encrypted as WeChat Pay does.
      const notices = await notify.waitFor(zh ? 1 : 2, 15_000);
      const n = notices[notices.length - 1];
      const h = n.headers;
      expect(await pay.verifySign({ timestamp: String(h['wechatpay-timestamp']), nonce: String(h['wechatpay-nonce']), body: n.body, serial: String(h['wechatpay-serial']), signature: String(h['wechatpay-signature']) })).toBe(true);
      const r = JSON.parse(n.body).resource;
      expect(pay.decipher_gcm(r.ciphertext, r.associated_data, r.nonce, m.apiV3Key)).toMatchObject({ trade_state: 'SUCCESS', amount: { total: 88 }, payer: { openid: payer.openid } });

      // 我 → 钱包: the balance and the bill.
      await page.getByRole('button', { name: zh ? /关闭/ : /Close page/ }).first().click();
      await page.goto('/phone/me');
      await page.getByRole('button', { name: zh ? '钱包' : 'Wallet' }).click();
      await seen(page.getByTestId('wallet-balance'));
      expect(await page.getByTestId('wallet-balance').textContent()).toBe(zh ? '¥999.12' : '¥998.24');
      await seen(page.getByTestId('wallet-bills').getByText('海风咖啡 大杯', { exact: false }).first());
      expect(await axeProblems(page)).toEqual([]);
      await ui.shot(page, `${locale}-04-wallet`, true);

      // 微信 (Chats): the 微信支付 row; its receipts name the merchant, the amount and the
      // merchant's official account, with 关注公众号 for a payer who does not follow it.
      const unfollowed = await fetch(`${ui.h.url}/sim/v1/users/${payer.userId}/unfollow`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ account: m.appid }) });
      expect(unfollowed.status).toBe(200);
      await page.goto('/phone');
      const payRow = page.getByTestId('pay-receipts-row');
      await seen(payRow.getByText(zh ? /：支付成功 ¥0\.88$/ : /: paid ¥0\.88$/));
      await payRow.click();
      const receipts = page.getByTestId('pay-receipts');
      await seen(receipts.getByText('海风咖啡 大杯'));
      expect(await receipts.getByRole('article').count()).toBe(zh ? 1 : 2);
      const newest = receipts.getByRole('article').last();
      expect(await newest.getAttribute('aria-label')).toBe(zh ? '支付成功 ¥0.88' : 'Payment successful ¥0.88');
      await seen(newest.getByText(zh ? '关注「海风咖啡」，获取订单动态' : 'Follow 海风咖啡 for order updates'));
      expect(await axeProblems(page)).toEqual([]);
      await ui.shot(page, `${locale}-05-receipts`, true);
      await newest.getByRole('button', { name: zh ? '关注公众号 海风咖啡' : 'Follow official account 海风咖啡' }).click();
      await seen(newest.getByRole('button', { name: zh ? '进入公众号' : 'View official account' }));
      // Followed on the server: the receipts say so after a reload.
      await page.reload();
      await seen(receipts.getByRole('article').last().getByRole('button', { name: zh ? '进入公众号' : 'View official account' }));
    }
  });
});
