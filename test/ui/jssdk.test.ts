/**
 * A developer's H5 page in the phone's in-app browser, in Chromium. The page is an unmodified
 * WeChat page served on 127.0.0.1 by this test: it loads res.wx.qq.com's jweixin, sends the
 * follower through open.weixin.qq.com's authorize URL (snsapi_userinfo), exchanges the code and
 * reads the nickname from Herald's /sns APIs, signs wx.config with a ticket from Herald. Opened
 * from a menu view button: silent authorization (a follower from the menu), the nickname on the page, wx.config ok, scanQRCode,
 * getLocation, share to a chat as a link card; a wrong signature shows `invalid signature`; the
 * console lists the calls. Screenshots go to test-results/jssdk/.
 */
import http from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { expect, it } from 'vitest';
import { describeEachDb, makeAccount } from '../harness.js';
import { makeOperator } from '../consoleFixtures.js';
import { publishMenu } from '../../src/modules/menus/commands/menuPublisher.js';
import { chromiumSuite, createPhoneFollower, phoneUserId } from './helpers.js';
import { seen } from '../phoneBrowser.js';
import { axeProblems } from './axe.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The developer's H5 site: its server talks to Herald as its WeChat base URL (configuration). */
async function startShop(herald: string, account: { appid: string; secret: string }) {
  const sessions = new Map<string, string>();
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      const sid = /(?:^|; )sid=([\w-]+)/.exec(String(req.headers.cookie ?? ''))?.[1];
      const json = async (path: string) => (await (await fetch(`${herald}${path}`)).json()) as Record<string, string>;
      if (url.pathname === '/cb') {
        const code = url.searchParams.get('code') ?? '';
        const token = await json(`/sns/oauth2/access_token?appid=${account.appid}&secret=${account.secret}&code=${encodeURIComponent(code)}&grant_type=authorization_code`);
        const user = await json(`/sns/userinfo?access_token=${token.access_token}&openid=${token.openid}&lang=zh_CN`);
        const id = randomBytes(8).toString('hex');
        sessions.set(id, user.nickname ?? '?');
        res.writeHead(302, { location: '/app', 'set-cookie': `sid=${id}; Path=/; HttpOnly; SameSite=Lax` }).end();
        return;
      }
      if (url.pathname === '/app' || url.pathname === '/bad') {
        const nickname = sid ? sessions.get(sid) : undefined;
        if (!nickname) {
          const back = encodeURIComponent(`http://${req.headers.host}/cb`);
          res.writeHead(302, { location: `https://open.weixin.qq.com/connect/oauth2/authorize?appid=${account.appid}&redirect_uri=${back}&response_type=code&scope=snsapi_userinfo&state=shop#wechat_redirect` }).end();
          return;
        }
        const { access_token } = await json(`/cgi-bin/token?grant_type=client_credential&appid=${account.appid}&secret=${account.secret}`);
        const { ticket } = await json(`/cgi-bin/ticket/getticket?access_token=${access_token}&type=jsapi`);
        const nonceStr = randomBytes(8).toString('hex');
        const timestamp = String(Math.floor(Date.now() / 1000));
        const pageUrl = `http://${req.headers.host}${req.url}`;
        const signature = url.pathname === '/bad' ? '0'.repeat(40) : createHash('sha1').update(`jsapi_ticket=${ticket}&noncestr=${nonceStr}&timestamp=${timestamp}&url=${pageUrl}`).digest('hex');
        const config = { debug: false, appId: account.appid, timestamp, nonceStr, signature, jsApiList: ['scanQRCode', 'getLocation', 'updateAppMessageShareData', 'updateTimelineShareData'] };
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>海风商城</title>
<script src="https://res.wx.qq.com/open/js/jweixin-1.6.0.js"></script></head><body>
<h1>你好，${esc(nickname)}</h1><p id="status">等待</p><p id="share">-</p><p id="result">-</p>
<button id="scan">扫一扫</button> <button id="where">我的位置</button> <button id="pay">支付</button>
<script>
var $ = function (id) { return document.getElementById(id); };
wx.config(${JSON.stringify(config)});
wx.ready(function () {
  $('status').textContent = 'ready';
  wx.updateAppMessageShareData({ title: '海风商城的好物', desc: '送你一张优惠券', link: location.href, imgUrl: '', success: function () { $('share').textContent = 'share set'; } });
  wx.updateTimelineShareData({ title: '海风商城·朋友圈', link: location.href, imgUrl: '' });
});
wx.error(function (res) { $('status').textContent = res.errMsg; });
$('scan').onclick = function () { wx.scanQRCode({ needResult: 1, success: function (r) { $('result').textContent = 'scan:' + r.resultStr; } }); };
$('where').onclick = function () { wx.getLocation({ type: 'gcj02', success: function (r) { $('result').textContent = 'location:' + r.latitude + ',' + r.longitude; } }); };
$('pay').onclick = function () { wx.chooseWXPay({ fail: function (r) { $('result').textContent = r.errMsg; } }); };
</script></body></html>`);
        return;
      }
      res.writeHead(404).end();
    })().catch((err: unknown) => {
      res.writeHead(500).end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describeEachDb('a developer\'s H5 page in the in-app browser, in Chromium', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'jssdk', page: { timeout: 20_000, viewport: { width: 1280, height: 900 } } });

  it('menu view button → silent userinfo (a follower from the menu) → nickname → wx.config ok → scan, location, share; a wrong signature fails', { timeout: 240_000 }, async () => {
    const op = await makeOperator(ui.h.services, { orgName: '海风' });
    const account = await makeAccount(ui.h.services, { orgId: op.orgId, name: '海风商城', type: 'service', verified: true });
    const shop = await startShop(ui.h.url, account);
    ui.onClose(shop.close);
    for (const kind of ['oauth', 'jsapi']) {
      const res = await fetch(`${ui.h.url}/sim/v1/accounts/${account.appid}/web-domains/${kind}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ domains: [shop.host] }) });
      expect(res.status).toBe(200);
    }
    await publishMenu(ui.h.services, account.account.id, [
      { type: 'view', name: '商城', url: `${shop.url}/app` },
      { type: 'view', name: '坏签名', url: `${shop.url}/bad` },
    ]);

    const { page } = await ui.openPage({ locale: 'en-US' });
    await createPhoneFollower(page, 'Mia', 'Shenzhen');
    const userId = await phoneUserId(page);
    const followed = await fetch(`${ui.h.url}/sim/v1/users/${userId}/follow`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ account: account.appid }) });
    expect(followed.status).toBe(200);
    await page.goto(`/phone/chat/${account.appid}`);
    /** Taps a menu button: the chat shows the menu bar, or the keyboard with a Menu button. */
    const tapMenu = async (name: string) => {
      const menuToggle = page.getByRole('button', { name: 'Menu', exact: true });
      await page.getByRole('menubar', { name: 'Account menu' }).or(menuToggle).first().waitFor();
      if (await menuToggle.isVisible()) await menuToggle.click();
      await page.getByRole('menuitem', { name }).click();
    };
    await tapMenu('商城');

    const frame = page.frameLocator('.ph-browser-frame');
    // A follower who opens the page from the account's own menu is authorized silently, as in
    // WeChat: no consent sheet, the page greets them by their nickname at once.
    await seen(frame.getByRole('heading', { name: '你好，Mia' }));
    expect(await frame.getByRole('button', { name: /^(Allow|允许)$/ }).count()).toBe(0);
    await expect.poll(() => frame.locator('#status').textContent()).toBe('ready');
    await expect.poll(() => frame.locator('#share').textContent()).toBe('share set');
    await expect.poll(() => page.getByTestId('browser-title').textContent()).toBe('海风商城');
    expect(await page.getByTestId('browser-url').textContent()).toBe(`${shop.url}/app`);
    expect(await frame.locator('body').evaluate(() => navigator.userAgent)).toMatch(/MicroMessenger\/.* NetType\/WIFI Language\/zh_CN$/);
    await ui.shot(page, '01-page');

    // scanQRCode with needResult 1: the phone's scanner, the text back to the page.
    await frame.getByRole('button', { name: '扫一扫' }).click();
    await page.getByLabel('QR code link or text').fill('ORDER-42');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => frame.locator('#result').textContent()).toBe('scan:ORDER-42');

    // getLocation: the phone's place picker.
    await frame.getByRole('button', { name: '我的位置' }).click();
    await page.getByRole('button', { name: /Tencent Binhai Towers|腾讯滨海大厦/ }).first().click();
    await expect.poll(() => frame.locator('#result').textContent()).toBe('location:22.5228,113.9353');

    // chooseWXPay is not in this page's jsApiList.
    await frame.getByRole('button', { name: '支付' }).click();
    await expect.poll(() => frame.locator('#result').textContent()).toBe('chooseWXPay:fail, the permission value is offline verifying');

    // Share to a chat: the account's conversation gets a link card with the page's share data.
    await page.locator('.ph-browser-bar').getByRole('button', { name: 'More', exact: true }).click();
    // The browser, its sheets and the chat behind it (the account's menu bar).
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, '02-menu');
    await page.getByRole('button', { name: 'Share to Moments' }).click();
    await seen(page.getByText('Shared to Moments: 海风商城·朋友圈'));
    await page.locator('.ph-browser-bar').getByRole('button', { name: 'More', exact: true }).click();
    await page.getByRole('button', { name: 'Send to chat' }).click();
    await page.getByRole('button', { name: '海风商城', exact: true }).click();
    await page.getByRole('button', { name: 'Close page' }).click();
    await seen(page.getByText('海风商城的好物'));
    await seen(page.getByText('送你一张优惠券'));
    await ui.shot(page, '03-shared');

    // A wrong signature: WeChat's error reaches wx.error.
    await tapMenu('坏签名');
    await expect.poll(() => page.frameLocator('.ph-browser-frame').locator('#status').textContent()).toBe('config:fail,invalid signature');
    await ui.shot(page, '04-invalid-signature');

    // Moments (Discover → Moments) shows the page shared there; a tap opens it again.
    await page.getByRole('button', { name: 'Close page' }).click();
    await page.goto('/phone/discover');
    await page.getByRole('button', { name: 'Moments', exact: true }).click();
    await seen(page.getByText('海风商城·朋友圈'));
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, '05-moments');

    // The console lists the calls beside the grants.
    const consolePage = await ui.signedInPage(op);
    await consolePage.goto(`/console/accounts/${account.appid}/web-grants`);
    await seen(consolePage.getByRole('cell', { name: 'config:fail,invalid signature' }));
    for (const text of ['scanQRCode:ok', 'getLocation:ok', 'shareAppMessage:ok', 'shareTimeline:ok', 'chooseWXPay:fail, the permission value is offline verifying']) await seen(consolePage.getByRole('cell', { name: text }));
    expect(await axeProblems(consolePage)).toEqual([]);
    await ui.shot(consolePage, '06-console-calls');
  });
});
