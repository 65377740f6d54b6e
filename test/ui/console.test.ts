/**
 * The operator console in a real browser (Debian's Chromium through playwright-core), against
 * a listening Herald and real developer servers on loopback. Screenshots go to test-results/.
 * Needs web/dist: `npm test` builds it; otherwise run `npm run build:web` first.
 */
import { expect, it } from 'vitest';
import { describeInBrowser, makeAccount } from '../harness.js';
import { makeOperator } from '../consoleFixtures.js';
import { findAccountByAppid } from '../../src/modules/accounts/store/accounts.js';
import { secretMatches } from '../../src/protocol/ids.js';
import { createFollowerUser } from '../../src/modules/followers/commands/followerUserCreator.js';
import { followAccount } from '../../src/modules/followers/commands/followAccount.js';
import { sendUserMessage } from '../../src/modules/messaging/commands/userMessageSender.js';
import { chromiumSuite, echoReply, replyingServer } from './helpers.js';

describeInBrowser('operator console in Chromium', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'console', fullPage: true, page: { timeout: 10_000 } });

  it('signs in: a wrong password shows an error, the right one opens the accounts list', async () => {
    const op = await makeOperator(ui.h.services, { orgName: 'Lotus Media' });
    const { appid } = await makeAccount(ui.h.services, { orgId: op.orgId, name: 'Lotus Daily', type: 'subscription', verified: false });
    const { page } = await ui.openPage();

    await page.goto('/console/accounts');
    await page.waitForURL(/\/console\/login\?next=%2Fconsole%2Faccounts$/);
    await page.getByLabel('Email').fill(op.email);
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Incorrect email or password.' }).waitFor();
    expect(page.url()).toMatch(/\/console\/login/);
    await ui.shot(page, '01-login-error');

    await page.getByLabel('Password').fill(op.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/console\/accounts$/);
    const row = page.getByRole('row', { name: /Lotus Daily/ });
    await row.waitFor();
    expect(await row.textContent()).toContain(appid);
    expect(await page.locator('.topbar').textContent()).toContain('Lotus Media');
    await ui.shot(page, '02-accounts');

    // A reload keeps the session (cookie), and signing out ends it.
    await page.reload();
    await page.getByRole('heading', { name: 'Official accounts' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/console\/login/);
    await page.goto('/console/accounts');
    await page.waitForURL(/\/console\/login/);
  }, 60_000);

  it('creates an account and shows its AppSecret once', async () => {
    const op = await makeOperator(ui.h.services);
    const page = await ui.signedInPage(op);
    await page.getByRole('button', { name: 'Create your first account' }).waitFor();
    await page.getByRole('button', { name: '+ New account' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Subscription account').check();
    await dialog.getByLabel('Name').fill('Morning Brew');
    await dialog.getByLabel('WeChat ID').fill('1bad');
    await dialog.getByRole('button', { name: 'Create account' }).click();
    await dialog.getByText('WeChat ID must be 6 to 20').waitFor();
    await dialog.getByLabel('WeChat ID').fill('morning_brew');
    await ui.shot(page, '03-create-account', false);
    await dialog.getByRole('button', { name: 'Create account' }).click();

    await page.getByRole('heading', { name: 'Morning Brew is ready' }).waitFor();
    const secret = (await page.getByTestId('new-secret').textContent()) ?? '';
    const appid = (await page.getByTestId('new-appid').textContent()) ?? '';
    expect(secret).toMatch(/^[0-9a-f]{32}$/);
    const row = (await findAccountByAppid(ui.h.services.db, appid))!;
    expect(row.orgId).toBe(op.orgId);
    expect(row.type).toBe('subscription');
    expect(secretMatches(secret, row.secretSalt, row.secretHash)).toBe(true);
    await ui.shot(page, '04-account-created', false);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ui.h.url });
    await page.getByRole('button', { name: 'Copy AppSecret' }).click();
    await page.getByText('AppSecret copied to the clipboard').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

    await page.getByRole('button', { name: 'I have stored the secret' }).click();
    await page.waitForURL(new RegExp(`/console/accounts/${appid}$`));
    await page.getByRole('heading', { name: 'Morning Brew', exact: true }).waitFor();
    // The account opens on its home; the secret's hint is in Developer settings.
    await page.getByRole('tab', { name: 'Developer settings' }).click();
    await page.waitForURL(new RegExp(`/console/accounts/${appid}/developer$`));
    // The secret is not on the page any more; only its last four characters.
    expect(await page.content()).not.toContain(secret);
    expect(await page.getByTestId('secret-hint').textContent()).toContain(secret.slice(-4));
  }, 60_000);

  it('developer settings: AppSecret reset, IP whitelist, server verification', async () => {
    const good = await replyingServer(echoReply);
    const wrong = await replyingServer(echoReply, () => 'hello');
    ui.onClose(good.close);
    ui.onClose(wrong.close);
    const op = await makeOperator(ui.h.services);
    const { appid, secret: oldSecret } = await makeAccount(ui.h.services, { orgId: op.orgId, name: 'Herald Coffee', type: 'service', verified: true });
    const page = await ui.signedInPage(op);
    await page.getByRole('row', { name: /Herald Coffee/ }).click();
    await page.waitForURL(new RegExp(`/console/accounts/${appid}$`));
    await page.getByRole('tab', { name: 'Developer settings' }).click();
    expect(await page.getByTestId('appid').textContent()).toBe(appid);

    // AppSecret reset: confirm, then the new secret is shown once.
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await page.getByRole('heading', { name: 'Reset the AppSecret?' }).waitFor();
    await ui.shot(page, '05-reset-confirm', false);
    await page.getByRole('button', { name: 'Reset AppSecret' }).click();
    await page.getByRole('heading', { name: 'New AppSecret' }).waitFor();
    const newSecret = (await page.getByTestId('new-secret').textContent()) ?? '';
    expect(newSecret).toMatch(/^[0-9a-f]{32}$/);
    const row = (await findAccountByAppid(ui.h.services.db, appid))!;
    expect(secretMatches(newSecret, row.secretSalt, row.secretHash)).toBe(true);
    expect(secretMatches(oldSecret, row.secretSalt, row.secretHash)).toBe(false);
    await ui.shot(page, '06-new-secret', false);
    await page.getByRole('button', { name: 'I have stored the secret' }).click();
    expect(await page.getByTestId('secret-hint').textContent()).toContain(newSecret.slice(-4));

    // IP whitelist: a bad entry is explained; a good list is saved in canonical form.
    const whitelist = page.getByLabel('Addresses');
    await whitelist.fill('203.0.113.7\nnot-an-ip');
    await page.getByRole('button', { name: 'Save whitelist' }).click();
    await page.getByText('"not-an-ip" is not an IPv4 or IPv6 address or CIDR range.').waitFor();
    await ui.shot(page, '07-whitelist-error', false);
    expect((await findAccountByAppid(ui.h.services.db, appid))?.ipWhitelist).toEqual([]);
    await whitelist.fill('203.0.113.7\n10.0.0.0/8');
    await page.getByRole('button', { name: 'Save whitelist' }).click();
    await page.getByText('IP whitelist saved (2 entries)').waitFor();
    expect((await findAccountByAppid(ui.h.services.db, appid))?.ipWhitelist).toEqual(['203.0.113.7', '10.0.0.0/8']);

    // Server configuration against a server that answers the wrong thing: the reason is shown.
    await page.getByLabel('URL').fill(wrong.url);
    await page.getByLabel('Token').fill('herald2024');
    await page.getByRole('button', { name: 'Verify and save' }).click();
    const result = page.getByTestId('server-result');
    await result.getByText('Verification failed').waitFor();
    expect(await result.textContent()).toContain("answered 'hello' instead of the echostr");
    await result.scrollIntoViewIfNeeded();
    await ui.shot(page, '08-server-failed', false);
    expect((await findAccountByAppid(ui.h.services.db, appid))?.serverEnabled).toBe(false);

    // Safe mode needs a key: generate one, then verify against the good server.
    await page.getByLabel('Safe').check();
    await page.getByRole('button', { name: 'Generate' }).nth(1).click();
    const key = await page.getByLabel('EncodingAESKey').inputValue();
    expect(key).toMatch(/^[A-Za-z0-9]{43}$/);
    await page.getByLabel('URL').fill(good.url);
    await page.getByRole('button', { name: 'Verify and save' }).click();
    await result.getByText('Verification succeeded').waitFor();
    await page.getByText('● Enabled · verified').waitFor();
    const saved = (await findAccountByAppid(ui.h.services.db, appid))!;
    expect(saved).toMatchObject({ serverUrl: good.url, serverToken: 'herald2024', serverAesKey: key, serverMode: 'safe', serverEnabled: true });
    await ui.shot(page, '09-developer-settings');

    // The capability table lists what a verified service account may call, and says which
    // groups Herald does not serve yet (they answer as if the API did not exist).
    const caps = page.getByRole('table', { name: 'API permissions' });
    expect(await caps.getByRole('row', { name: /Mass send to openid list/ }).textContent()).toContain('Available');
    expect(await caps.getByRole('row', { name: /Template messages/ }).textContent()).toContain('Available');
    expect(await caps.getByRole('row', { name: /JS-SDK share/ }).textContent()).toContain('Not yet served by Herald');
  }, 90_000);

  it('callback inspector: deliveries with their attempts, the parsed reply, and re-send', async () => {
    const dev = await replyingServer(echoReply);
    ui.onClose(dev.close);
    const received = () => dev.requests.filter((r) => r.method === 'POST').map((r) => r.body);
    const op = await makeOperator(ui.h.services);
    const { appid } = await makeAccount(ui.h.services, { orgId: op.orgId, name: 'Herald Tea', type: 'service', verified: true });
    const page = await ui.signedInPage(op);
    await page.goto(`/console/accounts/${appid}/developer`);
    await page.getByLabel('URL').fill(dev.url);
    await page.getByLabel('Token').fill('teatoken1');
    await page.getByLabel('Plaintext').check();
    await page.getByRole('button', { name: 'Verify and save' }).click();
    await page.getByTestId('server-result').getByText('Verification succeeded').waitFor();

    await page.getByRole('tab', { name: 'Callback inspector' }).click();
    await page.getByText('No deliveries yet').waitFor();

    // A follower follows and writes; the worker pushes both to the developer server.
    const user = await createFollowerUser(ui.h.services, { nickname: 'Mei' });
    const openid = await followAccount(ui.h.services, user.id, appid);
    const sent = await sendUserMessage(ui.h.services, user.id, appid, { msgtype: 'text', content: 'One oolong, please' });

    // The list refreshes by itself.
    const rows = page.getByRole('table', { name: 'Deliveries' }).locator('tbody tr');
    await expect.poll(async () => rows.count(), { timeout: 15_000 }).toBe(2);
    const textRow = page.locator(`tr[data-key="${sent.deliveryId}"]`);
    await expect.poll(async () => textRow.textContent(), { timeout: 15_000 }).toContain('delivered');
    expect(await textRow.textContent()).toContain('Replied');
    expect(await textRow.textContent()).toContain(openid);
    const subscribeRow = rows.filter({ hasText: 'subscribe' });
    await expect.poll(async () => subscribeRow.textContent(), { timeout: 15_000 }).toContain('delivered');
    await ui.shot(page, '10-inspector-list');

    await textRow.click();
    await page.waitForURL(new RegExp(`/callbacks/${sent.deliveryId}$`));
    const detail = page.locator('.delivery-detail');
    const attempt = detail.getByTestId('attempt');
    await attempt.first().waitFor();
    const attemptText = (await attempt.first().textContent()) ?? '';
    expect(attemptText).toContain('Attempt 1');
    expect(attemptText).toContain('OK');
    expect(attemptText).toContain(`POST ${dev.url}?`);
    expect(attemptText).toContain('One oolong, please');
    expect(attemptText).toContain('HTTP 200');
    expect(attemptText).toContain('You said: One oolong, please');
    expect(attemptText).toMatch(/\d+ ms/);
    expect(await detail.getByLabel('Parsed reply').textContent()).toContain('You said: One oolong, please');
    expect(await detail.getByLabel('Payload').textContent()).toContain(`<MsgId>${sent.msgId}</MsgId>`);
    await ui.shot(page, '11-inspector-detail');

    // Re-send: a new delivery with the same MsgId, delivered again.
    const before = received().length;
    await detail.getByRole('button', { name: 'Re-send' }).click();
    await page.getByText(/Re-sent as delivery #\d+/).waitFor();
    await page.waitForURL(/\/callbacks\/\d+$/);
    const newId = Number(page.url().split('/').pop());
    expect(newId).toBeGreaterThan(sent.deliveryId!);
    await expect.poll(async () => rows.count(), { timeout: 15_000 }).toBe(3);
    await expect.poll(async () => page.locator(`tr[data-key="${newId}"]`).textContent(), { timeout: 15_000 }).toContain('delivered');
    await page.locator('.delivery-detail').getByText(`#${sent.deliveryId}`).waitFor();
    expect(received().length).toBeGreaterThan(before);
    expect(received().at(-1)).toContain(`<MsgId>${sent.msgId}</MsgId>`);
    await ui.shot(page, '12-inspector-resent');
  }, 90_000);

  it('keeps other organizations’ accounts out of reach, and works on a narrow screen', async () => {
    const op = await makeOperator(ui.h.services);
    await makeAccount(ui.h.services, { orgId: op.orgId, name: 'Small Screen Shop' });
    const theirs = await makeAccount(ui.h.services, { name: 'Not Yours' });
    const page = await ui.signedInPage(op, { viewport: { width: 390, height: 844 } });
    await ui.shot(page, '13-mobile-accounts');
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page.getByRole('link', { name: /Small Screen Shop/ }).click();
    await page.getByRole('heading', { name: 'Small Screen Shop', exact: true }).waitFor();
    await ui.shot(page, '14-mobile-developer', false);
    await page.goto(`/console/accounts/${theirs.appid}`);
    await page.getByText('This account does not exist').waitFor();
    expect(await page.content()).not.toContain('Not Yours');
  }, 60_000);
});
