/**
 * Push posts on the phone in a real browser (Debian's Chromium through playwright-core): a
 * subscription account's post lands silently in the Subscriptions folder, a service account's
 * post arrives in Chats with a badge and the in-page notification, both live over the phone's
 * WebSocket as the fan-out runner commits. The article view opens the public page, and like,
 * share, comment, tip and mini-program links work and are recorded. Screenshots go to
 * test-results/broadcast/. Needs web/dist (`npm run build:web`).
 */
import { beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { type Page } from 'playwright-core';
import { describeInBrowser, makeAccount } from '../harness.js';
import { asDeveloper } from '../phoneFixtures.js';
import { hasText, none, picture, seen } from '../phoneBrowser.js';
import { makePublishedArticle, type MadeArticle } from '../factories/articles.js';
import { findFollow } from '../../src/modules/followers/store/followers.js';
import { chromiumSuite, createPhoneFollower, developerUpload, phoneToken, phoneUserId } from './helpers.js';
import { linkMiniProgram } from '../factories/miniprograms.js';

describeInBrowser('push posts on the phone in Chromium', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'broadcast', page: { viewport: { width: 1100, height: 900 }, timeout: 15_000 } });
  let page: Page;
  let bank: Awaited<ReturnType<typeof makeAccount>>;
  let daily: Awaited<ReturnType<typeof makeAccount>>;
  let bankNews: MadeArticle;
  let dailyNews: MadeArticle;

  const shot = (name: string) => ui.shot(page, name);

  /** Sends a push post to every follower through message/mass/sendall; returns its msg_id. */
  async function sendAll(account: { appid: string; secret: string }, groupId: string): Promise<number> {
    const dev = await asDeveloper(ui.h, account.appid, account.secret);
    const res = await dev.post('/cgi-bin/message/mass/sendall', { filter: { is_to_all: true }, msgtype: 'mpnews', mpnews: { media_id: groupId }, send_ignore_reprint: 1 });
    expect(res.errcode, JSON.stringify(res)).toBe(0);
    return Number(res.msg_id);
  }

  const rows = (q: ReturnType<typeof sql>) => ui.h.database.rows<Record<string, unknown>>(q);

  beforeAll(async () => {
    bank = await makeAccount(ui.h.services, { type: 'service', verified: true, name: 'Herald Bank' });
    daily = await makeAccount(ui.h.services, { type: 'subscription', verified: true, name: 'Morning Daily' });
    // The article's mini-program card is the bank's linked mini program.
    await linkMiniProgram(ui.h.services.db, bank.account.id, { appid: 'wx1234567890abcdef', name: 'Herald Bank Rates' });
    const bankCover = await developerUpload(ui.h, bank, picture(470, 200), { filename: 'cover.png' });
    const dailyCover = await developerUpload(ui.h, daily, picture(470, 200), { filename: 'cover.png' });
    bankNews = await makePublishedArticle(ui.h.services.db, {
      accountId: bank.account.id,
      published: false,
      title: 'Savings rates rise this week',
      author: 'Herald Bank',
      digest: 'What the new rates mean for you',
      thumbMediaId: bankCover,
      content:
        '<p>From Monday, savings accounts earn more.</p>'
        + '<p><mp-miniprogram data-miniprogram-appid="wx1234567890abcdef" data-miniprogram-path="pages/rates/index" data-miniprogram-title="Rates calculator"></mp-miniprogram></p>',
      needOpenComment: 1,
      original: true,
      donationsEnabled: true,
      more: [
        { title: 'Branches open on Sunday', thumbMediaId: bankCover },
        { title: 'Card offers for students', thumbMediaId: bankCover },
      ],
    });
    dailyNews = await makePublishedArticle(ui.h.services.db, {
      accountId: daily.account.id,
      published: false,
      title: 'Morning brief: rain moves north',
      thumbMediaId: dailyCover,
      more: [{ title: 'Five things to read today' }],
    });
    page = await (await ui.newContext()).newPage();
  }, 120_000);

  it('files a subscription post silently in the Subscriptions folder, live', async () => {
    await createPhoneFollower(page, 'Wang Fang', 'Hangzhou');
    const token = await phoneToken(page);
    for (const appid of [bank.appid, daily.appid]) {
      const res = await fetch(`${ui.h.url}/phone/api/accounts/${appid}/follow`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
    }
    await page.reload();
    // Following opens both chats (no welcome message): wait until the list and the realtime stream are up.
    await seen(page.locator(`[data-appid="${bank.appid}"]`));
    await seen(page.getByTestId('subscriptions-row'));
    await none(page.getByText('No chats yet.'));
    await expect.poll(() => page.locator('.ph-nav-sub').count(), { timeout: 10_000 }).toBe(0);
    await page.waitForTimeout(500);

    await sendAll(daily, dailyNews.group.id);
    const folderRow = page.getByTestId('subscriptions-row');
    await hasText(folderRow, 'Morning brief: rain moves north');
    await seen(folderRow.locator('.ph-dot'));
    await seen(page.locator('.ph-tab-dot'));
    await none(page.getByTestId('notification-banner'));
    await none(page.locator('.ph-tab-badge'));
    expect(await page.locator(`[data-appid="${daily.appid}"]`).count()).toBe(0);
    await shot('01-chats-folder-dot');

    await folderRow.click();
    const card = page.locator('.ph-feed-post .ph-post');
    await hasText(card.locator('.ph-post-lead-title'), 'Morning brief: rain moves north');
    await hasText(card.locator('.ph-post-item'), 'Five things to read today');
    await expect.poll(() => card.locator('.ph-post-lead img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await shot('02-subscriptions-folder');
    await page.getByRole('button', { name: 'Back' }).click();
  });

  it('brings a service post into Chats with a badge and a notification, live', async () => {
    await page.getByRole('heading', { name: 'WeChat' }).waitFor();
    await sendAll(bank, bankNews.group.id);
    const banner = page.getByTestId('notification-banner');
    await hasText(banner, 'Herald Bank');
    await hasText(banner, 'Savings rates rise this week');
    const row = page.locator(`[data-appid="${bank.appid}"]`);
    await hasText(row.locator('.ph-badge'), '1', true);
    await hasText(page.locator('.ph-tab-badge'), '1', true);
    await shot('03-chats-service-notification');
  });

  it('shows the lead card with the other articles listed, and opens an article with its bar', async () => {
    await page.locator(`[data-appid="${bank.appid}"]`).click();
    const card = page.locator('.ph-post-row .ph-post');
    await hasText(card.locator('.ph-post-lead-title'), 'Savings rates rise this week');
    expect(await card.locator('.ph-post-item').allInnerTexts()).toEqual(['Branches open on Sunday', 'Card offers for students']);
    await expect.poll(() => card.locator('.ph-post-lead img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await shot('04-conversation-post');
    // Opening the conversation read the post.
    await expect
      .poll(async () => (await rows(sql`select count(*)::int as n from broadcast_recipients where read_at is null`))[0].n)
      .toBe(1);

    await card.locator('.ph-post-lead').click();
    const view = page.getByRole('dialog', { name: 'Article' });
    await seen(view);
    await hasText(view.locator('.ph-article-name'), 'Herald Bank');
    const frame = page.frameLocator('.ph-article-frame');
    await seen(frame.getByText('From Monday, savings accounts earn more.'));
    await seen(view.getByRole('button', { name: 'Tip the author' }));
    await shot('05-article-view');
  });

  it('records a like, a share, a comment and a tip, and follows a mini-program link', async () => {
    const view = page.getByRole('dialog', { name: 'Article' });
    const lead = bankNews.articles[0].id;
    // Named by what it shows: "Like", then "1 Like".
    const like = view.getByRole('button', { name: /^(\d+ )?Like$/ });
    await like.click();
    await expect.poll(() => like.getAttribute('aria-pressed')).toBe('true');
    await hasText(like, '1');
    expect(await rows(sql`select kind from article_reactions where article_id = ${lead}`)).toEqual([{ kind: 'like' }]);

    await view.getByRole('button', { name: 'Share', exact: true }).click();
    const share = page.getByRole('dialog', { name: 'Share · 分享' });
    await seen(share);
    await shot('06-share-sheet');
    await share.getByRole('button', { name: /Moments/ }).click();
    await share.waitFor({ state: 'detached' });
    await expect.poll(async () => rows(sql`select target from article_shares where article_id = ${lead}`)).toEqual([{ target: 'moments' }]);

    await view.getByRole('button', { name: 'Comment', exact: true }).click();
    const comments = page.getByRole('dialog', { name: 'Comments · 留言' });
    await comments.getByLabel('Write a comment').fill('Great news, thank you!');
    await comments.getByRole('button', { name: 'Send' }).click();
    await seen(comments.getByText('Great news, thank you!'));
    await shot('07-comment-sheet');
    expect(await rows(sql`select content from article_comments where article_id = ${lead}`)).toEqual([{ content: 'Great news, thank you!' }]);
    await comments.getByRole('button', { name: 'Close' }).click();

    // The page's own Donate link opens the phone's payment sheet.
    await page.frameLocator('.ph-article-frame').getByRole('link', { name: 'Donate' }).click();
    const tip = page.getByRole('dialog', { name: /Tip the author/ });
    await tip.getByRole('button', { name: '¥5' }).click();
    const pay = page.getByRole('dialog', { name: 'WeChat Pay' });
    await hasText(pay.getByTestId('pay-amount'), '¥5.00');
    for (const d of ['1', '2', '3', '4', '5']) await pay.getByRole('button', { name: d, exact: true }).click();
    await shot('08-wechat-pay');
    await pay.getByRole('button', { name: '6', exact: true }).click();
    await seen(pay.getByText('Payment successful · 支付成功'));
    await shot('09-paid');
    expect(await rows(sql`select amount_fen, status from donations where article_id = ${lead}`)).toEqual([{ amount_fen: 500, status: 'paid' }]);
    await pay.getByRole('button', { name: 'Done' }).click();

    await page.frameLocator('.ph-article-frame').getByRole('link', { name: /Rates calculator/ }).click();
    await hasText(page.getByTestId('mp-appid'), 'wx1234567890abcdef');
    await hasText(page.getByTestId('mp-path'), 'pages/rates/index');
    await shot('10-mini-program');
    await page.getByRole('button', { name: 'Close mini program' }).click();
    await seen(page.getByRole('dialog', { name: 'Article' }));
    await page.getByRole('dialog', { name: 'Article' }).getByRole('button', { name: 'Back' }).click();
    await none(page.getByRole('dialog', { name: 'Article' }));
    await seen(page.locator('.ph-post-row'));
  });

  it('shows a text push post as a bubble, arriving live in the open conversation', async () => {
    const userId = await phoneUserId(page);
    const openid = (await findFollow(ui.h.services.db, bank.account.id, userId))!.openid;
    const dev = await asDeveloper(ui.h, bank.appid, bank.secret);
    const res = await dev.post('/cgi-bin/message/mass/preview', { touser: openid, msgtype: 'text', text: { content: 'Branch hours change on Friday' } });
    expect(res.errcode, JSON.stringify(res)).toBe(0);
    const bubble = page.locator(`.ph-msg[data-msg-id="${res.msg_id}"] .ph-bubble`);
    await hasText(bubble, 'Branch hours change on Friday');
    await none(page.getByTestId('notification-banner'));
    await shot('11-text-post');
    // The open conversation reads it at once.
    await expect
      .poll(async () => (await rows(sql`select read_at is not null as read from broadcast_recipients where broadcast_id = ${Number(res.msg_id)}`))[0]?.read)
      .toBe(true);
  });
});
