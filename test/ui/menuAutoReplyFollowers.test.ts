/**
 * The custom menu editor, auto-replies and followers pages in a real browser (Debian's Chromium
 * through playwright-core), against a listening Herald. Screenshots go to
 * test-results/menu-autoreply-followers/. Needs web/dist (`npm run build:web`).
 */
import { expect, it } from 'vitest';
import { type Page } from 'playwright-core';
import { describeInBrowser, makeAccount } from '../harness.js';
import { makeOperator } from '../consoleFixtures.js';
import { startDevServer } from '../devServer.js';
import { createFollowerUser, type FollowerUserInput } from '../../src/modules/followers/commands/followerUserCreator.js';
import { followAccount } from '../../src/modules/followers/commands/followAccount.js';
import { configureServer } from '../../src/modules/callbacks/commands/serverConfigurator.js';
import { getCurrentMenu } from '../../src/modules/menus/store.js';
import { loadAutoReplyRules } from '../../src/modules/autoreplies/store.js';
import { matchAutoReply } from '../../src/modules/autoreplies/rules.js';
import { isBlacklisted } from '../../src/modules/followers/store/blacklist.js';
import { tagIdsOf } from '../../src/modules/followers/store/tags.js';
import { chromiumSuite } from './helpers.js';
import { linkMiniProgram } from '../factories/miniprograms.js';

describeInBrowser('menu editor, auto-replies and followers in Chromium', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'menu-autoreply-followers', fullPage: true, page: { timeout: 10_000 } });

  async function follower(appid: string, profile: FollowerUserInput): Promise<string> {
    const user = await createFollowerUser(ui.h.services, profile);
    const openid = await followAccount(ui.h.services, user.id, appid);
    // Distinct follow times keep the table's order (newest first) predictable.
    ui.h.services.clock.advance(1000);
    return openid;
  }

  /** The form card of the selected menu button. */
  const editor = (page: Page) => page.locator('.menu-side');

  it('builds a menu with a sub-menu and several button types, publishes it, and shows it after a reload', async () => {
    const op = await makeOperator(ui.h.services, { orgName: 'Lotus Tea' });
    const { appid, account } = await makeAccount(ui.h.services, { orgId: op.orgId, name: 'Lotus Tea House', type: 'service', verified: true });
    // The Shop button's mini program is linked to the account (85005 otherwise).
    await linkMiniProgram(ui.h.services.db, account.id, { appid: 'wx0123456789abcdef', name: 'Lotus Tea Shop' });
    const page = await ui.signedInPage(op);
    await page.goto(`/console/accounts/${appid}/menu`);
    await page.getByText('No menu is published').waitFor();

    await page.getByRole('button', { name: '+ Add a button' }).click();
    await editor(page).getByLabel('Name').fill('Today');
    await editor(page).getByLabel('Key').fill('TODAY');

    await page.getByRole('button', { name: 'Add a menu button' }).click();
    await editor(page).getByLabel('Name').fill('More');
    await editor(page).getByRole('button', { name: 'Turn into a sub-menu' }).click();
    await page.getByRole('heading', { name: 'Button 2 › Sub-button 1' }).waitFor();
    await editor(page).getByLabel('Name').fill('Website');
    await editor(page).getByLabel('Type').selectOption('view');
    await editor(page).getByLabel('URL').fill('https://example.com/');

    await page.getByRole('button', { name: 'Add a sub-button to More' }).click();
    await page.getByRole('heading', { name: 'Button 2 › Sub-button 2' }).waitFor();
    await editor(page).getByLabel('Name').fill('Shop');
    await editor(page).getByLabel('Type').selectOption('miniprogram');
    await editor(page).getByLabel('Mini Program AppID').fill('wx0123456789abcdef');
    await editor(page).getByLabel('Page path').fill('pages/shop/index');
    await editor(page).getByLabel('URL').fill('https://example.com/shop');

    await page.getByRole('button', { name: 'Add a sub-button to More' }).click();
    await editor(page).getByLabel('Name').fill('Scan a code');
    await editor(page).getByLabel('Type').selectOption('scancode_push');
    await editor(page).getByLabel('Key').fill('SCAN');

    await page.getByRole('button', { name: 'Add a menu button' }).click();
    await editor(page).getByLabel('Name').fill('Photo');
    await editor(page).getByLabel('Type').selectOption('pic_photo_or_album');
    await editor(page).getByLabel('Key').fill('PHOTO');
    // The bar is full: no more + on it.
    expect(await page.getByRole('button', { name: 'Add a menu button' }).count()).toBe(0);

    // A name too long for the bar is flagged as typed, worded as the server would.
    await page.getByRole('toolbar', { name: 'Menu bar' }).getByRole('button', { name: 'Today' }).click();
    await editor(page).getByLabel('Name').fill('A name far too long');
    await editor(page).getByText('Button 1: name is longer than 16 bytes (40018)').waitFor();
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('The menu was not published').waitFor();
    await ui.shot(page, '01-menu-invalid-name');
    expect(await getCurrentMenu(ui.h.services.db, account.id)).toBeNull();

    await editor(page).getByLabel('Name').fill('Today');
    await page.getByRole('button', { name: 'More' }).click();
    await ui.shot(page, '02-menu-editor');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Menu published.').waitFor();

    const stored = await getCurrentMenu(ui.h.services.db, account.id);
    expect(stored?.default.source).toBe('console');
    expect(stored?.default.buttons).toEqual([
      { type: 'click', name: 'Today', key: 'TODAY', sub_button: [] },
      {
        name: 'More',
        sub_button: [
          { type: 'view', name: 'Website', url: 'https://example.com/', sub_button: [] },
          { type: 'miniprogram', name: 'Shop', url: 'https://example.com/shop', appid: 'wx0123456789abcdef', pagepath: 'pages/shop/index', sub_button: [] },
          { type: 'scancode_push', name: 'Scan a code', key: 'SCAN', sub_button: [] },
        ],
      },
      { type: 'pic_photo_or_album', name: 'Photo', key: 'PHOTO', sub_button: [] },
    ]);

    await page.reload();
    await page.getByText(/Published .* through the console/).waitFor();
    const bar = page.getByRole('toolbar', { name: 'Menu bar' });
    expect(await bar.locator('.phone-slot > .phone-btn').allTextContents()).toEqual(['Today', 'More', 'Photo']);
    // A button with a sub-menu carries the three lines the phone draws before its name.
    expect(await bar.locator('.phone-slot > .phone-btn', { hasText: 'More' }).locator('.wx-menu-lines').count()).toBe(1);
    await bar.getByRole('button', { name: 'More' }).click();
    expect(await page.getByRole('menu', { name: 'More sub-menu' }).getByRole('menuitem').allTextContents()).toEqual(['Website', 'Shop', 'Scan a code']);
    await page.getByRole('menuitem', { name: 'Shop' }).click();
    expect(await editor(page).getByLabel('Page path').inputValue()).toBe('pages/shop/index');
    await ui.shot(page, '03-menu-published');
    // The last button's (empty) sub-menu stays on the phone's screen.
    await bar.getByRole('button', { name: 'Photo' }).click();
    // Empty, it holds only the + (a menu with no items is not drawn as one).
    const popup = await page.locator('.phone-sub', { has: page.getByRole('button', { name: 'Add a sub-button to Photo' }) }).boundingBox();
    const screen = await page.locator('.phone-screen').boundingBox();
    expect(popup!.x + popup!.width).toBeLessThanOrEqual(screen!.x + screen!.width);
    await page.locator('.phone').screenshot({ path: ui.shotPath('03b-menu-last-button') });
  }, 90_000);

  it('shows the menu and auto-replies read-only while a developer server is enabled', async () => {
    const op = await makeOperator(ui.h.services);
    const { appid, account } = await makeAccount(ui.h.services, { orgId: op.orgId, name: 'Dev Owned', type: 'service', verified: true });
    const page = await ui.signedInPage(op);
    await page.goto(`/console/accounts/${appid}/menu`);
    await page.getByRole('button', { name: '+ Add a button' }).click();
    await editor(page).getByLabel('Name').fill('Hello');
    await editor(page).getByLabel('Key').fill('HELLO');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Menu published.').waitFor();

    const server = await startDevServer({ token: 'ownedtoken' });
    ui.onClose(server.close);
    await configureServer(ui.h.services, account.id, { url: server.url, token: 'ownedtoken', mode: 'plaintext' });

    await page.reload();
    await page.getByText('Read-only: your developer server owns this menu').waitFor();
    await page.getByText('/cgi-bin/menu/create').waitFor();
    expect(await page.getByRole('button', { name: 'Publish' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add a menu button' }).count()).toBe(0);
    expect(await editor(page).getByLabel('Name').getAttribute('readonly')).not.toBeNull();
    expect(await editor(page).getByLabel('Key').inputValue()).toBe('HELLO');
    await ui.shot(page, '04-menu-read-only');
    await page.getByRole('link', { name: 'Open Developer settings' }).click();
    await page.getByRole('heading', { name: 'Server configuration' }).waitFor();

    await page.goto(`/console/accounts/${appid}/auto-replies`);
    await page.getByText('Read-only: your developer server answers messages').waitFor();
    expect(await page.getByRole('button', { name: 'Save' }).count()).toBe(0);
  }, 60_000);

  it('creates a keyword rule and the replies on follow and to other messages', async () => {
    const op = await makeOperator(ui.h.services);
    const { appid, account } = await makeAccount(ui.h.services, { orgId: op.orgId, name: 'Lotus Tea House', type: 'subscription', verified: false });
    const page = await ui.signedInPage(op);
    await page.goto(`/console/accounts/${appid}/auto-replies`);

    // Reply on follow.
    await page.getByRole('tab', { name: 'Reply on follow' }).waitFor();
    await page.getByLabel('Text', { exact: true }).fill('Welcome to Lotus Tea House! Reply “hours” for our opening times.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Follow reply saved').waitFor();
    await page.getByText('On', { exact: true }).waitFor();
    await ui.shot(page, '05b-follow-reply');

    // A keyword rule: two keywords (exact and contains), two replies, one at random.
    await page.getByRole('tab', { name: /Keyword replies/ }).click();
    await page.getByRole('button', { name: '+ Add rule' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Rule name').fill('Opening hours');
    await dialog.getByLabel('Keywords').fill('x'.repeat(31));
    await dialog.getByLabel('Keywords').press('Enter');
    await dialog.getByText('Keyword 1 is longer than 30 characters.').waitFor();
    await dialog.getByRole('button', { name: `Remove keyword ${'x'.repeat(31)}` }).click();
    await dialog.getByLabel('Keywords').fill('hours');
    await dialog.getByLabel('Keywords').press('Enter');
    await dialog.getByLabel('Keywords').fill('open');
    await dialog.getByRole('button', { name: 'Add keyword' }).click();
    await dialog.getByRole('button', { name: 'open: exact match (switch to contains)' }).click();
    await dialog.getByRole('button', { name: 'open: contains match (switch to exact)' }).waitFor();
    await dialog.getByLabel('One at random').check();
    await dialog.screenshot({ path: ui.shotPath('05a-keyword-rule-dialog-top') });
    await dialog.getByLabel('Text', { exact: true }).fill('We are open 9:00–18:00, Monday to Saturday.');
    await dialog.getByRole('button', { name: '+ Add reply' }).click();
    const second = dialog.getByTestId('reply-card').nth(1);
    await second.getByRole('radio', { name: 'Link card' }).click();
    await second.getByLabel('Title').fill('Visit us');
    await second.getByLabel('Link').fill('not a link');
    await dialog.getByRole('button', { name: 'Add rule' }).click();
    await dialog.getByText('Link must be a full http:// or https:// link.').waitFor();
    await second.getByLabel('Link').fill('https://example.com/visit');
    await ui.shot(page, '05-keyword-rule-dialog');
    await dialog.getByRole('button', { name: 'Add rule' }).click();
    await page.getByText('Rule added').waitFor();
    const row = page.getByRole('row', { name: /Opening hours/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('2 replies · one at random');

    // The message reply.
    await page.getByRole('tab', { name: 'Message reply' }).click();
    await page.getByLabel('Text', { exact: true }).fill('Thanks for your message! We reply within a day.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Message reply saved').waitFor();
    await page.getByRole('tab', { name: /Keyword replies/ }).click();
    await row.waitFor();
    await ui.shot(page, '06-keyword-rules');

    const rules = await loadAutoReplyRules(ui.h.services.db, account.id);
    expect(matchAutoReply(rules, { kind: 'subscribe' })).toEqual([{ type: 'text', content: 'Welcome to Lotus Tea House! Reply “hours” for our opening times.' }]);
    expect(matchAutoReply(rules, { kind: 'message', msgType: 'text', text: 'HOURS' }, () => 0)).toEqual([{ type: 'text', content: 'We are open 9:00–18:00, Monday to Saturday.' }]);
    expect(matchAutoReply(rules, { kind: 'message', msgType: 'text', text: 'are you open today?' }, () => 0.9)).toEqual([
      { type: 'news', title: 'Visit us', description: '', url: 'https://example.com/visit', picurl: '' },
    ]);
    expect(matchAutoReply(rules, { kind: 'message', msgType: 'image' })).toEqual([{ type: 'text', content: 'Thanks for your message! We reply within a day.' }]);

    // This unverified subscription account cannot have a menu: the menu page says so.
    await page.getByRole('tab', { name: 'Custom menu' }).click();
    await page.getByText('Custom menus are not available for this account').waitFor();
    await page.getByText('Unverified subscription accounts cannot have a custom menu').waitFor();
    expect(await page.getByRole('button', { name: 'Publish' }).count()).toBe(0);
  }, 60_000);

  it('searches followers, tags two and filters by the tag, blacklists one, and edits a remark', async () => {
    const op = await makeOperator(ui.h.services);
    const { appid, account } = await makeAccount(ui.h.services, { orgId: op.orgId, name: 'Lotus Tea House', type: 'service', verified: true });
    const mei = await follower(appid, { nickname: 'Li Mei', country: 'China', province: 'Guangdong', city: 'Shenzhen', language: 'zh_CN' });
    const tom = await follower(appid, { nickname: 'Tom Baker', country: 'United Kingdom', city: 'London', language: 'en' });
    const wei = await follower(appid, { nickname: '王伟', country: 'China', province: 'Zhejiang', city: 'Hangzhou' });
    const anna = await follower(appid, { nickname: 'Anna Schmidt', country: 'Germany', city: 'Berlin', language: 'de' });
    const page = await ui.signedInPage(op);
    await page.goto(`/console/accounts/${appid}/followers`);

    const table = page.getByRole('table', { name: 'Followers' });
    await table.getByRole('row', { name: /Anna Schmidt/ }).waitFor();
    expect(await table.locator('tbody tr').count()).toBe(4);
    await page.getByText('All followers · 4 followers').waitFor();

    await page.getByLabel('Search followers').fill('li mei');
    await page.getByText('matching “li mei”').waitFor();
    expect(await table.locator('tbody tr').count()).toBe(1);
    expect(await table.locator('tbody tr').first().textContent()).toContain('China · Guangdong · Shenzhen');
    await page.getByLabel('Search followers').fill(anna);
    await page.getByText(`matching “${anna}”`).waitFor();
    expect(await table.locator('tbody tr').count()).toBe(1);
    await page.getByLabel('Search followers').fill('');
    await page.getByText('All followers · 4 followers').waitFor();

    // A tag from the sidebar.
    await page.getByLabel('New tag name').fill('VIP');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByText('Tag “VIP” created').waitFor();

    // Tag two followers at once.
    await page.getByLabel('Select Tom Baker').check();
    await page.getByLabel('Select Anna Schmidt').check();
    await page.getByText('2 selected').waitFor();
    await page.getByLabel('Tag for selected followers').selectOption({ label: 'VIP' });
    await page.getByRole('button', { name: 'Add tag' }).click();
    await page.getByText('Tagged 2 followers with “VIP”').waitFor();
    const tagged = await tagIdsOf(ui.h.services.db, account.id, [tom, anna, mei]);
    expect(tagged.get(tom)).toEqual([100]);
    expect(tagged.get(anna)).toEqual([100]);
    expect(tagged.get(mei)).toBeUndefined();

    // Filter by the tag.
    const panel = page.getByRole('navigation', { name: 'Filter followers' });
    await panel.getByRole('button', { name: /^VIP\s*2$/ }).click();
    await page.getByText('VIP · 2 followers').waitFor();
    expect((await table.locator('tbody tr').allTextContents()).join(' ')).not.toContain('Li Mei');
    await ui.shot(page, '07-followers-tag-filter');

    // Blacklist one.
    await panel.getByRole('button', { name: /All followers/ }).click();
    await page.getByText('All followers · 4 followers').waitFor();
    await page.getByLabel('Select Li Mei').check();
    await page.getByRole('button', { name: 'Blacklist', exact: true }).click();
    await page.getByText('Blacklisted 1 follower').waitFor();
    await table.getByRole('row', { name: /Li Mei/ }).getByText('Blacklisted').waitFor();
    expect(await isBlacklisted(ui.h.services.db, account.id, mei)).toBe(true);
    await panel.getByRole('button', { name: /^Blacklist\s*1$/ }).click();
    await page.getByText('Blacklist · 1 follower').waitFor();
    expect(await table.locator('tbody tr').count()).toBe(1);

    // A remark, edited in place, then found by search.
    await panel.getByRole('button', { name: /All followers/ }).click();
    await page.getByRole('button', { name: 'Add a remark for 王伟' }).click();
    await page.getByLabel('Remark for 王伟').fill('Wholesale buyer');
    await page.getByLabel('Remark for 王伟').press('Enter');
    await page.getByText('Remark saved').waitFor();
    await page.getByLabel('Search followers').fill('wholesale');
    await page.getByText('matching “wholesale”').waitFor();
    expect(await table.locator('tbody tr').count()).toBe(1);
    expect(await table.locator('tbody tr').first().textContent()).toContain('王伟');
    void wei;
    await page.getByLabel('Search followers').fill('');
    await page.getByText('All followers · 4 followers').waitFor();
    await page.getByLabel('Select Tom Baker').check();
    await ui.shot(page, '08-followers');
  }, 90_000);
});
