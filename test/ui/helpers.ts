/**
 * Shared set-up for the browser tests: one listening Herald and one Chromium per suite, pages
 * whose uncaught errors fail the suite, screenshots under test-results/, signing in to the
 * console, creating a follower on the phone, and the developer servers and uploads the pages
 * are tested against.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestHerald, type DbKind, type TestHerald } from '../harness.js';
import { freePort } from '../child.js';
import { launchChromium } from '../chromium.js';
import { startDevServer, xmlField, type DevServer } from '../devServer.js';
import { textReply } from '../phoneBrowser.js';
import { fetchToken } from '../wxClient.js';

/** How a browser context is made: the viewport, the default wait and the time zone. */
export interface PageOptions {
  viewport?: { width: number; height: number };
  /** The longest any wait on a page may take (playwright's default when unset). */
  timeout?: number;
  timezoneId?: string;
  /** The browser's language (navigator.languages); English unless told otherwise. */
  locale?: string;
}

export interface ChromiumSuiteOptions {
  /** Folder under test-results/ for the screenshots. */
  shots: string;
  /** Whether `shot` captures the whole page unless told otherwise (default: the viewport). */
  fullPage?: boolean;
  /** Listen on a free port named in HERALD_PUBLIC_URL, for pages that show public addresses. */
  publicUrl?: boolean;
  /** More environment for the Herald the suite starts (e.g. HERALD_PAY_AUTO_APPROVE). */
  env?: Record<string, string>;
  /** Defaults for `openPage` and `newContext`. */
  page?: PageOptions;
}

export interface ChromiumSuite {
  /** The listening Herald (from the suite's first beforeAll on). */
  readonly h: TestHerald;
  readonly browser: Browser;
  /** A context of its own with one page; the page's uncaught errors fail the suite when it closes. */
  openPage(opts?: PageOptions): Promise<{ context: BrowserContext; page: Page }>;
  /** `openPage`, signed in to the console as `login`. */
  signedInPage(login: { email: string; password: string }, opts?: PageOptions): Promise<Page>;
  /** A context on Herald's URL that the test manages itself (closed with the browser). */
  newContext(opts?: PageOptions): Promise<BrowserContext>;
  /** Where the screenshot `name` goes. */
  shotPath(name: string): string;
  /** Saves a screenshot: the whole page scrolled to the top, or what the viewport shows. */
  shot(page: Page, name: string, fullPage?: boolean): Promise<void>;
  /** Runs `fn` after the browser closed and before Herald does. */
  onClose(fn: () => Promise<void> | void): void;
}

/**
 * Registers the suite's hooks: beforeAll starts a listening Herald on `kind` and launches
 * Chromium; afterAll closes the browser, checks every opened page for uncaught errors, runs the
 * `onClose` functions and closes Herald. A file's own hooks run after the beforeAll.
 */
export function chromiumSuite(kind: DbKind, opts: ChromiumSuiteOptions): ChromiumSuite {
  const dir = path.resolve('test-results', opts.shots);
  const defaults: PageOptions = { viewport: { width: 1440, height: 900 }, ...opts.page };
  const closers: Array<() => Promise<void> | void> = [];
  let herald: TestHerald | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    let env: Record<string, string> | undefined = opts.env ? { ...opts.env } : undefined;
    if (opts.publicUrl) {
      const port = await freePort();
      env = { ...env, PORT: String(port), HERALD_PUBLIC_URL: `http://127.0.0.1:${port}` };
    }
    herald = await startTestHerald(kind, { listen: true, env });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    for (const close of closers) await close();
    await herald?.close();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started yet: use it in hooks and tests`);
    return value;
  };

  const suite: ChromiumSuite = {
    get h() {
      return started(herald, 'Herald');
    },
    get browser() {
      return started(browser, 'Chromium');
    },
    async newContext(options = {}) {
      const o = { ...defaults, ...options };
      const context = await suite.browser.newContext({ viewport: o.viewport, baseURL: suite.h.url, reducedMotion: 'reduce', timezoneId: o.timezoneId, locale: o.locale ?? 'en-US' });
      if (o.timeout !== undefined) context.setDefaultTimeout(o.timeout);
      return context;
    },
    async openPage(options = {}) {
      const context = await suite.newContext(options);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      closers.push(async () => {
        expect(errors, 'uncaught errors in the page').toEqual([]);
        await context.close();
      });
      return { context, page };
    },
    async signedInPage(login, options) {
      const { page } = await suite.openPage(options);
      await signIn(page, login);
      return page;
    },
    shotPath: (name) => path.join(dir, `${kind}-${name}.png`),
    async shot(page, name, fullPage = opts.fullPage ?? false) {
      // Full-page captures start at the top so sticky bars sit where a person sees them.
      if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: suite.shotPath(name), fullPage });
    },
    onClose(fn) {
      closers.push(fn);
    },
  };
  return suite;
}

/** Signs in to the console and waits for the accounts list. */
export async function signIn(page: Page, login: { email: string; password: string }): Promise<void> {
  await page.goto('/console');
  await page.getByLabel('Email').fill(login.email);
  await page.getByLabel('Password').fill(login.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Official accounts' }).waitFor();
}

/**
 * Creates a follower on the phone's first screen ("Who are you?") and waits for the chat list.
 * `atForm` runs while the form is shown (for a screenshot of it).
 */
export async function createPhoneFollower(page: Page, nickname: string, city: string, atForm?: () => Promise<void>): Promise<void> {
  await page.goto('/phone');
  await page.getByRole('heading', { name: 'Who are you?' }).waitFor();
  await atForm?.();
  await page.getByLabel('Nickname').fill(nickname);
  await page.getByLabel('City').fill(city);
  await page.getByRole('button', { name: 'Create and continue' }).click();
  await page.getByRole('heading', { name: 'WeChat' }).waitFor();
}

/** The phone session's token (kept in the tab's sessionStorage). */
export async function phoneToken(page: Page): Promise<string> {
  const token = await page.evaluate(() => window.sessionStorage.getItem('herald.phone.token'));
  expect(token, 'the phone has a session').toBeTypeOf('string');
  return token as string;
}

/** The follower user signed in on the phone (the first part of its token). */
export const phoneUserId = async (page: Page): Promise<string> => (await phoneToken(page)).split('.')[0];

/** Uploads a picture as an account's developer (media/upload); returns its media_id. */
export async function developerUpload(
  h: TestHerald,
  account: { appid: string; secret: string },
  bytes: Buffer,
  opts: { type?: 'image' | 'thumb'; filename?: string } = {},
): Promise<string> {
  const token = await fetchToken(h, account.appid, account.secret);
  const form = new FormData();
  form.append('media', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), opts.filename ?? 'picture.png');
  const res = await fetch(`${h.url}/cgi-bin/media/upload?access_token=${token}&type=${opts.type ?? 'image'}`, { method: 'POST', body: form });
  const json = (await res.json()) as { media_id?: string };
  expect(json.media_id, JSON.stringify(json)).toBeTypeOf('string');
  return json.media_id as string;
}

/**
 * A developer server on loopback: answers URL verification with `verify(echostr)`, a pushed text
 * message with the passive reply `reply` builds (WeChat XML), anything else with `success`.
 */
export function replyingServer(
  reply: (msg: { user: string; gh: string; content: string }) => string,
  verify: (echostr: string) => string = (echostr) => echostr,
): Promise<DevServer> {
  return startDevServer({
    answer: (req) => {
      if (req.method === 'GET') return { body: verify(req.query.echostr ?? '') };
      if (xmlField(req.body, 'MsgType') !== 'text') return { body: 'success' };
      const msg = { user: xmlField(req.body, 'FromUserName') ?? '', gh: xmlField(req.body, 'ToUserName') ?? '', content: xmlField(req.body, 'Content') ?? '' };
      return { contentType: 'application/xml', body: reply(msg) };
    },
  });
}

/** The passive reply that echoes a text message: "You said: …". */
export const echoReply = ({ user, gh, content }: { user: string; gh: string; content: string }) => textReply(user, gh, `You said: ${content}`);

/** The passive reply that hands the message to customer service (transfer_customer_service). */
export const transferReply = ({ user, gh }: { user: string; gh: string }) =>
  `<xml><ToUserName><![CDATA[${user}]]></ToUserName><FromUserName><![CDATA[${gh}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[transfer_customer_service]]></MsgType></xml>`;
