/**
 * The phone simulator in a real browser (Debian's Chromium through playwright-core), against a
 * listening Herald and a real developer server on loopback: two followers in two tabs of one
 * browser, following by search and by scanning a QR image, chatting, tapping the menu, and
 * receiving service and subscription messages. Screenshots go to test-results/phone/.
 * Needs web/dist: `npm test` builds it; otherwise run `npm run build:web` first.
 */
import { writeFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { type BrowserContext, type Page, type WebSocketRoute } from 'playwright-core';
import { describeInBrowser, makeAccount } from '../harness.js';
import { startDevServer, xmlField, type DevServer } from '../devServer.js';
import { setWechatId } from '../phoneFixtures.js';
import { hasText, none, picture, seen, textReply } from '../phoneBrowser.js';
import { fetchToken } from '../wxClient.js';
import { configureServer } from '../../src/modules/callbacks/commands/serverConfigurator.js';
import { publishMenu } from '../../src/modules/menus/commands/menuPublisher.js';
import { findFollow } from '../../src/modules/followers/store/followers.js';
import { accounts } from '../../src/modules/accounts/schema.js';
import { eq } from 'drizzle-orm';
import { chromiumSuite, createPhoneFollower, developerUpload, phoneUserId } from './helpers.js';
import { linkMiniProgram } from '../factories/miniprograms.js';

const TOKEN = 'phonetoken';

describeInBrowser('phone simulator in Chromium', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'phone', page: { viewport: { width: 1100, height: 900 }, timeout: 15_000 } });
  let context: BrowserContext;
  let dev: DevServer;
  let bank: Awaited<ReturnType<typeof makeAccount>>;
  let coffee: Awaited<ReturnType<typeof makeAccount>>;
  let daily: Awaited<ReturnType<typeof makeAccount>>;

  beforeAll(async () => {
    // The bank's developer server: welcomes new followers, echoes texts, answers the Balance button.
    dev = await startDevServer({
      token: TOKEN,
      answer: (req) => {
        if (req.method === 'GET' && req.url.startsWith('/page')) {
          return { contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>Herald Bank</title><h1>Herald Bank online</h1><p>Welcome to the web page.</p>' };
        }
        if (req.method === 'GET') return { body: req.query.echostr ?? '' };
        const user = xmlField(req.body, 'FromUserName') ?? '';
        const gh = xmlField(req.body, 'ToUserName') ?? '';
        const type = xmlField(req.body, 'MsgType');
        const event = xmlField(req.body, 'Event');
        if (type === 'text') return { contentType: 'application/xml', body: textReply(user, gh, `You said: ${xmlField(req.body, 'Content')}`) };
        if (event === 'subscribe') return { contentType: 'application/xml', body: textReply(user, gh, 'Welcome to Herald Bank! Tap Balance below to see your account.') };
        if (event === 'CLICK' && xmlField(req.body, 'EventKey') === 'BALANCE') {
          return { contentType: 'application/xml', body: textReply(user, gh, 'Your balance is ¥88.00') };
        }
        return { body: 'success' };
      },
    });
    ui.onClose(() => dev.close());
    bank = await makeAccount(ui.h.services, { type: 'service', verified: true, name: 'Herald Bank' });
    coffee = await makeAccount(ui.h.services, { type: 'service', verified: true, name: 'Metro Coffee' });
    daily = await makeAccount(ui.h.services, { type: 'subscription', verified: true, name: 'Morning Daily' });
    await setWechatId(ui.h.services, daily.account.id, 'morningdaily');
    await ui.h.services.db.update(accounts).set({ description: 'Banking in your pocket: balances, cards and offers.' }).where(eq(accounts.id, bank.account.id));
    await configureServer(ui.h.services, bank.account.id, { url: dev.url, token: TOKEN, mode: 'plaintext' });
    // The menu's and the customer-service card's mini program is linked to the bank (85005 otherwise).
    await linkMiniProgram(ui.h.services.db, bank.account.id, { appid: 'wx1234567890abcdef', name: 'Herald Bank Cards' });
    const site = dev.url.replace(/\/wechat$/, '/page');
    await publishMenu(ui.h.services, bank.account.id, [
      { type: 'click', name: 'Balance', key: 'BALANCE' },
      {
        name: 'Services',
        sub_button: [
          { type: 'view', name: 'Website', url: site },
          { type: 'miniprogram', name: 'Mini app', url: site, appid: 'wx1234567890abcdef', pagepath: 'pages/cards/index' },
          { type: 'location_select', name: 'Branches near me', key: 'BRANCHES' },
        ],
      },
      { type: 'scancode_waitmsg', name: 'Scan', key: 'SCAN' },
    ]);
    // One browser, one context: the two followers are two tabs side by side.
    context = await ui.newContext();
  }, 90_000);

  /** Opens a tab and creates a new follower in it. */
  async function newFollowerTab(nickname: string, city: string): Promise<Page> {
    const page = await context.newPage();
    await createPhoneFollower(page, nickname, city, async () => {
      if (nickname === 'Li Lei') await ui.shot(page, '00-who-are-you');
    });
    return page;
  }

  const openidOf = async (accountId: string, userId: string) => (await findFollow(ui.h.services.db, accountId, userId))!.openid;

  async function customSend(appid: string, secret: string, body: Record<string, unknown>) {
    const token = await fetchToken(ui.h, appid, secret);
    const res = await fetch(`${ui.h.url}/cgi-bin/message/custom/send?access_token=${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = (await res.json()) as { errcode: number };
    expect(json, JSON.stringify(json)).toMatchObject({ errcode: 0 });
  }

  let li: Page;
  let mei: Page;
  let coffeeQrUrl = '';

  it('lets two followers sign in side by side, one per tab', async () => {
    li = await newFollowerTab('Li Lei', 'Shenzhen');
    mei = await newFollowerTab('Han Meimei', 'Shanghai');
    await li.bringToFront();
    await li.reload();
    await hasText(li.locator('.ph-side'), 'Li Lei');
    await hasText(mei.locator('.ph-side'), 'Han Meimei');
    await seen(li.getByText('No chats yet.'));
    await ui.shot(li, '01-chats-empty');
  });

  it('follows an account found by search and chats with its developer server', async () => {
    await li.getByRole('button', { name: 'Search' }).first().click();
    await li.getByLabel('Search official accounts').fill('herald');
    await seen(li.getByRole('button', { name: /Herald Bank/ }));
    await ui.shot(li, '02a-search');
    await li.getByRole('button', { name: /Herald Bank/ }).click();
    await li.getByRole('heading', { name: /Herald Bank/ }).waitFor();
    await seen(li.getByText('Banking in your pocket'));
    await ui.shot(li, '02-profile');
    await li.getByRole('button', { name: /^Follow/ }).click();
    // The developer server's welcome reply to the subscribe event.
    await seen(li.getByText('Welcome to Herald Bank!'));
    await seen(li.getByRole('menubar', { name: 'Account menu' }));
    await ui.shot(li, '03-chat-menu');

    await li.getByRole('button', { name: 'Keyboard' }).click();
    await li.getByLabel('Message', { exact: true }).fill('hello from Li');
    await li.getByRole('button', { name: 'Send', exact: true }).click();
    await seen(li.locator('.ph-msg-mine').getByText('hello from Li'));
    await seen(li.getByText('You said: hello from Li'));
    await ui.shot(li, '04-chat-reply');
  });

  it('taps menu buttons: click gets a reply, view opens the in-phone browser, miniprogram the stand-in', async () => {
    await li.getByRole('button', { name: 'Menu', exact: true }).click();
    await li.getByRole('menuitem', { name: 'Balance' }).click();
    await seen(li.getByText('Your balance is ¥88.00'));
    await li.getByRole('menuitem', { name: 'Services' }).click();
    await seen(li.getByRole('menu', { name: 'Services' }));
    await ui.shot(li, '05-submenu');
    await li.getByRole('menuitem', { name: 'Website' }).click();
    const frame = li.frameLocator('.ph-browser-frame');
    await seen(frame.getByRole('heading', { name: 'Herald Bank online' }));
    await ui.shot(li, '06-browser');
    await li.getByRole('button', { name: 'Close page' }).click();
    await li.getByRole('menuitem', { name: 'Services' }).click();
    await li.getByRole('menuitem', { name: 'Mini app' }).click();
    await hasText(li.getByTestId('mp-appid'), 'wx1234567890abcdef', true);
    await hasText(li.getByTestId('mp-path'), 'pages/cards/index', true);
    await ui.shot(li, '07-miniprogram');
    await li.goBack();
    await seen(li.getByRole('menubar', { name: 'Account menu' }));

    // scancode_waitmsg: the scan sheet, then the event with what was read.
    await li.getByRole('menuitem', { name: 'Scan' }).click();
    await li.getByLabel('QR code link or text').fill('6901234567892');
    await li.getByRole('button', { name: 'Open' }).click();
    await seen(li.getByText(/Receiving the result/));
    // location_select: the place picker, then the event and a location message.
    await li.getByRole('menuitem', { name: 'Services' }).click();
    await li.getByRole('menuitem', { name: 'Branches near me' }).click();
    await li.getByRole('button', { name: /Canton Tower/ }).click();
    await seen(li.locator('.ph-msg-mine[data-msg-type="location"]'));
    // Pushes reach the developer's server from the callback worker, a moment after the tap.
    const labels = () => dev.requests.filter((r) => r.method === 'POST').map((r) => xmlField(r.body, 'Event') ?? xmlField(r.body, 'MsgType'));
    await expect
      .poll(labels, { timeout: 10_000 })
      .toEqual(expect.arrayContaining(['subscribe', 'text', 'CLICK', 'VIEW', 'view_miniprogram', 'scancode_waitmsg', 'location_select', 'location']));
    const scanned = dev.requests.find((r) => xmlField(r.body, 'Event') === 'scancode_waitmsg');
    expect(xmlField(scanned!.body, 'ScanResult')).toBe('6901234567892');
  });

  it('follows another account by scanning its QR code image', async () => {
    const token = await fetchToken(ui.h, coffee.appid, coffee.secret);
    const created = (await (
      await fetch(`${ui.h.url}/cgi-bin/qrcode/create?access_token=${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ expire_seconds: 3600, action_name: 'QR_STR_SCENE', action_info: { scene: { scene_str: 'store-42' } } }),
      })
    ).json()) as { ticket: string; url: string };
    coffeeQrUrl = created.url;
    const png = Buffer.from(await (await fetch(`${ui.h.url}/cgi-bin/showqrcode?ticket=${encodeURIComponent(created.ticket)}`)).arrayBuffer());
    const file = ui.shotPath('coffee-qr');
    writeFileSync(file, png);

    await li.goto('/phone/discover');
    await li.getByRole('button', { name: /Scan/ }).click();
    await seen(li.getByRole('dialog', { name: /Scan/ }));
    await ui.shot(li, '08-scanner');
    await li.getByTestId('scan-file').setInputFiles(file);
    await li.getByRole('heading', { name: 'Metro Coffee' }).waitFor();
    const follow = await findFollow(ui.h.services.db, coffee.account.id, await phoneUserId(li));
    expect(follow).toMatchObject({ subscribed: true, subscribeScene: 'ADD_SCENE_QR_CODE', qrSceneStr: 'store-42' });
  });

  it('files a subscription account silently and notifies for a service account', async () => {
    // Morning Daily, found by its WeChat ID.
    await li.goto('/phone/search?q=morningdaily');
    await li.getByRole('button', { name: /Morning Daily/ }).click();
    await li.getByRole('button', { name: /^Follow/ }).click();
    await li.getByRole('heading', { name: 'Morning Daily' }).waitFor();
    await li.goto('/phone');
    await li.getByRole('heading', { name: /^WeChat/ }).waitFor();

    const liId = await phoneUserId(li);
    await customSend(daily.appid, daily.secret, {
      touser: await openidOf(daily.account.id, liId),
      msgtype: 'news',
      news: { articles: [{ title: 'Five things to know this morning', description: 'Markets, weather and more', url: `${ui.h.url}/phone/miniprogram?appid=news`, picurl: '' }] },
    });
    const folderRow = li.getByTestId('subscriptions-row');
    await hasText(folderRow, 'Morning Daily: [Article] Five things to know this morning');
    await seen(folderRow.locator('.ph-dot'));
    await none(li.getByTestId('notification-banner'));
    await seen(li.getByRole('heading', { name: 'WeChat', exact: true }));

    await customSend(coffee.appid, coffee.secret, { touser: await openidOf(coffee.account.id, liId), msgtype: 'text', text: { content: 'Your flat white is ready ☕' } });
    const banner = li.getByTestId('notification-banner');
    await hasText(banner, 'Metro Coffee');
    await hasText(banner, 'Your flat white is ready');
    const coffeeRow = li.locator(`[data-appid="${coffee.appid}"]`);
    await hasText(coffeeRow.locator('.ph-badge'), '1', true);
    await seen(li.getByRole('heading', { name: 'WeChat (1)' }));
    await ui.shot(li, '09-notification');
    await banner.waitFor({ state: 'detached', timeout: 8000 });
    await ui.shot(li, '10-chats');

    await folderRow.click();
    await li.getByRole('heading', { name: 'Subscriptions' }).waitFor();
    await seen(li.getByText('Five things to know this morning'));
    await ui.shot(li, '11-subscriptions');
    await li.getByText('Five things to know this morning').click();
    await seen(li.locator('.ph-news, .ph-card').first());
    await ui.shot(li, '12-news');
  });

  it('keeps the second tab to its own follower, with typing, every reply type and reconnects', async () => {
    await mei.bringToFront();
    // Cut the socket on demand to prove the phone picks up where it left off.
    const sockets: WebSocketRoute[] = [];
    const wsUrls: string[] = [];
    await mei.routeWebSocket(/\/phone\/ws/, (ws) => {
      wsUrls.push(ws.url());
      ws.connectToServer();
      sockets.push(ws);
    });
    await mei.goto(`/phone/accounts/${bank.appid}`);
    await mei.getByRole('button', { name: /^Follow/ }).click();
    await seen(mei.getByText('Welcome to Herald Bank!'));
    await none(mei.getByText('hello from Li'));
    await none(mei.getByText('Your balance is ¥88.00'));

    const meiId = await phoneUserId(mei);
    const openid = await openidOf(bank.account.id, meiId);
    const token = await fetchToken(ui.h, bank.appid, bank.secret);
    const typing = await fetch(`${ui.h.url}/cgi-bin/message/custom/typing?access_token=${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ touser: openid, command: 'Typing' }),
    });
    expect(await typing.json()).toMatchObject({ errcode: 0 });
    await seen(mei.getByRole('heading', { name: /对方正在输入/ }));
    await ui.shot(mei, '13-typing');

    // The kf window the follow opened allows 3 messages; the follower writes to open a larger one.
    await mei.getByRole('button', { name: 'Keyboard' }).click();
    await mei.getByLabel('Message', { exact: true }).fill('show me everything');
    await mei.keyboard.press('Enter');
    await seen(mei.getByText('You said: show me everything'));

    await mei.getByLabel('Message', { exact: true }).fill('and pictures too');
    await mei.keyboard.press('Enter');
    await seen(mei.getByText('You said: and pictures too'));
    const pic = await developerUpload(ui.h, bank, picture());
    const thumb = await developerUpload(ui.h, bank, picture(160, 160));
    await customSend(bank.appid, bank.secret, { touser: openid, msgtype: 'image', image: { media_id: pic } });
    await customSend(bank.appid, bank.secret, {
      touser: openid,
      msgtype: 'news',
      news: { articles: [{ title: 'Spring offers: 3% cashback on every card', description: 'Until the end of April', url: dev.url.replace(/\/wechat$/, '/page'), picurl: `${ui.h.url}/media/${pic}` }] },
    });
    await customSend(bank.appid, bank.secret, {
      touser: openid,
      msgtype: 'music',
      music: { title: 'Hold music', description: 'While we connect you', musicurl: `${ui.h.url}/media/none.mp3`, hqmusicurl: `${ui.h.url}/media/none.mp3`, thumb_media_id: thumb },
    });
    await customSend(bank.appid, bank.secret, {
      touser: openid,
      msgtype: 'miniprogrampage',
      miniprogrampage: { title: 'Your cards', appid: 'wx1234567890abcdef', pagepath: 'pages/cards/index', thumb_media_id: thumb },
    });
    await customSend(bank.appid, bank.secret, {
      touser: openid,
      msgtype: 'msgmenu',
      msgmenu: { head_content: 'How was our service?', list: [{ id: '101', content: 'Great' }, { id: '102', content: 'Could be better' }], tail_content: 'Thank you!' },
    });
    await customSend(bank.appid, bank.secret, {
      touser: openid,
      msgtype: 'text',
      text: { content: 'Read <a href="https://example.com/terms">the terms</a> before you apply.' },
    });
    await seen(mei.getByText('How was our service?'));
    await seen(mei.getByRole('link', { name: 'the terms' }));
    await seen(mei.locator('.ph-msg-theirs[data-msg-type="image"] img'));
    await seen(mei.getByText('Spring offers: 3% cashback on every card'));
    await seen(mei.getByRole('link', { name: 'Mini Program' }));
    await seen(mei.getByLabel('Music'));
    await ui.shot(mei, '14-reply-types');
    await mei.locator('.ph-messages').evaluate((el) => el.scrollTo(0, el.scrollHeight / 3));
    await ui.shot(mei, '14b-reply-types');
    await mei.getByRole('link', { name: 'Mini Program' }).click();
    await hasText(mei.getByTestId('mp-path'), 'pages/cards/index', true);
    await mei.goBack();
    await seen(mei.getByText('How was our service?'));

    // Tapping a msgmenu option sends it back with its bizmsgmenuid.
    await mei.getByRole('link', { name: 'Great' }).click();
    await seen(mei.getByText('You said: Great'));
    await expect.poll(() => dev.requests.some((r) => r.method === 'POST' && xmlField(r.body, 'bizmsgmenuid') === '101')).toBe(true);

    // Drop the socket, send while it is down: the reconnect replays what was missed.
    const before = wsUrls.length;
    await sockets[sockets.length - 1].close();
    await customSend(bank.appid, bank.secret, { touser: openid, msgtype: 'text', text: { content: 'Sent while you were offline' } });
    await seen(mei.getByText('Sent while you were offline'), 15_000);
    expect(wsUrls.length).toBeGreaterThan(before);
    expect(Number(new URL(wsUrls[wsUrls.length - 1]).searchParams.get('after'))).toBeGreaterThan(0);

    // Li's tab never saw any of it.
    await li.bringToFront();
    await li.goto(`/phone/chat/${bank.appid}`);
    await seen(li.getByText('Your balance is ¥88.00'));
    await none(li.getByText('How was our service?'));
    await ui.shot(mei, '15-second-follower');
  });

  it('sends a photo and a location from the input bar', async () => {
    await li.getByRole('button', { name: 'Keyboard' }).click();
    await li.getByRole('button', { name: 'More input' }).click();
    await ui.shot(li, '16-plus-panel');
    await li.getByTestId('send-image').setInputFiles(ui.shotPath('coffee-qr'));
    await seen(li.locator('.ph-msg-mine[data-msg-type="image"] img'));
    await li.getByRole('button', { name: 'More input' }).click();
    await li.getByRole('button', { name: 'Location' }).click();
    await li.getByRole('button', { name: /The Bund/ }).click();
    // Places go to the account in Chinese, as WeChat sends them.
    await hasText(li.locator('.ph-msg-mine[data-msg-type="location"]').last(), '中山东一路');
    await ui.shot(li, '17-photo-location');
    // A voice note (AMR) and a video (MP4): the phone makes the video's thumbnail itself.
    await li.getByTestId('send-voice').setInputFiles({ name: 'note.amr', mimeType: 'audio/amr', buffer: Buffer.concat([Buffer.from('#!AMR\n'), Buffer.alloc(600)]) });
    await seen(li.locator('.ph-msg-mine[data-msg-type="voice"]').getByRole('button', { name: 'Play voice message' }));
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.alloc(2000)]);
    await li.getByTestId('send-video').setInputFiles({ name: 'clip.mp4', mimeType: 'video/mp4', buffer: mp4 });
    await seen(li.locator('.ph-msg-mine[data-msg-type="video"] video'));
    const pushed = () => dev.requests.filter((r) => r.method === 'POST').map((r) => xmlField(r.body, 'MsgType'));
    await expect.poll(pushed, { timeout: 10_000 }).toEqual(expect.arrayContaining(['image', 'location', 'voice', 'video']));
    await ui.shot(li, '17b-voice-video');
  });

  it('opens straight as a follower with ?user= and fills a narrow screen', async () => {
    const liId = await phoneUserId(li);
    const phone = await ui.newContext({ viewport: { width: 390, height: 780 } });
    const page = await phone.newPage();
    await page.goto(`/phone?user=${liId}`);
    await seen(page.getByRole('heading', { name: /^WeChat/ }));
    expect(new URL(page.url()).search).toBe('');
    await seen(page.locator(`[data-appid="${bank.appid}"]`));
    await ui.shot(page, '18-narrow-chats');
    await page.locator(`[data-appid="${bank.appid}"]`).click();
    await seen(page.getByText('Your balance is ¥88.00'));
    await ui.shot(page, '19-narrow-chat');
    // The page a QR code's URL opens sends here with ?scan=: a follower scanning again opens the chat (SCAN).
    await page.goto(`/phone?scan=${encodeURIComponent(coffeeQrUrl)}`);
    await seen(page.getByRole('heading', { name: 'Metro Coffee' }));
    expect(page.url()).toContain(`/phone/chat/${coffee.appid}`);
    await phone.close();
  });
});
