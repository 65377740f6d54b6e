/**
 * The account's home (首页) and settings (公众号设置) in Chromium: a new operator opens an account
 * and lands on 首页 with today's figures beside yesterday's, the push quota and the notices; changes
 * the avatar in 公众号设置 and sees it in the console's frame and in the phone; is told per field what
 * is wrong with a WeChat ID; downloads the account's QR code in one of the MP backend's sizes; and
 * reads the same pages in English. axe-core finds no serious or critical problem. Screenshots go
 * to test-results/home/.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeInBrowser, makeAccount } from '../harness.js';
import { makeOperator } from '../consoleFixtures.js';
import { addFollowers } from '../factories/audience.js';
import { makePublishedArticle } from '../factories/articles.js';
import { picture } from '../phoneBrowser.js';
import { decodeQrPng } from '../qrDecode.js';
import { followAccount } from '../../src/modules/followers/commands/followAccount.js';
import { sendUserMessage } from '../../src/modules/messaging/commands/userMessageSender.js';
import { sendCustomMessage } from '../../src/modules/messaging/commands/customMessageSender.js';
import { findAccountByAppid } from '../../src/modules/accounts/store/accounts.js';
import { chromiumSuite, createPhoneFollower, phoneUserId } from './helpers.js';
import { axeProblems } from './axe.js';


const DAY = 86_400_000;

describeInBrowser('account home and settings in Chromium', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'home', fullPage: true, page: { timeout: 15_000 } });

  it('lands on 首页 with the figures, changes the avatar and WeChat ID in 公众号设置, downloads the QR code; English too', async () => {
    const op = await makeOperator(ui.h.services, { orgName: '莲花传媒' });
    const { account, appid } = await makeAccount(ui.h.services, { orgId: op.orgId, name: '莲花日报', type: 'subscription', verified: false });
    const now = ui.h.services.clock.nowMs();
    const todayStart = Math.floor((now + 8 * 3600_000) / DAY) * DAY - 8 * 3600_000;
    await addFollowers(ui.h.database, account.id, 3, { subscribedAt: new Date(Math.max(todayStart, now - 60_000)) });
    await addFollowers(ui.h.database, account.id, 2, { subscribedAt: new Date(todayStart - 3600_000) });
    await makePublishedArticle(ui.h.services.db, { accountId: account.id, title: '莲花池边的早晨', readCount: 42, publishedAt: new Date(now - DAY) });

    const { page } = await ui.openPage({ locale: 'zh-CN' });
    await page.goto('/console');
    await page.getByLabel('邮箱').fill(op.email);
    await page.getByLabel('密码').fill(op.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '公众号' }).waitFor();

    // Opening the account lands on 首页.
    await page.getByRole('row', { name: /莲花日报/ }).click();
    await page.waitForURL(new RegExp(`/console/accounts/${appid}$`));
    expect(await page.getByRole('tab', { selected: true }).textContent()).toBe('首页');
    await page.getByRole('heading', { name: '今日数据' }).waitFor();
    const figure = (key: string) => page.getByTestId(`figure-${key}`).textContent();
    expect(await figure('new_followers')).toBe('新关注人数3昨日 2');
    expect(await figure('net_followers')).toBe('净增关注人数3昨日 2');
    expect(await figure('total_followers')).toBe('累积关注人数5昨日 2');
    expect(await figure('reads')).toContain('42');
    expect(await page.getByTestId('home-quota').textContent()).toContain('今日还可群发 1 次（共 1 次）');
    const notices = (await page.getByTestId('home-notices').textContent()) ?? '';
    expect(notices).toContain('公众号未认证');
    expect(notices).toContain('未配置服务器');
    await page.getByRole('cell', { name: '莲花池边的早晨' }).waitFor();
    expect(await page.getByRole('table', { name: '近期发表' }).textContent()).toContain('42');
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, 'zh-01-home');

    // 公众号设置: the avatar, uploaded, replaces the letter in the frame and the navigation.
    await page.getByRole('tab', { name: '公众号设置' }).click();
    await page.waitForURL(new RegExp(`/console/accounts/${appid}/settings$`));
    expect(await page.locator('.account-header .avatar').textContent()).toBe('莲');
    await page.getByLabel('上传新头像').setInputFiles({ name: 'lotus.png', mimeType: 'image/png', buffer: picture(200, 200) });
    await page.getByText('头像已修改。').waitFor();
    const frameAvatar = page.locator('.account-header img.avatar');
    await frameAvatar.waitFor();
    const avatarUrl = (await frameAvatar.getAttribute('src')) ?? '';
    expect(avatarUrl).toMatch(/^\/media\/[A-Za-z0-9_-]+$/);
    // The navigation's account list refreshes after the change.
    await page.locator(`.sidebar img.avatar[src="${avatarUrl}"]`).waitFor();
    expect(await page.evaluate((src) => fetch(src).then((r) => r.headers.get('content-type')), avatarUrl)).toBe('image/png');

    // A file that is not an image is refused at the field.
    await page.getByLabel('上传新头像').setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not an image at all') });
    await page.getByText('头像仅支持 JPG、PNG、GIF、BMP 格式的图片。').waitFor();

    // The WeChat ID: WeChat's rule, per field; then saved.
    await page.getByLabel('微信号').fill('1lotus');
    await page.getByLabel('功能介绍').fill('每日');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('微信号须为 6 至 20 位字母、数字、下划线或减号，并以字母开头。').waitFor();
    await page.getByText('功能介绍须为 4 至 120 个字符。').waitFor();
    expect(await page.getByLabel('微信号').getAttribute('aria-invalid')).toBe('true');
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, 'zh-02-settings-errors');
    await page.getByLabel('微信号').fill('lotus_daily');
    expect(await page.getByLabel('微信号').getAttribute('aria-invalid')).toBeNull();
    await page.getByLabel('功能介绍').fill('每天早晨一篇莲花池边的故事。');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('公众号设置已保存。').waitFor();
    expect(await page.getByTestId('verification-state').textContent()).toContain('未认证');
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, 'zh-03-settings');

    // The QR code in 8 cm, 258 px: a PNG of that side that opens the account's profile.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '边长 8cm · 258px' }).click()]);
    expect(download.suggestedFilename()).toBe(`qrcode_${appid}_258.png`);
    const png = readFileSync((await download.path()) as string);
    expect(png.readUInt32BE(16)).toBe(258);
    expect(decodeQrPng(png)).toMatch(new RegExp(`/phone/accounts/${appid}$`));

    // The same pages in English.
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await page.getByRole('heading', { name: 'Basic information' }).waitFor();
    for (const label of ['Avatar', 'Upload a new avatar', 'Name', 'Description', 'WeChat ID']) await page.getByLabel(label, { exact: true }).first().waitFor();
    expect(await page.getByRole('list', { name: 'Download sizes' }).textContent()).toBe('8 cm · 258 px12 cm · 344 px15 cm · 430 px30 cm · 860 px50 cm · 1280 px');
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, 'en-03-settings');
    await page.getByRole('tab', { name: 'Home' }).click();
    await page.getByRole('heading', { name: 'Today' }).waitFor();
    expect(await figure('new_followers')).toBe('New followers3Yesterday 2');
    expect(await page.getByTestId('home-quota').textContent()).toContain('1 of 1 push post left today');
    expect(await page.getByTestId('home-notices').textContent()).toContain('The account is not verified');
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, 'en-01-home');
    await page.getByRole('tab', { name: 'Developer settings' }).click();
    await page.getByRole('heading', { name: 'API permissions' }).waitFor();
    // Template messages need a verified service account.
    expect(await page.getByRole('row', { name: /Template messages/ }).textContent()).toContain('Not available');
    await ui.shot(page, 'en-04-developer');

    // The phone: the avatar in the chat list and on the profile.
    const phone = (await ui.openPage({ viewport: { width: 1280, height: 860 } })).page;
    await createPhoneFollower(phone, 'Mei', 'Hangzhou');
    const userId = await phoneUserId(phone);
    const openid = await followAccount(ui.h.services, userId, appid);
    await sendUserMessage(ui.h.services, userId, appid, { msgtype: 'text', content: '早上好' });
    const current = (await findAccountByAppid(ui.h.services.db, appid))!;
    await sendCustomMessage(ui.h.services, current, { touser: openid, msgtype: 'text', text: { content: '早上好，欢迎关注莲花日报' } });
    // A subscription account's messages are filed in the Subscriptions folder.
    await phone.goto('/phone/subscriptions');
    await phone.locator(`img.ph-avatar[src="${avatarUrl}"]`).first().waitFor();
    await ui.shot(phone, 'en-05-phone-subscriptions');
    // In the conversation, the account's messages carry it too.
    await phone.goto(`/phone/chat/${appid}`);
    await phone.getByText('早上好，欢迎关注莲花日报').waitFor();
    await phone.locator(`img.ph-avatar[src="${avatarUrl}"]`).first().waitFor();
    await phone.goto(`/phone/accounts/${appid}`);
    await phone.getByText('lotus_daily').first().waitFor();
    await phone.locator(`img.ph-avatar[src="${avatarUrl}"]`).first().waitFor();
    expect(await axeProblems(phone)).toEqual([]);
    await ui.shot(phone, 'en-06-phone-profile');
  }, 180_000);
});
