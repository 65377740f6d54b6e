/**
 * Push posts in the console, in a real browser: the composer with the quota, a text push to
 * every follower of the demo subscription account running to done, the quota message on a
 * second push, a moderation block naming the category, a scheduled push cancelled, and the
 * platform settings pages. Screenshots go to test-results/broadcasts/.
 * Needs web/dist: `npm test` builds it; otherwise run `npm run build:web` first.
 */
import { beforeAll, expect, it } from 'vitest';
import { type Page } from 'playwright-core';
import { describeInBrowser, makeAccount } from '../harness.js';
import { seedDemo, DEMO_LOGIN, type DemoCredentials } from '../../src/main/demo/demoSeeder.js';
import { nextChinaDayStart } from '../../src/platform/clock.js';
import { makeOperator } from '../consoleFixtures.js';
import { makePublishedArticle } from '../factories/articles.js';
import { findAccountByAppid } from '../../src/modules/accounts/store/accounts.js';
import { addTagMembers, insertTag } from '../../src/modules/followers/store/tags.js';
import { insertAdEvent, insertDonation } from '../../src/modules/revenue/store.js';
import { follows } from '../../src/modules/followers/schema.js';
import { eq } from 'drizzle-orm';
import { chromiumSuite } from './helpers.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "25 Nov 00:00": how the console writes an instant in China time. */
function chinaShort(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

describeInBrowser('push posts in the console (Chromium)', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'broadcasts', fullPage: true, page: { timeout: 15_000, timezoneId: 'Europe/Berlin' } });
  let demo: DemoCredentials;

  beforeAll(async () => {
    // The demo without its weeks of history: the subscription account's three followers exactly.
    demo = await seedDemo(ui.h.services, { history: false });
  }, 60_000);

  const appidOf = (label: string) => demo.accounts.find((a) => a.label === label)!.appid;

  async function composeText(page: Page, text: string) {
    await page.getByRole('radio', { name: 'Text' }).check();
    await page.getByRole('textbox', { name: /^Text/ }).fill(text);
  }

  it('sends a text push to every follower, shows it run to done, then refuses a second one with the next possible time', async () => {
    const page = await ui.signedInPage(DEMO_LOGIN);
    const appid = appidOf('订阅号 莲花日报');
    await page.goto(`/console/accounts/${appid}`);
    await page.getByRole('tab', { name: 'Push posts' }).click();
    await page.waitForURL(new RegExp(`/console/accounts/${appid}/broadcasts$`));
    await expect.poll(() => page.getByTestId('push-quota').textContent()).toContain('0 of 1 push post used today');
    await composeText(page, 'Good morning! Today’s digest: five stories worth your coffee.');
    await expect.poll(() => page.getByTestId('push-reach').textContent()).toContain('3 followers');
    await ui.shot(page, '01-composer');

    await page.getByRole('button', { name: 'Send push post…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send this push post now?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('all followers (3 followers)');
    await ui.shot(page, '02-confirm');
    await dialog.getByRole('button', { name: 'Send now' }).click();

    const row = page.getByRole('row', { name: /Good morning/ });
    await row.getByText('Done').waitFor({ timeout: 30_000 });
    expect(await row.getByTestId('push-delivered').textContent()).toBe('3 / 3');
    const next = chinaShort(nextChinaDayStart(ui.h.services.clock.nowMs()));
    await expect.poll(() => page.getByTestId('push-quota').textContent()).toContain(`1 of 1 push post used today — next push possible ${next} (China time)`);
    await ui.shot(page, '03-history-done');

    await row.click();
    await page.waitForURL(/\/broadcasts\/\d+$/);
    expect(await page.getByTestId('count-delivered').textContent()).toBe('3');
    expect(await page.getByTestId('count-audience').textContent()).toBe('3');
    expect(await page.getByTestId('count-errors').textContent()).toBe('0');
    await ui.shot(page, '04-detail');

    await page.getByRole('link', { name: '← All push posts' }).click();
    await composeText(page, 'And one more thing…');
    await page.getByRole('button', { name: 'Send push post…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Send now' }).click();
    const refused = page.getByRole('status').filter({ hasText: 'No push posts left' }).filter({ hasText: 'next push is possible' });
    await refused.waitFor();
    expect(await refused.textContent()).toContain(`${next} (China time)`);
    await ui.shot(page, '05-quota-refused');
  }, 90_000);

  it('blocks a post with a prohibited term and names the category and the passage', async () => {
    const page = await ui.signedInPage(DEMO_LOGIN);
    const appid = appidOf('服务号 莲花咖啡');
    await page.goto(`/console/accounts/${appid}/broadcasts`);
    await expect.poll(() => page.getByTestId('push-quota').textContent()).toContain('0 of 4 push posts used this month');
    await composeText(page, 'Weekend special: try our new cold brew, and visit the best online casino in town!');
    await page.getByRole('button', { name: 'Send push post…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Send now' }).click();
    const blocked = page.getByRole('alert').filter({ hasText: 'Blocked by content moderation: Gambling or illegal activity' });
    await blocked.waitFor();
    expect(await blocked.locator('mark').textContent()).toBe('online casino');
    const violations = page.getByRole('table', { name: 'Content violations' });
    await violations.getByText('Gambling or illegal activity').waitFor();
    await ui.shot(page, '06-moderation-blocked');
  }, 60_000);

  it('schedules a push in China time and cancels it', async () => {
    const page = await ui.signedInPage(DEMO_LOGIN);
    const appid = appidOf('服务号 莲花咖啡');
    await page.goto(`/console/accounts/${appid}/broadcasts`);
    await composeText(page, 'Tomorrow: our new seasonal menu.');
    await page.getByRole('radio', { name: 'Schedule' }).check();
    // Only days and times with quota are offered: the first is chosen.
    const at = `${await page.getByLabel('Day (China time)').inputValue()}T${await page.getByLabel('Time (China time, UTC+8)').locator('option:checked').textContent()}`;
    await ui.shot(page, '07-schedule');
    await page.getByRole('button', { name: 'Schedule push post…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Schedule this push post?' });
    const [date, time] = at.split('T');
    const [, m, d] = date.split('-').map(Number);
    expect(await dialog.textContent()).toContain(`${d} ${MONTHS[m - 1]} ${time} China time`);
    await dialog.getByRole('button', { name: 'Schedule' }).click();

    const row = page.getByRole('row', { name: /Tomorrow: our new seasonal menu/ });
    await row.getByText('Scheduled').first().waitFor();
    await expect.poll(() => page.getByTestId('push-quota').textContent()).toContain('1 of 4');
    await row.click();
    await page.getByRole('button', { name: 'Cancel scheduled push' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel push post' }).click();
    await page.getByText('This push post was cancelled before it was sent.').waitFor();
    await ui.shot(page, '08-cancelled');
    await page.getByRole('link', { name: '← All push posts' }).click();
    await page.getByRole('row', { name: /Tomorrow/ }).getByText('Cancelled').waitFor();
    await expect.poll(() => page.getByTestId('push-quota').textContent()).toContain('0 of 4');
  }, 60_000);

  it('pushes a draft from the draft box to the followers of a tag', async () => {
    const appid = appidOf('服务号 莲花咖啡');
    const account = (await findAccountByAppid(ui.h.services.db, appid))!;
    await makePublishedArticle(ui.h.services.db, { accountId: account.id, published: false, state: 'draft', title: 'Autumn beans have arrived', digest: 'Three new single origins.' });
    const fans = await ui.h.services.db.select({ openid: follows.openid }).from(follows).where(eq(follows.accountId, account.id));
    await insertTag(ui.h.services.db, account.id, 100, 'Regulars', new Date());
    await addTagMembers(ui.h.services.db, account.id, 100, fans.slice(0, 2).map((f) => f.openid), new Date());

    const page = await ui.signedInPage(DEMO_LOGIN);
    await page.goto(`/console/accounts/${appid}/broadcasts`);
    await page.getByRole('radio', { name: 'Autumn beans have arrived' }).check();
    await page.getByRole('radio', { name: 'Followers with a tag' }).check();
    await page.getByLabel('Tag', { exact: true }).selectOption({ label: 'Regulars (2)' });
    await expect.poll(() => page.getByTestId('push-reach').textContent()).toContain('2 followers');
    await ui.shot(page, '09-draft-to-tag');
    await page.getByRole('button', { name: 'Send push post…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send this push post now?' });
    expect(await dialog.textContent()).toContain('“Autumn beans have arrived” goes to followers tagged “Regulars” (2 followers)');
    await dialog.getByRole('button', { name: 'Send now' }).click();
    const row = page.getByRole('row', { name: /Autumn beans have arrived/ });
    await row.getByText('Done').waitFor({ timeout: 30_000 });
    expect(await row.getByTestId('push-delivered').textContent()).toBe('2 / 2');
    expect(await row.textContent()).toContain('Tag “Regulars”');
    await ui.shot(page, '10-draft-sent');
  }, 60_000);

  it('asks before pushing a reprint of another account’s original, and sends it when confirmed', async () => {
    const appid = appidOf('服务号 莲花咖啡');
    const account = (await findAccountByAppid(ui.h.services.db, appid))!;
    const other = await makeAccount(ui.h.services, { name: 'Bean Journal' });
    const { article: original } = await makePublishedArticle(ui.h.services.db, { accountId: other.account.id, title: 'A guide to pour-over', original: true, canReprint: true });
    await makePublishedArticle(ui.h.services.db, { accountId: account.id, published: false, state: 'draft', title: 'Reposted: a guide to pour-over', reprintOf: original.id });

    const page = await ui.signedInPage(DEMO_LOGIN);
    await page.goto(`/console/accounts/${appid}/broadcasts`);
    await page.getByRole('radio', { name: 'Reposted: a guide to pour-over' }).check();
    await page.getByRole('button', { name: 'Send push post…' }).click();
    await page.getByRole('dialog', { name: 'Send this push post now?' }).getByRole('button', { name: 'Send now' }).click();
    const ask = page.getByRole('dialog', { name: 'This push post reprints original articles' });
    await ask.waitFor();
    await ui.shot(page, '11-reprint-confirm');
    await ask.getByRole('button', { name: 'Send anyway as a reprint' }).click();
    await page.getByRole('row', { name: /Reposted: a guide to pour-over/ }).getByText('Done').waitFor({ timeout: 30_000 });
  }, 60_000);

  it('shows the platform settings to a platform administrator', async () => {
    const page = await ui.signedInPage(DEMO_LOGIN);
    await page.getByRole('link', { name: 'Content moderation' }).click();
    const terms = page.getByLabel('Terms for Gambling or illegal activity');
    await terms.waitFor();
    expect(await terms.inputValue()).toContain('online casino');
    await terms.fill(`${await terms.inputValue()}\nlucky jackpot club`);
    await page.getByRole('button', { name: 'Save term lists' }).click();
    await page.getByText('Term lists saved').waitFor();
    await ui.shot(page, '12-admin-terms');
    await page.getByRole('tab', { name: 'ICP-filed domains' }).click();
    await page.getByRole('textbox', { name: 'Domains' }).waitFor();
    await ui.shot(page, '13-admin-icp');
  }, 60_000);

  it('hides the platform settings from operators who are not platform administrators', async () => {
    const op = await makeOperator(ui.h.services, { orgName: 'Side Street Media' });
    const page = await ui.signedInPage(op);
    expect(await page.getByRole('link', { name: 'Content moderation' }).count()).toBe(0);
    await page.goto('/console/admin/moderation');
    await page.getByText('Platform administrators only').waitFor();
    expect(await page.getByRole('textbox').count()).toBe(0);
  }, 60_000);

  it('shows donations and ad revenue', async () => {
    const appid = appidOf('订阅号 莲花日报');
    const account = (await findAccountByAppid(ui.h.services.db, appid))!;
    const { article } = await makePublishedArticle(ui.h.services.db, { accountId: account.id, title: 'Why we roast light', original: true, donationsEnabled: true, adsEnabled: true });
    const [fan] = await ui.h.services.db.select({ userId: follows.userId }).from(follows).where(eq(follows.accountId, account.id));
    const now = new Date();
    await insertDonation(ui.h.services.db, { articleId: article.id, accountId: account.id, userId: fan.userId, amountFen: 888, message: 'Great read!', now });
    await insertDonation(ui.h.services.db, { articleId: article.id, accountId: account.id, userId: fan.userId, amountFen: 200, message: '', now });
    for (let i = 0; i < 40; i++) await insertAdEvent(ui.h.services.db, { articleId: article.id, accountId: account.id, adId: 'ad-1', kind: 'impression', revenueFen: 5, now });
    for (let i = 0; i < 3; i++) await insertAdEvent(ui.h.services.db, { articleId: article.id, accountId: account.id, adId: 'ad-1', kind: 'click', revenueFen: 50, now });

    const page = await ui.signedInPage(DEMO_LOGIN);
    await page.goto(`/console/accounts/${appid}/revenue`);
    await page.getByRole('table', { name: 'Recent donations' }).getByText('Great read!').waitFor();
    expect(await page.locator('.stats').textContent()).toContain('¥10.88');
    expect(await page.locator('.stats').textContent()).toContain('¥3.50');
    await ui.shot(page, '14-revenue');
  }, 60_000);
});
