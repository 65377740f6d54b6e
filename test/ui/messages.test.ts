/**
 * 消息管理 and the Herald clock in Chromium: an operator of an account without a developer
 * server reads a follower's message, stars it and answers it within 48 hours (the answer reaches
 * the follower's chat on the phone); moves the clock two days from the top bar; is refused after, with
 * the window's closing time in China time. In Chinese first, then the same page in English.
 * axe-core finds no serious or critical problem. Screenshots go to /tmp/shots/messages/.
 * Needs web/dist (`npm run build:web`).
 */
import { mkdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, makeAccount } from '../harness.js';
import { makeOperator } from '../consoleFixtures.js';
import { followAccount } from '../../src/modules/followers/commands/followAccount.js';
import { sendUserMessage } from '../../src/modules/messaging/commands/userMessageSender.js';
import { listUserConversation } from '../../src/modules/messaging/store/conversations.js';
import { chromiumSuite, createPhoneFollower, phoneUserId } from './helpers.js';
import { axeProblems } from './axe.js';

const SHOTS = '/tmp/shots/messages';
const HOUR = 3600_000;

/** An instant as China time, "YYYY-MM-DD HH:MM". */
const chinaMinute = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 16).replace('T', ' ');

describeInBrowser('消息管理 and the Herald clock in Chromium', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'messages', page: { timeout: 15_000 } });
  const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${kind}-${name}.png`, fullPage: true });

  it('answers a follower within 48 hours, moves the clock two days from the top bar, is refused after (Chinese and English)', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const op = await makeOperator(ui.h.services, { orgName: '莲花传媒', role: 'owner' });
    const { account, appid } = await makeAccount(ui.h.services, { orgId: op.orgId, name: '莲花咖啡', type: 'service', verified: true });
    // The follower on the phone, following the account.
    const { page: phone } = await ui.openPage({ viewport: { width: 420, height: 860 } });
    await createPhoneFollower(phone, '李梅', '杭州');
    const user = { id: await phoneUserId(phone) };
    await followAccount(ui.h.services, user.id, appid);
    await sendUserMessage(ui.h.services, user.id, appid, { msgtype: 'location', location_x: 30.27, location_y: 120.15, scale: 15, label: '杭州市西湖区' });
    await sendUserMessage(ui.h.services, user.id, appid, { msgtype: 'text', content: '请问明天营业吗？' });
    const askedAt = (await listUserConversation(ui.h.services.db, user.id, { accountId: account.id })).at(-1)!.createdAt.getTime();

    const { page } = await ui.openPage({ locale: 'zh-CN' });
    await page.goto('/console');
    await page.getByLabel('邮箱').fill(op.email);
    await page.getByLabel('密码').fill(op.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '公众号' }).waitFor();

    // The clock in the top bar, in China time with the zone named.
    const topbar = page.locator('.topbar');
    await topbar.getByText('Herald 时间').waitFor();
    await expect.poll(async () => topbar.locator('time').textContent()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d（北京时间）$/);

    // 消息管理 from the account's navigation.
    await page.goto(`/console/accounts/${appid}`);
    await page.getByRole('navigation').first().getByRole('link', { name: '消息管理', exact: true }).click();
    const list = page.getByRole('list', { name: '用户消息' });
    const row = list.getByRole('listitem').filter({ hasText: '请问明天营业吗？' });
    await row.waitFor();
    await list.getByRole('listitem').filter({ hasText: '杭州市西湖区' }).getByText('[位置]').waitFor();
    await row.getByText('未回复').waitFor();
    await row.getByText(/可在 .*（北京时间）前回复/).waitFor();
    expect(await page.getByRole('combobox', { name: '时间' }).inputValue()).toBe('last5');
    expect(await axeProblems(page)).toEqual([]);
    await shot(page, 'zh-01-list');

    // Star it; 星标消息 shows it alone.
    await row.getByRole('button', { name: '标为星标消息' }).click();
    await row.getByRole('button', { name: '取消星标' }).waitFor();
    await page.getByRole('button', { name: '星标消息', exact: true }).click();
    await expect.poll(async () => list.getByRole('listitem').count()).toBe(1);
    await row.waitFor();
    await page.getByRole('button', { name: '全部消息', exact: true }).click();
    await expect.poll(async () => list.getByRole('listitem').count()).toBe(2);

    // Answer within 48 hours, from the keyboard.
    await row.getByRole('button', { name: '快捷回复' }).click();
    const box = row.getByRole('textbox', { name: '回复 李梅' });
    await box.fill('明天 9 点营业，欢迎光临');
    await shot(page, 'zh-02-reply');
    await row.getByRole('button', { name: '发送' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('已回复 李梅').waitFor();
    await row.getByText('已回复', { exact: true }).waitFor();
    const convo = await listUserConversation(ui.h.services.db, user.id, { accountId: account.id });
    expect(convo.at(-1)).toMatchObject({ direction: 'out', source: 'custom', content: { content: '明天 9 点营业，欢迎光临' } });
    await shot(page, 'zh-03-answered');
    // The answer is in the follower's chat on the phone.
    await phone.goto(`/phone/chat/${appid}`);
    await phone.getByText('明天 9 点营业，欢迎光临').waitFor();
    await phone.screenshot({ path: `${SHOTS}/${kind}-phone-answer.png` });

    // Two days later, moved from the top bar.
    await topbar.getByRole('button', { name: '调整时间' }).click();
    const panel = page.getByRole('group', { name: '调整 Herald 时间' });
    await panel.getByRole('button', { name: '+1 小时' }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await panel.getByLabel('向前调整').fill('2');
    await panel.getByRole('combobox', { name: '单位' }).selectOption('days');
    const before = ui.h.services.clock.nowMs();
    await panel.getByRole('button', { name: '确定' }).click();
    await panel.getByText(/^已调整到 .*（北京时间）$/).waitFor();
    expect(ui.h.services.clock.nowMs() - before).toBeGreaterThanOrEqual(48 * HOUR);
    await shot(page, 'zh-04-clock');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });

    // The list was fetched again: the window has closed. A reply is refused with the time it closed.
    await row.getByText('已超过48小时，无法回复').waitFor();
    await row.getByRole('button', { name: '快捷回复' }).click();
    await row.getByRole('textbox', { name: '回复 李梅' }).fill('还在吗？');
    await row.getByRole('button', { name: '发送' }).click();
    const closed = chinaMinute(askedAt + 48 * HOUR);
    const refusal = row.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(`48小时回复窗口已于 ${closed}（北京时间）关闭`);
    expect(await axeProblems(page)).toEqual([]);
    await shot(page, 'zh-05-refused');
    expect(await listUserConversation(ui.h.services.db, user.id, { accountId: account.id })).toHaveLength(convo.length);

    // The same page in English.
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await page.getByRole('navigation').first().getByRole('link', { name: 'Messages', exact: true }).waitFor();
    const en = page.getByRole('list', { name: 'Follower messages' });
    const enRow = en.getByRole('listitem').filter({ hasText: '请问明天营业吗？' });
    await enRow.getByText('Answered', { exact: true }).waitFor();
    await enRow.getByText('More than 48 hours ago: no reply possible').waitFor();
    await enRow.getByRole('button', { name: 'Remove star' }).waitFor();
    await en.getByRole('listitem').filter({ hasText: '杭州市西湖区' }).getByText('[Location]').waitFor();
    for (const label of ['All messages', 'Starred messages']) await page.getByRole('button', { name: label, exact: true }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Time' }).locator('option:checked').textContent()).toBe('Last 5 days');
    await topbar.getByText('Herald time').waitFor();
    await expect.poll(async () => topbar.locator('time').textContent()).toMatch(/\(UTC\+8\)$/);
    await topbar.getByRole('button', { name: 'Time travel' }).click();
    for (const label of ['+1 hour', '+1 day', 'To next midnight', 'Move forward']) await page.getByRole('button', { name: label, exact: true }).waitFor();
    await page.keyboard.press('Escape');
    await enRow.getByRole('button', { name: 'Reply' }).click();
    await enRow.getByRole('textbox', { name: 'Reply to 李梅' }).fill('Still there?');
    await enRow.getByRole('button', { name: 'Send' }).click();
    await enRow.getByRole('alert').waitFor();
    expect(await enRow.getByRole('alert').textContent()).toContain(`The 48-hour service window closed on ${closed} (UTC+8).`);
    expect(await axeProblems(page)).toEqual([]);
    await shot(page, 'en-01-refused');

    // On a phone-size screen nothing is wider than the screen, in either language.
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [lang, listName] of [['en', 'Follower messages'], ['zh-CN', '用户消息']] as const) {
      await page.evaluate((l) => localStorage.setItem('herald.language', l), lang);
      await page.reload();
      await page.getByRole('list', { name: listName }).getByRole('listitem').first().waitFor();
      await page.waitForLoadState('networkidle');
      // Wider than the screen: an element past its right edge, unless a scrolling (or clipping)
      // box inside the screen holds it, as the tab row and wide tables are held.
      expect(await page.evaluate(() => [...document.querySelectorAll('body *')].filter((e) => {
        if (e.getBoundingClientRect().right <= 392) return false;
        for (let a = e.parentElement; a; a = a.parentElement) {
          if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(a).overflowX) && a.getBoundingClientRect().right <= 392) return false;
        }
        return true;
      }).slice(0, 8).map((e) => `${e.tagName}.${e.className}:${Math.round(e.getBoundingClientRect().right)}`)), lang).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), lang).toBeLessThanOrEqual(390);
      expect(await axeProblems(page), lang).toEqual([]);
      await shot(page, `${lang}-narrow`);
    }
  }, 180_000);
});
