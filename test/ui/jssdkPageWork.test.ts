/**
 * A developer's page in the in-app browser, in Chromium: wx.chooseImage → wx.uploadImage (the
 * progress tip while it uploads; the developer's server reads the serverId with
 * media/get/jssdk) → wx.downloadImage (a localId the page shows), and `<wx-open-subscribe>`: its
 * slot drawn once wx.config listed it in openTagList, a tap opens the phone's subscribe sheet,
 * the answer reaches the page as the `success` event's subscribeDetails and the account as
 * consents and subscribe_msg_popup_event. Without openTagList the tag draws nothing. The same
 * sheet in Chinese. Screenshots go to test-results/jssdk-page-work/.
 */
import http from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeInBrowser, makeAccount } from '../harness.js';
import { publishMenu } from '../../src/modules/menus/commands/menuPublisher.js';
import { deliveries } from '../../src/modules/callbacks/schema.js';
import { chromiumSuite, createPhoneFollower, phoneUserId } from './helpers.js';
import { picture, seen } from '../phoneBrowser.js';
import { axeProblems } from './axe.js';

/** The developer's site: pages that sign wx.config with a ticket from Herald (its WeChat base URL). */
async function startSite(herald: string, account: { appid: string; secret: string }, templates: string) {
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      if (url.pathname !== '/pics' && url.pathname !== '/notag') return void res.writeHead(404).end();
      const json = async (path: string) => (await (await fetch(`${herald}${path}`)).json()) as Record<string, string>;
      const { access_token } = await json(`/cgi-bin/token?grant_type=client_credential&appid=${account.appid}&secret=${account.secret}`);
      const { ticket } = await json(`/cgi-bin/ticket/getticket?access_token=${access_token}&type=jsapi`);
      const nonceStr = randomBytes(8).toString('hex');
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = createHash('sha1').update(`jsapi_ticket=${ticket}&noncestr=${nonceStr}&timestamp=${timestamp}&url=http://${req.headers.host}${req.url}`).digest('hex');
      const config = { appId: account.appid, timestamp, nonceStr, signature, jsApiList: ['chooseImage', 'uploadImage', 'downloadImage'], ...(url.pathname === '/pics' ? { openTagList: ['wx-open-subscribe'] } : {}) };
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>晒单</title>
<script src="https://res.wx.qq.com/open/js/jweixin-1.6.0.js"></script></head><body><main>
<h1>晒单有礼</h1><p id="status">等待</p>
<button id="choose">选图</button> <button id="up">上传</button> <button id="down">下载</button>
<p id="server">-</p><p id="fail">-</p><img id="shown" alt="下载的图片" width="180">
<wx-open-subscribe id="sub" template="${templates}">
  <script type="text/wxtag-template"><style>.btn { padding: 8px 16px; background: #07c160; color: #fff; border: 0; border-radius: 4px; }</style><button class="btn">订阅到货提醒</button></script>
</wx-open-subscribe>
<p id="subscribed">-</p>
<script>
var $ = function (id) { return document.getElementById(id); };
var localId = '', serverId = '';
wx.config(${JSON.stringify(config)});
wx.ready(function () { $('status').textContent = 'ready'; });
wx.error(function (res) { $('status').textContent = res.errMsg; });
$('choose').onclick = function () { wx.chooseImage({ count: 1, success: function (r) { localId = r.localIds[0]; $('status').textContent = 'chosen'; } }); };
$('up').onclick = function () { wx.uploadImage({ localId: localId, isShowProgressTips: 1, success: function (r) { serverId = r.serverId; $('server').textContent = r.errMsg + ' ' + r.serverId; }, fail: function (r) { $('fail').textContent = r.errMsg; } }); };
$('down').onclick = function () { wx.downloadImage({ serverId: serverId, success: function (r) { $('shown').src = r.localId; $('status').textContent = r.errMsg; } }); };
$('fail').onclick = function () { wx.uploadImage({ localId: 'weixin://resourceid/forged', fail: function (r) { $('fail').textContent = r.errMsg; } }); };
$('sub').addEventListener('success', function (e) { $('subscribed').textContent = e.detail.errMsg + ' ' + e.detail.subscribeDetails; });
$('sub').addEventListener('error', function (e) { $('subscribed').textContent = e.detail.errCode + ' ' + e.detail.errMsg; });
</script></main></body></html>`);
    })().catch((err: unknown) => {
      res.writeHead(500).end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describeInBrowser('pictures and wx-open-subscribe in the in-app browser, in Chromium', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'jssdk-page-work', page: { timeout: 20_000, viewport: { width: 1280, height: 900 } } });

  it('chooseImage → uploadImage (progress tip, media/get/jssdk) → downloadImage; wx-open-subscribe → sheet → consents; zh-CN', { timeout: 240_000 }, async () => {
    const account = await makeAccount(ui.h.services, { name: '晒单商城', type: 'service', verified: true });
    const token = String(((await (await fetch(`${ui.h.url}/cgi-bin/token?grant_type=client_credential&appid=${account.appid}&secret=${account.secret}`)).json()) as { access_token: string }).access_token);
    const add = async (tid: number) => {
      const r = await fetch(`${ui.h.url}/wxaapi/newtmpl/addtemplate?access_token=${token}`, { method: 'POST', body: JSON.stringify({ tid: String(tid), kidList: [1, 2], sceneDesc: '到货' }) });
      return String(((await r.json()) as { priTmplId: string }).priTmplId);
    };
    const t1 = await add(3541);
    const t2 = await add(3542);
    const site = await startSite(ui.h.url, account, `${t1},${t2}`);
    ui.onClose(site.close);
    const put = await fetch(`${ui.h.url}/sim/v1/accounts/${account.appid}/web-domains/jsapi`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ domains: [site.host] }) });
    expect(put.status).toBe(200);
    await publishMenu(ui.h.services, account.account.id, [
      { type: 'view', name: '晒单', url: `${site.url}/pics` },
      { type: 'view', name: '无标签', url: `${site.url}/notag` },
    ]);

    const { page } = await ui.openPage({ locale: 'en-US' });
    await createPhoneFollower(page, 'Mia', 'Shenzhen');
    const userId = await phoneUserId(page);
    const followed = await fetch(`${ui.h.url}/sim/v1/users/${userId}/follow`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ account: account.appid }) });
    expect(followed.status).toBe(200);
    const open = async (name: string) => {
      await page.goto(`/phone/chat/${account.appid}`);
      const menuToggle = page.getByRole('button', { name: /^(Menu|菜单)$/ });
      await page.getByRole('menubar').or(menuToggle).first().waitFor();
      if (await menuToggle.isVisible()) await menuToggle.click();
      await page.getByRole('menuitem', { name }).click();
    };
    await open('晒单');
    const frame = page.frameLocator('.ph-browser-frame');
    await expect.poll(() => frame.locator('#status').textContent()).toBe('ready');

    // chooseImage, then uploadImage: the tip shows while the picture goes up.
    await frame.getByRole('button', { name: '选图' }).click();
    const png = picture();
    await page.getByTestId('browser-pictures').setInputFiles({ name: 'order.png', mimeType: 'image/png', buffer: png });
    await page.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => frame.locator('#status').textContent()).toBe('chosen');
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/phone/api/jssdk/images', async (route) => {
      await held;
      await route.continue();
    });
    await frame.getByRole('button', { name: '上传' }).click();
    await seen(page.getByRole('status').filter({ hasText: 'Uploading' }));
    await ui.shot(page, '01-uploading');
    release();
    await expect.poll(() => frame.locator('#server').textContent()).toMatch(/^uploadImage:ok [\w-]{20,}$/);
    await page.unroute('**/phone/api/jssdk/images');
    expect(await page.getByTestId('browser-image-progress').count()).toBe(0);
    const serverId = String(await frame.locator('#server').textContent()).split(' ')[1];
    const got = await fetch(`${ui.h.url}/cgi-bin/media/get/jssdk?access_token=${token}&media_id=${serverId}`);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await got.arrayBuffer()).equals(png)).toBe(true);

    // downloadImage: the serverId back as a localId the page shows.
    await frame.getByRole('button', { name: '下载' }).click();
    await expect.poll(() => frame.locator('#status').textContent()).toBe('downloadImage:ok');
    await expect.poll(() => frame.locator('#shown').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(360);
    // A localId the phone never gave the page.
    await frame.locator('#fail').click();
    await expect.poll(() => frame.locator('#fail').textContent()).toBe('uploadImage:fail');

    // wx-open-subscribe: the slot is drawn; a tap opens the sheet.
    const tag = frame.getByRole('button', { name: '订阅到货提醒' });
    await seen(tag);
    await tag.click();
    const sheet = page.getByRole('dialog', { name: '晒单商城 would like to send you these notifications' });
    await seen(sheet);
    await seen(sheet.getByText('快递签收通知'));
    await seen(sheet.getByText('派件通知'));
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, '02-subscribe-sheet-en');
    await sheet.getByRole('switch', { name: /派件通知/ }).uncheck();
    await sheet.getByRole('button', { name: 'Allow' }).click();
    const details = JSON.stringify({ [t1]: JSON.stringify({ status: 'accept' }), [t2]: JSON.stringify({ status: 'reject' }) });
    await expect.poll(() => frame.locator('#subscribed').textContent()).toBe(`subscribe:ok ${details}`);
    const consents = (await (await fetch(`${ui.h.url}/sim/v1/users/${userId}/subscriptions?account=${account.appid}`)).json()) as { consents: Array<{ template_id: string }> };
    expect(consents.consents.map((c) => c.template_id)).toEqual([t1]);
    const [popup] = await ui.h.services.db.select().from(deliveries).where(and(eq(deliveries.accountId, account.account.id), eq(deliveries.label, 'event:subscribe_msg_popup_event')));
    expect(popup.payloadXml).toContain('<PopupScene>1</PopupScene>');
    await ui.shot(page, '03-subscribed');

    // Closing the sheet answers cancel, and records nothing.
    await tag.click();
    await seen(sheet);
    await sheet.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => frame.locator('#subscribed').textContent()).toContain('{\\"status\\":\\"cancel\\"}');

    // Without openTagList the tag draws nothing and a tap does nothing.
    await page.getByRole('button', { name: 'Close page' }).click();
    await open('无标签');
    const bare = page.frameLocator('.ph-browser-frame');
    await expect.poll(() => bare.locator('#status').textContent()).toBe('ready');
    expect(await bare.locator('#sub').evaluate((el) => el.shadowRoot === null && customElements.get('wx-open-subscribe') === undefined)).toBe(true);
    // It has no size (nothing drawn); a click dispatched on it reaches nobody.
    await bare.locator('#sub').evaluate((el: HTMLElement) => el.click());
    await new Promise((r) => setTimeout(r, 500));
    expect(await page.locator('.ph-sheet').count()).toBe(0);
    expect(await bare.locator('#subscribed').textContent()).toBe('-');

    // The same sheet in Chinese.
    await page.evaluate((key) => localStorage.setItem(key, 'zh-CN'), 'herald.language');
    await page.getByRole('button', { name: /^(Close page|关闭网页|关闭)$/ }).click();
    await page.reload();
    await open('晒单');
    const zh = page.frameLocator('.ph-browser-frame');
    await expect.poll(() => zh.locator('#status').textContent()).toBe('ready');
    await zh.getByRole('button', { name: '订阅到货提醒' }).click();
    const zhSheet = page.getByRole('dialog', { name: '晒单商城 申请向你发送以下消息' });
    await seen(zhSheet.getByRole('button', { name: '允许' }));
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, '04-subscribe-sheet-zh');
    await zhSheet.getByRole('button', { name: '取消' }).click();
  });
});
