#!/usr/bin/env node
/**
 * Screenshots of every page, to look at: `npm run screenshots [-- <dir>] [options]`.
 *
 * Starts Herald with its demo data on a temporary data directory, signs in to the console as
 * the demo's platform administrator, and photographs in Debian's Chromium (playwright-core):
 * the sign-in page, the accounts list, every tab of the demo service account (莲花咖啡) and
 * subscription account (莲花日报), the platform pages, and the phone (chats, a chat, the
 * Subscriptions folder, a profile, an article, Me, Discover); each in Chinese and English, at
 * desktop (1366×900) and phone (390×844) sizes. Writes the PNGs to <dir> (default
 * /tmp/herald-shots), then contact sheets of 8 labelled shots each (sheet-*.png), drawn as an
 * HTML page in the same Chromium; a sheet shows the top of each shot (the first screen), the PNG
 * holds the whole page (console pages up to three screens long). Progress goes to stderr.
 *
 * Pages wider than the screen (they scroll sideways) are listed at the end.
 *
 * Before the walk it gives the demo something to show: a push post on each account and a
 * follower's messages to the service account.
 *
 * Options:
 *   --only a,b     only shots whose name contains one of these words (e.g. --only accounts,phone-me)
 *   --langs zh-CN,en     --sizes desktop,phone     (both by default)
 *   --url <herald>  photograph a Herald already running (its demo data as the first start left it)
 *   --sheets-only   draw the contact sheets again from the shots already in <dir> (index.txt)
 *
 * Needs the built web app (npm run build:web). Not part of npm test: it is a tool.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = '/usr/bin/chromium';
const LOGIN = { email: 'admin@herald.local', password: 'herald-admin' };
const SIZES = { desktop: { width: 1366, height: 900 }, phone: { width: 390, height: 844 } };
const LOCALES = { 'zh-CN': 'zh-CN', en: 'en-US' };
/** A full-page shot is cut at this many viewport heights (a long table says what it must by then). */
const MAX_SCREENS = 3;
const PER_SHEET = 8;

function parseArgs(argv) {
  const opts = { dir: '/tmp/herald-shots', only: [], langs: Object.keys(LOCALES), sizes: Object.keys(SIZES), url: '', sheetsOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const list = () => (argv[++i] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    if (a === '--only') opts.only = list();
    else if (a === '--langs') opts.langs = list();
    else if (a === '--sizes') opts.sizes = list();
    else if (a === '--url') opts.url = (argv[++i] ?? '').replace(/\/+$/, '');
    else if (a === '--sheets-only') opts.sheetsOnly = true;
    else if (a === '--help' || a === '-h') {
      process.stdout.write(`${readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0]}*/\n`);
      process.exit(0);
    } else if (a.startsWith('--')) throw new Error(`Unknown option ${a} (see --help).`);
    else opts.dir = path.resolve(a);
  }
  for (const l of opts.langs) if (!(l in LOCALES)) throw new Error(`--langs takes ${Object.keys(LOCALES).join(', ')}; got ${l}.`);
  for (const s of opts.sizes) if (!(s in SIZES)) throw new Error(`--sizes takes ${Object.keys(SIZES).join(', ')}; got ${s}.`);
  return opts;
}

const log = (line) => process.stderr.write(`${line}\n`);

async function freePort() {
  const s = net.createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise((r) => s.close(() => r()));
  return port;
}

/** Starts `herald start` with the demo data on a fresh data directory; resolves with its URL and banner. */
async function startHerald() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'herald-shots-data-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // Run from the sources (tsx), not bundled: a bundle finds the project root from where it is
  // written (node_modules/.cache), which a second checkout sharing node_modules would get wrong,
  // and the pages photographed must be this checkout's web/dist.
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main/cli.ts', 'start'], {
    cwd: root,
    env: { ...process.env, HERALD_DATA_DIR: dataDir, HERALD_DEMO: '1', HERALD_MODE: 'emulator', HOST: '127.0.0.1', PORT: String(port), HERALD_PUBLIC_URL: url, LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (out += d));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGTERM');
      reject(new Error(`Herald did not start in 180 s:\n${out}`));
    }, 180_000);
    const check = () => {
      // The banner follows the ready line: wait for the demo's accounts too.
      if (/is ready on/.test(out) && /订阅号 莲花日报.*AppID/.test(out)) {
        clearTimeout(timer);
        proc.removeAllListeners('exit');
        resolve();
      }
    };
    proc.stdout.on('data', check);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Herald exited with ${code}:\n${out}`));
    });
  });
  const close = async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      await new Promise((r) => {
        proc.once('exit', r);
        proc.kill('SIGTERM');
      });
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { url, banner: out, close };
}

/** The demo accounts' AppIDs, from the start banner, or from the console's accounts list. */
function appidsFromBanner(banner) {
  const find = (label) => new RegExp(`${label}\\s+AppID (\\w+)`).exec(banner)?.[1];
  return { service: find('服务号 莲花咖啡'), subscription: find('订阅号 莲花日报') };
}

/** A signed-in console client over HTTP (the cookie and the CSRF token of one session). */
async function consoleClient(url) {
  const res = await fetch(`${url}/console/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(LOGIN) });
  if (!res.ok) throw new Error(`Signing in as ${LOGIN.email} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrf_token: csrf } = await res.json();
  const call = async (method, p, body) => {
    const r = await fetch(`${url}/console/api${p}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrf, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(`${method} ${p}: ${r.status} ${JSON.stringify(json)}`);
    return json;
  };
  return { get: (p) => call('GET', p), post: (p, body) => call('POST', p, body) };
}

/** A phone session's client (emulator mode: become a demo follower). */
async function phoneClient(url, userId) {
  const r = await fetch(`${url}/phone/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user_id: userId }) });
  const { token } = await r.json();
  return {
    post: async (p, body) => {
      const res = await fetch(`${url}/phone/api${p}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`POST ${p}: ${res.status} ${await res.text()}`);
      return res.json();
    },
  };
}

/**
 * Gives the demo something to show in the phone and the push history: the subscription account
 * pushes its published welcome article, the service account a text, and a follower writes to the
 * service account (a text, then a place). Each step is skipped with a note if it is refused.
 */
async function prepare(url, appids) {
  const users = (await (await fetch(`${url}/phone/api/users`)).json()).users;
  const follower = users.find((u) => u.nickname === '王芳') ?? users[0];
  const steps = [
    async () => {
      const console_ = await consoleClient(url);
      const published = await console_.get(`/accounts/${appids.subscription}/published?offset=0&count=1`);
      const articleId = published.items?.[0]?.article_id;
      if (articleId) await console_.post(`/accounts/${appids.subscription}/broadcasts`, { msgtype: 'article', articleId, audience: { kind: 'all' } });
      await console_.post(`/accounts/${appids.service}/broadcasts`, { msgtype: 'text', content: '本周新品：桂花拿铁，第二杯半价。', audience: { kind: 'all' } });
    },
    async () => {
      const phone = await phoneClient(url, follower.id);
      await phone.post(`/accounts/${appids.service}/messages`, { msgtype: 'text', content: '你好，今天几点关门？' });
      await phone.post(`/accounts/${appids.service}/messages`, { msgtype: 'location', location_x: 31.2304, location_y: 121.4737, scale: 15, label: '上海市黄浦区人民广场' });
    },
  ];
  for (const step of steps) {
    try {
      await step();
    } catch (err) {
      log(`  (demo preparation step skipped: ${err.message})`);
    }
  }
  // The fan-out runs on the worker: give it a moment to deliver.
  await new Promise((r) => setTimeout(r, 2000));
  return follower;
}

/** Waits until the page has no loading indicator and the network is quiet (polling pages never go fully idle). */
async function settle(page) {
  await page.waitForLoadState('networkidle', { timeout: 4000 }).catch(() => {});
  await page
    .waitForFunction(() => !document.querySelector('.loading, .spinner:not(button .spinner)'), null, { timeout: 8000 })
    .catch(() => {});
  await page.evaluate(() => document.fonts?.ready).catch(() => {});
  await page.waitForTimeout(250);
}

/** Signs a console page in through the form, as a person does. */
async function signIn(page) {
  await page.goto('/console/login');
  await page.locator('input[name=email]').fill(LOGIN.email);
  await page.locator('input[name=password]').fill(LOGIN.password);
  await page.locator('button[type=submit]').click();
  await page.waitForURL(/\/console\/accounts/);
}

/**
 * The pages to walk, read from the console itself: each demo account's tabs (ACCOUNT_ROUTES
 * with labels, in tab order) and the platform pages in the navigation.
 */
async function discover(browser, url, appids) {
  const context = await browser.newContext({ viewport: SIZES.desktop, baseURL: url });
  const page = await context.newPage();
  await signIn(page);
  const tabs = {};
  for (const [key, appid] of Object.entries(appids)) {
    await page.goto(`/console/accounts/${appid}`);
    await page.locator('.tabs a[role=tab]').first().waitFor();
    tabs[key] = await page.$$eval('.tabs a[role=tab]', (as) => as.map((a) => a.getAttribute('href')));
  }
  const admin = await page.$$eval('a.nav-item[href^="/console/admin/"]', (as) => as.map((a) => a.getAttribute('href')));
  await context.close();
  return { tabs, admin };
}

/** The last part of a console address, for a file name. */
const slug = (href, base) => (href.slice(base.length).replace(/^\/+/, '') || 'home').replace(/[^A-Za-z0-9_-]+/g, '-');

/** Every shot of one language at one size: the console, then the phone. */
function plan({ appids, pages, follower, lang, size }) {
  const shots = [];
  const add = (name, go, opts = {}) => shots.push({ name: `${lang}-${size}-${name}`, lang, size, go, ...opts });
  add('console-00-signin', async (page) => {
    await page.goto('/console/login');
    await page.locator('input[name=email]').waitFor();
  }, { signedOut: true });
  add('console-01-accounts', (page) => page.goto('/console/accounts'));
  for (const [key, appid] of Object.entries(appids)) {
    const base = `/console/accounts/${appid}`;
    pages.tabs[key].forEach((href, k) => add(`console-${key}-${String(k + 1).padStart(2, '0')}-${slug(href, base)}`, (page) => page.goto(href)));
  }
  for (const href of pages.admin) add(`console-admin-${slug(href, '/console/admin')}`, (page) => page.goto(href));
  const phone = (name, go) =>
    add(name, async (page, state) => {
      if (!state.phoneSignedIn) {
        // The tab becomes a demo follower once (the phone's token lives in the tab's sessionStorage).
        await page.goto(`/phone?user=${encodeURIComponent(follower.id)}`);
        await page.locator('.ph-chats').waitFor();
        state.phoneSignedIn = true;
      }
      await go(page);
    }, { phone: true });
  phone('phone-1-chats', (page) => page.goto('/phone'));
  phone('phone-2-chat', (page) => page.goto(`/phone/chat/${appids.service}`));
  phone('phone-3-subscriptions', (page) => page.goto('/phone/subscriptions'));
  phone('phone-4-profile', (page) => page.goto(`/phone/accounts/${appids.subscription}`));
  phone('phone-5-article', async (page) => {
    await page.goto(`/phone/accounts/${appids.subscription}`);
    await page.locator('.ph-history-item').first().click();
    await page.frameLocator('.ph-article-frame').locator('body').waitFor();
  });
  phone('phone-6-me', (page) => page.goto('/phone/me'));
  phone('phone-7-discover', (page) => page.goto('/phone/discover'));
  return shots;
}

async function shoot(page, file, fullPage) {
  if (!fullPage) return page.screenshot({ path: file });
  const viewport = page.viewportSize();
  await page.evaluate(() => window.scrollTo(0, 0));
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const limit = viewport.height * MAX_SCREENS;
  if (height <= limit) return page.screenshot({ path: file, fullPage: true });
  return page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: viewport.width, height: limit } });
}

/** Draws contact sheets: `PER_SHEET` shots a page, each with its name, as an HTML page in Chromium. */
async function contactSheets(browser, dir, shots) {
  const sheets = [];
  const groups = new Map();
  for (const s of shots) {
    const key = `${s.lang}-${s.size}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(s);
  }
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  for (const [key, list] of groups) {
    // Two rows of four, about 1,600 × 1,250 px, so a sheet is seen whole on one screen: an overview
    // of the layout (the PNGs themselves are read for the words).
    const cell = list[0].size === 'phone' ? { w: 314, h: 560 } : { w: 404, h: 520 };
    const columns = 4;
    for (let i = 0; i < list.length; i += PER_SHEET) {
      const chunk = list.slice(i, i + PER_SHEET);
      const figures = chunk
        .map((s) => {
          const data = readFileSync(s.file).toString('base64');
          const label = s.name.replace(/[<>&]/g, '');
          return `<figure><div class="frame"><img src="data:image/png;base64,${data}"></div><figcaption>${s.index}. ${label}</figcaption></figure>`;
        })
        .join('');
      const html = `<!doctype html><meta charset="utf-8"><style>
        body { margin: 0; padding: 16px; background: #e9ebee; font: 14px system-ui, "Noto Sans CJK SC", sans-serif; }
        h1 { font-size: 16px; margin: 0 0 12px; }
        .grid { display: grid; grid-template-columns: repeat(${columns}, ${cell.w}px); gap: 14px; }
        figure { margin: 0; background: #fff; border: 1px solid #c8ccd2; padding: 6px; }
        .frame { width: ${cell.w - 14}px; height: ${cell.h}px; overflow: hidden; background: #f6f7f8; }
        img { display: block; width: 100%; height: auto; }
        figcaption { margin-top: 6px; font-weight: 600; word-break: break-all; }
      </style><h1>Herald · ${key} · ${i + 1}–${i + chunk.length} of ${list.length}</h1><div class="grid">${figures}</div>`;
      await page.setViewportSize({ width: Math.min(chunk.length, columns) * (cell.w + 14) + 32, height: 600 });
      await page.setContent(html, { waitUntil: 'load' });
      const file = path.join(dir, `sheet-${key}-${String(i / PER_SHEET + 1).padStart(2, '0')}.png`);
      await page.screenshot({ path: file, fullPage: true });
      sheets.push(file);
    }
  }
  await page.close();
  return sheets;
}

/** Draws the contact sheets again from the shots index.txt lists (their names carry the language and size). */
async function redrawSheets(dir) {
  const lines = readFileSync(path.join(dir, 'index.txt'), 'utf8').split('\n').filter(Boolean);
  const shots = lines.map((line) => {
    const [index, file] = line.split('\t');
    const m = /^(zh-CN|en)-(desktop|phone)-(.+)\.png$/.exec(file);
    if (!m) throw new Error(`index.txt names a shot this tool did not take: ${file}`);
    return { index: Number(index), name: file.replace(/\.png$/, ''), lang: m[1], size: m[2], file: path.join(dir, file) };
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const sheets = await contactSheets(browser, dir, shots);
    log(`Drew ${sheets.length} contact sheets of ${shots.length} screenshots in ${dir}`);
  } finally {
    await browser.close();
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(path.join(root, 'web', 'dist', 'index.html'))) throw new Error('The web app is not built: run `npm run build:web` first.');
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM} (Debian's chromium package).`);
  mkdirSync(opts.dir, { recursive: true });
  if (opts.sheetsOnly) return redrawSheets(opts.dir);

  log(opts.url ? `Using Herald at ${opts.url}` : 'Starting Herald with its demo data…');
  const herald = opts.url ? { url: opts.url, banner: '', close: async () => {} } : await startHerald();
  // Interrupted: stop the Herald this run started (and its data directory) before leaving.
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      log(`Stopped (${signal}).`);
      void herald.close().finally(() => process.exit(130));
    });
  }
  let browser;
  try {
    let appids = appidsFromBanner(herald.banner);
    if (!appids.service || !appids.subscription) {
      const list = (await (await consoleClient(herald.url)).get('/accounts')).accounts;
      appids = { service: list.find((a) => a.type === 'service')?.appid, subscription: list.find((a) => a.type === 'subscription')?.appid };
    }
    if (!appids.service || !appids.subscription) throw new Error('The demo service and subscription accounts were not found.');
    log(`Demo accounts: service ${appids.service}, subscription ${appids.subscription}`);
    const follower = opts.url ? (await (await fetch(`${herald.url}/phone/api/users`)).json()).users.find((u) => u.nickname === '王芳') : await prepare(herald.url, appids);
    if (!follower) throw new Error('No demo follower to use on the phone.');

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const wanted = (name) => opts.only.length === 0 || opts.only.some((w) => name.includes(w));
    const pages = await discover(browser, herald.url, appids);
    const runs = [];
    for (const lang of opts.langs) for (const size of opts.sizes) runs.push(plan({ appids, pages, follower, lang, size }).filter((s) => wanted(s.name)));
    const total = runs.reduce((sum, r) => sum + r.length, 0);
    const done = [];
    const failed = [];
    const wide = [];
    let n = 0;
    for (const shots of runs) {
      if (shots.length === 0) continue;
      const { lang, size } = shots[0];
      const context = await browser.newContext({ viewport: SIZES[size], baseURL: herald.url, locale: LOCALES[lang], timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      const state = { phoneSignedIn: false };
      let signedIn = false;
      for (const s of shots) {
        n++;
        const file = path.join(opts.dir, `${s.name}.png`);
        try {
          if (!s.signedOut && !s.phone && !signedIn) {
            await signIn(page);
            signedIn = true;
          }
          await s.go(page, state);
          await settle(page);
          // A page wider than the screen scrolls sideways, which a person would notice: list it.
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          if (width > SIZES[size].width) wide.push(`${s.name} (${width} px)`);
          // Console pages whole (up to MAX_SCREENS screens); the phone is one screen, as a person sees it.
          await shoot(page, file, !s.phone);
          done.push({ ...s, file, index: done.length + 1 });
          log(`${n}/${total} ${s.name}`);
        } catch (err) {
          failed.push(`${s.name}: ${err.message.split('\n')[0]}`);
          log(`${n}/${total} ${s.name} FAILED: ${err.message.split('\n')[0]}`);
        }
      }
      if (errors.length) log(`  uncaught errors in the page (${lang}, ${size}): ${errors.join(' | ')}`);
      await context.close();
    }

    const sheets = await contactSheets(browser, opts.dir, done);
    log(`Wrote ${done.length} screenshots and ${sheets.length} contact sheets to ${opts.dir}`);
    writeFileSync(path.join(opts.dir, 'index.txt'), `${done.map((s) => `${s.index}\t${path.basename(s.file)}`).join('\n')}\n`);
    if (wide.length) log(`${wide.length} page(s) wider than the screen:\n  ${wide.join('\n  ')}`);
    if (failed.length) {
      log(`${failed.length} failed:\n  ${failed.join('\n  ')}`);
      process.exitCode = 1;
    }
  } finally {
    await browser?.close();
    await herald.close();
  }
}

main().catch((err) => {
  log(err.stack ?? String(err));
  process.exit(1);
});
