
import { beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { describeInBrowser, makeAccount } from '../harness.js';
import { makeOperator, type TestOperator } from '../consoleFixtures.js';
import { asDeveloper } from '../phoneFixtures.js';
import { hasText, none, seen } from '../phoneBrowser.js';
import { makePublishedArticle, type MadeArticle } from '../factories/articles.js';
import { chromiumSuite, createPhoneFollower, phoneToken } from './helpers.js';
import { axeProblems } from './axe.js';


describeInBrowser('留言管理 (comments) in Chromium', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'comments', fullPage: true, page: { viewport: { width: 1280, height: 900 }, timeout: 15_000 } });
  let op: TestOperator;
  let tea: Awaited<ReturnType<typeof makeAccount>>;
  let news: MadeArticle;
  let phone: Page;
  let consolePage: Page;

  const rows = (q: ReturnType<typeof sql>) => ui.h.database.rows<Record<string, unknown>>(q);

  beforeAll(async () => {
    op = await makeOperator(ui.h.services, { orgName: '茶语传媒' });
    tea = await makeAccount(ui.h.services, { orgId: op.orgId, type: 'service', verified: true, name: '茶语' });
    news = await makePublishedArticle(ui.h.services.db, {
      accountId: tea.account.id,
      published: false,
      title: '春茶上市',
      content: '<p>今年的龙井已经到了。</p>',
      needOpenComment: 1,
    });
    phone = (await ui.openPage({ viewport: { width: 1000, height: 860 } })).page;
    consolePage = (await ui.openPage({ locale: 'zh-CN' })).page;
  }, 120_000);

  /** Opens the pushed article on the phone and its comment sheet. */
  async function openComments(commentLabel: string, sheetName: RegExp): Promise<Locator> {
    await phone.locator(`[data-appid="${tea.appid}"]`).click();
    await phone.locator('.ph-post-row .ph-post .ph-post-lead').click();
    const view = phone.locator('.ph-article');
    await seen(phone.frameLocator('.ph-article-frame').getByText('今年的龙井已经到了。'));
    // The bar's buttons are named by what they show: the count, when there is one, and the word.
    await view.getByRole('button', { name: new RegExp(`^(\\d+ )?${commentLabel}$`) }).click();
    const sheet = phone.getByRole('dialog', { name: sheetName });
    await seen(sheet);
    return sheet;
  }

  it('a follower comments on a pushed article from the phone', async () => {
    await createPhoneFollower(phone, 'Wang Fang', 'Hangzhou');
    const token = await phoneToken(phone);
    const res = await fetch(`${ui.h.url}/phone/api/accounts/${tea.appid}/follow`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    await phone.reload();
    await phone.getByRole('heading', { name: 'WeChat' }).waitFor();
    await phone.waitForTimeout(500);
    const dev = await asDeveloper(ui.h, tea.appid, tea.secret);
    const sent = await dev.post('/cgi-bin/message/mass/sendall', { filter: { is_to_all: true }, msgtype: 'mpnews', mpnews: { media_id: news.group.id }, send_ignore_reprint: 1 });
    expect(sent.errcode, JSON.stringify(sent)).toBe(0);
    await seen(phone.locator(`[data-appid="${tea.appid}"]`));

    const sheet = await openComments('Comment', /Comments/);
    await sheet.getByLabel('Write a comment').fill('龙井真香！');
    await sheet.getByRole('button', { name: 'Send' }).click();
    await seen(sheet.getByText('龙井真香！'));
    await seen(sheet.getByText('Only you can see'));
    expect(await rows(sql`select content, elected from article_comments where article_id = ${news.articles[0].id}`)).toEqual([{ content: '龙井真香！', elected: false }]);
  });

  it('the operator features and replies in Chinese, and the phone shows it', async () => {
    const page = consolePage;
    await page.goto('/console');
    await page.getByLabel('邮箱').fill(op.email);
    await page.getByLabel('密码').fill(op.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '公众号' }).waitFor();
    await page.goto(`/console/accounts/${tea.appid}`);
    await page.getByRole('navigation').first().getByRole('link', { name: '留言', exact: true }).click();
    const item = page.locator('.comment-item').filter({ hasText: '龙井真香！' });
    await seen(item);
    await hasText(item, 'Wang Fang');
    await hasText(item, '春茶上市');
    await hasText(item, '0 赞');
    await hasText(item, '北京时间');
    await seen(page.getByRole('radiogroup').first().or(page.getByText('新文章的默认留言权限')));
    await page.waitForLoadState('networkidle');
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, 'zh-01-comments');

    const actions = item.getByRole('group', { name: 'Wang Fang 的留言操作' });
    await actions.getByRole('button', { name: '精选', exact: true }).click();
    await seen(item.locator('.badge').filter({ hasText: '精选' }));
    await seen(actions.getByRole('button', { name: '取消精选' }));
    await actions.getByRole('button', { name: '回复', exact: true }).click();
    await item.getByLabel('回复 Wang Fang').fill('谢谢喜欢，新茶限量供应。');
    await item.getByRole('button', { name: '发送' }).click();
    await hasText(item.locator('.comment-reply'), '谢谢喜欢，新茶限量供应。');
    await seen(actions.getByRole('button', { name: '修改回复' }));
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, 'zh-02-featured-replied');

    // The phone's open sheet picks up the change: featured (no longer "only you"), with the author's reply.
    const sheet = phone.getByRole('dialog', { name: /Comments/ });
    await seen(sheet.getByText('谢谢喜欢，新茶限量供应。'));
    await none(sheet.getByText('Only you can see'));
    await hasText(sheet.locator('.ph-comment-reply'), 'Author');
    await ui.shot(phone, 'phone-01-featured-reply');
    // Featured comments are also on the public page.
    const pub = await fetch(`${ui.h.url}/s/${news.articles[0].id}`, { headers: { 'user-agent': 'Mozilla/5.0' } });
    expect(await pub.text()).toContain('谢谢喜欢，新茶限量供应。');
  });

  it('blocking the commenter stops a new comment, in English and in Chinese on the phone', async () => {
    const page = consolePage;
    const item = page.locator('.comment-item').filter({ hasText: '龙井真香！' });
    await item.getByRole('button', { name: '拉黑', exact: true }).click();
    const confirm = item.getByRole('group', { name: '确认操作' });
    await hasText(confirm, '拉黑后 Wang Fang 将不能在本公众号留言');
    await confirm.getByRole('button', { name: '拉黑', exact: true }).click();
    await seen(item.locator('.badge').filter({ hasText: '已拉黑' }));
    const blocked = page.getByRole('list', { name: '留言黑名单' });
    await hasText(blocked, 'Wang Fang');
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, 'zh-03-blocked');

    const sheet = phone.getByRole('dialog', { name: /Comments/ });
    await sheet.getByLabel('Write a comment').fill('再来一条');
    await sheet.getByRole('button', { name: 'Send' }).click();
    await hasText(sheet.getByTestId('comment-error'), 'This account has blocked you from commenting.');
    await ui.shot(phone, 'phone-02-blocked-en');

    // The same refusal in Chinese once the phone speaks Chinese.
    await phone.evaluate(() => localStorage.setItem('herald.language', 'zh-CN'));
    await phone.goto('/phone');
    await seen(phone.locator(`[data-appid="${tea.appid}"]`));
    expect(await phone.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    const zhSheet = await openComments('留言', /留言/);
    await seen(zhSheet.getByText('谢谢喜欢，新茶限量供应。'));
    await zhSheet.getByLabel('写留言').fill('再来一条');
    await zhSheet.getByRole('button', { name: '发送' }).click();
    await hasText(zhSheet.getByTestId('comment-error'), '你已被该公众号禁止留言。');
    await ui.shot(phone, 'phone-03-blocked-zh');
    expect(await rows(sql`select count(*)::int as n from article_comments where article_id = ${news.articles[0].id}`)).toEqual([{ n: 1 }]);
  });

  it('reads in English too, and unblocking lets the reader comment again', async () => {
    const page = consolePage;
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await seen(page.getByRole('navigation').first().getByRole('link', { name: 'Comments', exact: true }));
    const item = page.locator('.comment-item').filter({ hasText: '龙井真香！' });
    const actions = item.getByRole('group', { name: "Actions for Wang Fang's comment" });
    for (const label of ['Unfeature', 'Edit reply', 'Delete reply', 'Pin', 'Delete']) await seen(actions.getByRole('button', { name: label, exact: true }));
    await hasText(item, "Author's reply");
    await hasText(item, '0 likes');
    for (const label of ['All comments', 'Featured', 'Not featured']) await seen(page.getByRole('group', { name: 'Filter' }).getByRole('button', { name: label }));
    await seen(page.getByRole('searchbox', { name: 'Search comments' }));
    await seen(page.getByText('Default for new articles'));
    await seen(page.getByLabel('Followers only').first());
    const blocked = page.getByRole('list', { name: 'Blocked commenters' });
    await hasText(blocked, 'Wang Fang');
    await page.waitForLoadState('networkidle');
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, 'en-01-comments');

    // Filter and search from the keyboard.
    await page.getByRole('group', { name: 'Filter' }).getByRole('button', { name: 'Not featured' }).click();
    await seen(page.getByText('No comments match'));
    await page.getByRole('group', { name: 'Filter' }).getByRole('button', { name: 'All comments' }).click();
    await page.getByRole('searchbox', { name: 'Search comments' }).fill('龙井');
    await page.getByRole('searchbox', { name: 'Search comments' }).press('Enter');
    await seen(item);

    await blocked.getByRole('button', { name: 'Unblock Wang Fang' }).click();
    await seen(page.getByText('Nobody is blocked'));
    await none(item.locator('.badge').filter({ hasText: 'Blocked' }));
    await ui.shot(page, 'en-02-unblocked');

    const sheet = phone.getByRole('dialog', { name: /留言/ });
    await sheet.getByRole('button', { name: '发送' }).click();
    await seen(sheet.getByText('再来一条'));
    await none(sheet.getByTestId('comment-error'));

    // Pinning the featured comment puts it first on the phone, marked 置顶.
    await page.reload();
    await actions.getByRole('button', { name: 'Pin', exact: true }).click();
    await seen(item.locator('.badge').filter({ hasText: 'Pinned' }));
    await seen(actions.getByRole('button', { name: 'Unpin', exact: true }));
    const first = sheet.locator('.ph-comment').first();
    await hasText(first, '龙井真香！');
    await hasText(first.locator('.ph-tag'), '置顶');
  });

  it('new articles in the editor start with the account\'s default comment setting', async () => {
    const page = consolePage;
    const defaults = page.getByRole('group', { name: 'Default for new articles' });
    await defaults.getByLabel('Followers only').check();
    await page.locator('.comment-audience').filter({ has: defaults }).getByRole('button', { name: 'Save' }).click();
    await seen(page.getByText('Settings saved'));
    expect(await rows(sql`select open, followers_only from comment_defaults where account_id = ${tea.account.id}`)).toEqual([{ open: true, followers_only: true }]);

    await page.goto(`/console/accounts/${tea.appid}/drafts/new`);
    const comments = page.getByRole('checkbox', { name: 'Comments', exact: true });
    await seen(comments);
    await expect.poll(() => page.getByRole('checkbox', { name: 'Only followers can comment' }).isChecked()).toBe(true);
    expect(await comments.isChecked()).toBe(true);
  });

  it('closes comments on one article from its settings', async () => {
    const page = consolePage;
    await page.goto(`/console/accounts/${tea.appid}/comments`);
    await page.getByRole('combobox', { name: 'Article' }).selectOption(news.articles[0].id);
    const own = page.getByRole('group', { name: 'Who may comment on “春茶上市”' });
    await seen(own);
    expect(await own.getByLabel('All readers may comment').isChecked()).toBe(true);
    await own.getByLabel('Comments closed').check();
    await page.locator('.comment-audience').filter({ has: own }).getByRole('button', { name: 'Save' }).click();
    await seen(page.getByText('Settings saved'));
    await expect.poll(async () => rows(sql`select need_open_comment from articles where id = ${news.articles[0].id}`)).toEqual([{ need_open_comment: 0 }]);
    await page.waitForLoadState('networkidle');
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, 'en-03-article-settings');
  });
});
