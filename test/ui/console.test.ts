/**
 * The operator console in a real browser (Debian's Chromium through playwright-core), against
 * a listening Herald and real developer servers on loopback. Screenshots go to test-results/.
 * Needs web/dist: `npm test` builds it; otherwise run `npm run build:web` first.
 */
import http from 'node:http';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../harness.js';
import { makeOperator, type TestOperator } from '../consoleFixtures.js';
import { findAccountByAppid } from '../../src/store/accounts.js';
import { secretMatches } from '../../src/domain/ids.js';
import { createFollowerUser } from '../../src/commands/followerUserCreator.js';
import { followAccount } from '../../src/commands/followAccount.js';
import { sendUserMessage } from '../../src/commands/userMessageSender.js';
import { launchChromium } from '../chromium.js';

const SHOTS = path.resolve('test-results', 'console');

/** A developer server: answers URL verification per `verify`, and replies to pushed text messages. */
async function developerServer(verify: (echostr: string) => string) {
  const received: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://dev');
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(verify(url.searchParams.get('echostr') ?? ''));
      return;
    }
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push(body);
      const field = (name: string) => new RegExp(`<${name}><!\\[CDATA\\[(.*?)\\]\\]></${name}>`).exec(body)?.[1] ?? '';
      if (field('MsgType') !== 'text') {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('success');
        return;
      }
      const reply = `<xml><ToUserName><![CDATA[${field('FromUserName')}]]></ToUserName><FromUserName><![CDATA[${field('ToUserName')}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[You said: ${field('Content')}]]></Content></xml>`;
      res.writeHead(200, { 'content-type': 'application/xml' }).end(reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/wechat`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describeEachDb('operator console in Chromium', (kind) => {
  let h: TestHerald;
  let browser: Browser;
  const closers: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    h = await startTestHerald(kind, { listen: true });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    for (const close of closers) await close();
    await h?.close();
  });

  const shot = async (page: Page, name: string, fullPage = true) => {
    // Full-page captures start at the top so sticky bars sit where a person sees them.
    if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SHOTS, `${kind}-${name}.png`), fullPage });
  };

  async function openPage(viewport = { width: 1440, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport, baseURL: h.url, reducedMotion: 'reduce' });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    closers.push(async () => {
      expect(errors, 'uncaught errors in the page').toEqual([]);
      await context.close();
    });
    return { context, page };
  }

  async function signIn(page: Page, op: TestOperator) {
    await page.goto('/console');
    await page.getByLabel('Email').fill(op.email);
    await page.getByLabel('Password').fill(op.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Official accounts' }).waitFor();
  }

  it('signs in: a wrong password shows an error, the right one opens the accounts list', async () => {
    const op = await makeOperator(h.services, { orgName: 'Lotus Media' });
    const { appid } = await makeAccount(h.services, { orgId: op.orgId, name: 'Lotus Daily', type: 'subscription', verified: false });
    const { page } = await openPage();

    await page.goto('/console/accounts');
    await page.waitForURL(/\/console\/login\?next=%2Fconsole%2Faccounts$/);
    await page.getByLabel('Email').fill(op.email);
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Incorrect email or password.' }).waitFor();
    expect(page.url()).toMatch(/\/console\/login/);
    await shot(page, '01-login-error');

    await page.getByLabel('Password').fill(op.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/console\/accounts$/);
    const row = page.getByRole('row', { name: /Lotus Daily/ });
    await row.waitFor();
    expect(await row.textContent()).toContain(appid);
    expect(await page.locator('.topbar').textContent()).toContain('Lotus Media');
    await shot(page, '02-accounts');

    // A reload keeps the session (cookie), and signing out ends it.
    await page.reload();
    await page.getByRole('heading', { name: 'Official accounts' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/console\/login/);
    await page.goto('/console/accounts');
    await page.waitForURL(/\/console\/login/);
  }, 60_000);

  it('creates an account and shows its AppSecret once', async () => {
    const op = await makeOperator(h.services);
    const { page } = await openPage();
    await signIn(page, op);
    await page.getByRole('button', { name: 'Create your first account' }).waitFor();
    await page.getByRole('button', { name: '+ New account' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Subscription account').check();
    await dialog.getByLabel('Name').fill('Morning Brew');
    await dialog.getByLabel('WeChat ID').fill('1bad');
    await dialog.getByRole('button', { name: 'Create account' }).click();
    await dialog.getByText('WeChat ID must be 6 to 20').waitFor();
    await dialog.getByLabel('WeChat ID').fill('morning_brew');
    await shot(page, '03-create-account', false);
    await dialog.getByRole('button', { name: 'Create account' }).click();

    await page.getByRole('heading', { name: 'Morning Brew is ready' }).waitFor();
    const secret = (await page.getByTestId('new-secret').textContent()) ?? '';
    const appid = (await page.getByTestId('new-appid').textContent()) ?? '';
    expect(secret).toMatch(/^[0-9a-f]{32}$/);
    const row = (await findAccountByAppid(h.services.db, appid))!;
    expect(row.orgId).toBe(op.orgId);
    expect(row.type).toBe('subscription');
    expect(secretMatches(secret, row.secretSalt, row.secretHash)).toBe(true);
    await shot(page, '04-account-created', false);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.url });
    await page.getByRole('button', { name: 'Copy AppSecret' }).click();
    await page.getByText('AppSecret copied to the clipboard').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

    await page.getByRole('button', { name: 'I have stored the secret' }).click();
    await page.waitForURL(new RegExp(`/console/accounts/${appid}$`));
    await page.getByRole('heading', { name: 'Morning Brew', exact: true }).waitFor();
    // The secret is not on the page any more; only its last four characters.
    expect(await page.content()).not.toContain(secret);
    expect(await page.getByTestId('secret-hint').textContent()).toContain(secret.slice(-4));
  }, 60_000);

  it('developer settings: AppSecret reset, IP whitelist, server verification', async () => {
    const good = await developerServer((echostr) => echostr);
    const wrong = await developerServer(() => 'hello');
    closers.push(good.close, wrong.close);
    const op = await makeOperator(h.services);
    const { appid, secret: oldSecret } = await makeAccount(h.services, { orgId: op.orgId, name: 'Herald Coffee', type: 'service', verified: true });
    const { page } = await openPage();
    await signIn(page, op);
    await page.getByRole('row', { name: /Herald Coffee/ }).click();
    await page.waitForURL(new RegExp(`/console/accounts/${appid}$`));
    expect(await page.getByTestId('appid').textContent()).toBe(appid);

    // AppSecret reset: confirm, then the new secret is shown once.
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await page.getByRole('heading', { name: 'Reset the AppSecret?' }).waitFor();
    await shot(page, '05-reset-confirm', false);
    await page.getByRole('button', { name: 'Reset AppSecret' }).click();
    await page.getByRole('heading', { name: 'New AppSecret' }).waitFor();
    const newSecret = (await page.getByTestId('new-secret').textContent()) ?? '';
    expect(newSecret).toMatch(/^[0-9a-f]{32}$/);
    const row = (await findAccountByAppid(h.services.db, appid))!;
    expect(secretMatches(newSecret, row.secretSalt, row.secretHash)).toBe(true);
    expect(secretMatches(oldSecret, row.secretSalt, row.secretHash)).toBe(false);
    await shot(page, '06-new-secret', false);
    await page.getByRole('button', { name: 'I have stored the secret' }).click();
    expect(await page.getByTestId('secret-hint').textContent()).toContain(newSecret.slice(-4));

    // IP whitelist: a bad entry is explained; a good list is saved in canonical form.
    const whitelist = page.getByLabel('Addresses');
    await whitelist.fill('203.0.113.7\nnot-an-ip');
    await page.getByRole('button', { name: 'Save whitelist' }).click();
    await page.getByText('"not-an-ip" is not an IPv4 or IPv6 address or CIDR range.').waitFor();
    await shot(page, '07-whitelist-error', false);
    expect((await findAccountByAppid(h.services.db, appid))?.ipWhitelist).toEqual([]);
    await whitelist.fill('203.0.113.7\n10.0.0.0/8');
    await page.getByRole('button', { name: 'Save whitelist' }).click();
    await page.getByText('IP whitelist saved (2 entries)').waitFor();
    expect((await findAccountByAppid(h.services.db, appid))?.ipWhitelist).toEqual(['203.0.113.7', '10.0.0.0/8']);

    // Server configuration against a server that answers the wrong thing: the reason is shown.
    await page.getByLabel('URL').fill(wrong.url);
    await page.getByLabel('Token').fill('herald2024');
    await page.getByRole('button', { name: 'Verify and save' }).click();
    const result = page.getByTestId('server-result');
    await result.getByText('Verification failed').waitFor();
    expect(await result.textContent()).toContain("answered 'hello' instead of the echostr");
    await result.scrollIntoViewIfNeeded();
    await shot(page, '08-server-failed', false);
    expect((await findAccountByAppid(h.services.db, appid))?.serverEnabled).toBe(false);

    // Safe mode needs a key: generate one, then verify against the good server.
    await page.getByLabel('Safe').check();
    await page.getByRole('button', { name: 'Generate' }).nth(1).click();
    const key = await page.getByLabel('EncodingAESKey').inputValue();
    expect(key).toMatch(/^[A-Za-z0-9]{43}$/);
    await page.getByLabel('URL').fill(good.url);
    await page.getByRole('button', { name: 'Verify and save' }).click();
    await result.getByText('Verification succeeded').waitFor();
    await page.getByText('● Enabled · verified').waitFor();
    const saved = (await findAccountByAppid(h.services.db, appid))!;
    expect(saved).toMatchObject({ serverUrl: good.url, serverToken: 'herald2024', serverAesKey: key, serverMode: 'safe', serverEnabled: true });
    await shot(page, '09-developer-settings');

    // The capability table lists what a verified service account may call.
    const caps = page.getByRole('table', { name: 'API permissions' });
    expect(await caps.getByRole('row', { name: /Template messages/ }).textContent()).toContain('Available');
  }, 90_000);

  it('callback inspector: deliveries with their attempts, the parsed reply, and re-send', async () => {
    const dev = await developerServer((echostr) => echostr);
    closers.push(dev.close);
    const op = await makeOperator(h.services);
    const { appid } = await makeAccount(h.services, { orgId: op.orgId, name: 'Herald Tea', type: 'service', verified: true });
    const { page } = await openPage();
    await signIn(page, op);
    await page.goto(`/console/accounts/${appid}`);
    await page.getByLabel('URL').fill(dev.url);
    await page.getByLabel('Token').fill('teatoken1');
    await page.getByLabel('Plaintext').check();
    await page.getByRole('button', { name: 'Verify and save' }).click();
    await page.getByTestId('server-result').getByText('Verification succeeded').waitFor();

    await page.getByRole('tab', { name: 'Callback inspector' }).click();
    await page.getByText('No deliveries yet').waitFor();

    // A follower follows and writes; the worker pushes both to the developer server.
    const user = await createFollowerUser(h.services, { nickname: 'Mei' });
    const openid = await followAccount(h.services, user.id, appid);
    const sent = await sendUserMessage(h.services, user.id, appid, { msgtype: 'text', content: 'One oolong, please' });

    // The list refreshes by itself.
    const rows = page.getByRole('table', { name: 'Deliveries' }).locator('tbody tr');
    await expect.poll(async () => rows.count(), { timeout: 15_000 }).toBe(2);
    const textRow = page.locator(`tr[data-key="${sent.deliveryId}"]`);
    await expect.poll(async () => textRow.textContent(), { timeout: 15_000 }).toContain('delivered');
    expect(await textRow.textContent()).toContain('Replied');
    expect(await textRow.textContent()).toContain(openid);
    const subscribeRow = rows.filter({ hasText: 'subscribe' });
    await expect.poll(async () => subscribeRow.textContent(), { timeout: 15_000 }).toContain('delivered');
    await shot(page, '10-inspector-list');

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
    await shot(page, '11-inspector-detail');

    // Re-send: a new delivery with the same MsgId, delivered again.
    const before = dev.received.length;
    await detail.getByRole('button', { name: 'Re-send' }).click();
    await page.getByText(/Re-sent as delivery #\d+/).waitFor();
    await page.waitForURL(/\/callbacks\/\d+$/);
    const newId = Number(page.url().split('/').pop());
    expect(newId).toBeGreaterThan(sent.deliveryId!);
    await expect.poll(async () => rows.count(), { timeout: 15_000 }).toBe(3);
    await expect.poll(async () => page.locator(`tr[data-key="${newId}"]`).textContent(), { timeout: 15_000 }).toContain('delivered');
    await page.locator('.delivery-detail').getByText(`#${sent.deliveryId}`).waitFor();
    expect(dev.received.length).toBeGreaterThan(before);
    expect(dev.received.at(-1)).toContain(`<MsgId>${sent.msgId}</MsgId>`);
    await shot(page, '12-inspector-resent');
  }, 90_000);

  it('keeps other organizations’ accounts out of reach, and works on a narrow screen', async () => {
    const op = await makeOperator(h.services);
    await makeAccount(h.services, { orgId: op.orgId, name: 'Small Screen Shop' });
    const theirs = await makeAccount(h.services, { name: 'Not Yours' });
    const { page } = await openPage({ width: 390, height: 844 });
    await signIn(page, op);
    await shot(page, '13-mobile-accounts');
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page.getByRole('link', { name: /Small Screen Shop/ }).click();
    await page.getByRole('heading', { name: 'Small Screen Shop', exact: true }).waitFor();
    await shot(page, '14-mobile-developer', false);
    await page.goto(`/console/accounts/${theirs.appid}`);
    await page.getByText('This account does not exist').waitFor();
    expect(await page.content()).not.toContain('Not Yours');
  }, 60_000);
});
