
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeInBrowser, makeAccount } from '../harness.js';
import { makeOperator } from '../consoleFixtures.js';
import { addFollowers } from '../factories/audience.js';
import { makePublishedArticle } from '../factories/articles.js';
import { picture } from '../phoneBrowser.js';
import { massQuotaStatus } from '../../src/modules/broadcasts/commands/massQuotaReader.js';
import { chinaDay, nextChinaDayStart } from '../../src/platform/clock.js';
import { chromiumSuite } from './helpers.js';
import { axeProblems } from './axe.js';


describeInBrowser('publish, 发表记录, 历史消息 and scheduling in Chromium', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'publish', fullPage: true, publicUrl: true, page: { timeout: 30_000 } });

  it('publishes with and without 群发通知, lists both, schedules only where the quota allows, and shows a like at once', async () => {
    const op = await makeOperator(ui.h.services, { orgName: '莲花传媒' });
    const { appid, account } = await makeAccount(ui.h.services, { orgId: op.orgId, name: '莲花日报', type: 'subscription', verified: true });
    await addFollowers(ui.h.database, account.id, 2);
    const { page } = await ui.openPage({ locale: 'zh-CN' });
    await page.goto('/console');
    await page.getByLabel('邮箱').fill(op.email);
    await page.getByLabel('密码').fill(op.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '公众号' }).waitFor();

    // A cover in the material library, and two drafts that use it.
    await page.goto(`/console/accounts/${appid}/materials`);
    await page.getByTestId('material-file').setInputFiles({ name: 'lotus.png', mimeType: 'image/png', buffer: picture(900, 383) });
    await page.getByText('lotus.png').waitFor();
    const [cover] = await ui.h.database.rows<{ id: string }>(sql`select id from media where account_id = ${account.id} and origin = 'material'`);
    const quiet = await makePublishedArticle(ui.h.services.db, { accountId: account.id, published: false, state: 'draft', title: '荷塘月色', thumbMediaId: cover.id });
    const loud = await makePublishedArticle(ui.h.services.db, { accountId: account.id, published: false, state: 'draft', title: '夏日新茶上市', thumbMediaId: cover.id });

    // 发表 without 群发通知: published only, no quota used.
    await page.goto(`/console/accounts/${appid}/drafts/${quiet.group.id}`);
    await page.getByRole('button', { name: '发表', exact: true }).click();
    let dialog = page.getByRole('dialog', { name: '发表' });
    await dialog.getByTestId('publish-quota').waitFor();
    expect(await dialog.getByRole('checkbox', { name: /群发通知/ }).isChecked()).toBe(false);
    await ui.shot(page, 'zh-01-publish-confirm');
    expect(await axeProblems(page)).toEqual([]);
    await dialog.getByRole('button', { name: '发表', exact: true }).click();
    await page.waitForURL(/\/published$/, { timeout: 60_000 });
    const quietGroup = page.getByTestId('published-group').filter({ hasText: '荷塘月色' });
    await quietGroup.getByText('已发表，未通知粉丝').waitFor();
    expect((await massQuotaStatus(ui.h.services, account.id)).used).toBe(0);

    // 发表 with 群发通知: a push post to every follower, counted.
    await page.goto(`/console/accounts/${appid}/drafts/${loud.group.id}`);
    await page.getByRole('button', { name: '发表', exact: true }).click();
    dialog = page.getByRole('dialog', { name: '发表' });
    const notify = dialog.getByRole('checkbox', { name: /群发通知/ });
    await expect.poll(() => notify.isEnabled()).toBe(true);
    await notify.check();
    await dialog.getByRole('button', { name: '发表并群发' }).click();
    await page.waitForURL(/\/published$/, { timeout: 60_000 });
    const loudGroup = page.getByTestId('published-group').filter({ hasText: '夏日新茶上市' });
    await loudGroup.getByText('已群发通知').waitFor({ timeout: 60_000 });
    expect((await massQuotaStatus(ui.h.services, account.id)).used).toBe(1);
    // Newest first; each with its counts and revenue.
    expect(await page.getByTestId('published-group').first().textContent()).toContain('夏日新茶上市');
    for (const word of ['阅读', '点赞', '在看', '分享', '留言', '收入']) expect(await loudGroup.textContent()).toContain(word);
    // The published-only post could be pushed later, but today's push is used: the dialog says when.
    await quietGroup.getByRole('button', { name: '群发通知' }).click();
    dialog = page.getByRole('dialog', { name: '群发通知' });
    await dialog.getByText('群发次数已用完').waitFor();
    expect(await dialog.getByRole('button', { name: '群发通知', exact: true }).isDisabled()).toBe(true);
    await ui.shot(page, 'zh-02-push-later-no-quota');
    await dialog.getByRole('button', { name: '取消' }).click();
    await ui.shot(page, 'zh-03-publish-record');
    expect(await axeProblems(page)).toEqual([]);

    // 定时群发: today has no push left, so the first day offered is tomorrow (China time).
    const now = ui.h.services.clock.nowMs();
    await page.goto(`/console/accounts/${appid}/broadcasts`);
    await page.getByRole('radio', { name: /^文字/ }).check();
    await page.locator('textarea').first().fill('明天见');
    await page.getByRole('radio', { name: /^定时群发/ }).check();
    const day = page.getByLabel('日期（北京时间）');
    await day.waitFor();
    const days = await day.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(days).not.toContain(chinaDay(now));
    expect(days[0]).toBe(chinaDay(nextChinaDayStart(now)));
    await page.getByTestId('schedule-next').getByText('下次可群发时间').waitFor();
    await ui.shot(page, 'zh-04-schedule');
    expect(await axeProblems(page)).toEqual([]);

    // The clock moves to the next China day (simulator API): that day's push is free again.
    const advance = await fetch(`${ui.h.url}/sim/v1/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ seconds: Math.ceil((nextChinaDayStart(now) - now) / 1000) + 3600 }),
    });
    expect(advance.status).toBe(200);
    const later = ui.h.services.clock.nowMs();
    await page.reload();
    await page.getByRole('radio', { name: /^文字/ }).check();
    await page.getByRole('radio', { name: /^定时群发/ }).check();
    await expect.poll(async () => (await page.getByLabel('日期（北京时间）').locator('option').first().getAttribute('value'))).toBe(chinaDay(later + 5 * 60_000));

    // The phone: the profile's 历史消息 lists both, newest first; a like shows on the page at once.
    const phone = await ui.openPage({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const p = phone.page;
    await p.goto('/phone');
    await p.getByLabel('昵称').fill('李雷');
    await p.getByLabel('城市').fill('深圳');
    await p.getByRole('button', { name: '创建并继续' }).click();
    await p.getByRole('heading', { name: '微信' }).waitFor();
    await p.goto(`/phone/accounts/${appid}`);
    const history = p.getByRole('region', { name: '历史消息' });
    await history.getByText('荷塘月色').waitFor();
    expect(await history.locator('.ph-history-item-title').allTextContents()).toEqual(['夏日新茶上市', '荷塘月色']);
    await ui.shot(p, 'zh-05-phone-history');
    expect(await axeProblems(p)).toEqual([]);
    await history.getByRole('button', { name: /荷塘月色/ }).click();
    const frame = p.frameLocator('.ph-article-frame');
    await frame.locator('[data-count="like"]').waitFor();
    expect(await frame.locator('[data-count="like"]').textContent()).toBe('0');
    await p.getByRole('button', { name: '赞', exact: true }).click();
    await expect.poll(() => frame.locator('[data-count="like"]').textContent()).toBe('1');
    await p.getByRole('button', { name: '在看', exact: true }).click();
    await expect.poll(() => frame.locator('[data-count="wow"]').textContent()).toBe('1');
    await ui.shot(p, 'zh-06-phone-liked');

    // English labels.
    for (const pg of [page, p]) await pg.evaluate(() => localStorage.setItem('herald.language', 'en'));
    await page.goto(`/console/accounts/${appid}/published`);
    await page.getByTestId('published-group').filter({ hasText: '荷塘月色' }).getByText('Published, followers not notified').waitFor();
    await page.getByTestId('published-group').filter({ hasText: '夏日新茶上市' }).getByText('Followers notified').waitFor();
    expect(await page.getByTestId('published-group').filter({ hasText: '荷塘月色' }).textContent()).toMatch(/1\s*likes/);
    await ui.shot(page, 'en-03-publish-record');
    expect(await axeProblems(page)).toEqual([]);
    const draft = await makePublishedArticle(ui.h.services.db, { accountId: account.id, published: false, state: 'draft', title: 'Lotus pond', thumbMediaId: cover.id });
    await page.goto(`/console/accounts/${appid}/drafts/${draft.group.id}`);
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    dialog = page.getByRole('dialog', { name: 'Publish' });
    await dialog.getByRole('checkbox', { name: /Notify followers/ }).waitFor();
    await ui.shot(page, 'en-01-publish-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.goto(`/console/accounts/${appid}/broadcasts`);
    await page.getByRole('radio', { name: /^Text/ }).check();
    await page.getByRole('radio', { name: /^Schedule/ }).check();
    await page.getByLabel('Day (China time)').waitFor();
    await page.getByLabel('Time (China time, UTC+8)').waitFor();
    await ui.shot(page, 'en-04-schedule');
    await p.reload();
    await p.getByRole('region', { name: 'History' }).getByText('荷塘月色').waitFor();
    await ui.shot(p, 'en-05-phone-history');
  }, 300_000);
});
