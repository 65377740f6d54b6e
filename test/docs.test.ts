/**
 * The docs' code blocks that claim to run are run: each JavaScript/TypeScript recipe in
 * docs/SDKS.md and docs/SIMULATOR.md, and the shell session in docs/SIMULATOR.md, execute as
 * written (only the base URL, the port and the names a recipe leaves to the reader are supplied)
 * against a Herald listening on a real port. A new block must be listed here: run, or named as a
 * fragment with the reason, so a recipe that stops working fails the suite.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { transformSync } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PLACEHOLDER_JPEG } from '../src/surfaces/sim/placeholders.js';
import { describeEachDb, startTestHerald, type TestHerald } from './harness.js';
import { TINY_PNG } from './phoneFixtures.js';
import { freePort } from './child.js';

interface Block {
  file: string;
  heading: string;
  lang: string;
  code: string;
}

/** Every fenced block of a Markdown file, with the heading it stands under. */
function blocksOf(file: string): Block[] {
  const lines = readFileSync(path.join('docs', file), 'utf8').split('\n');
  const out: Block[] = [];
  let heading = '';
  for (let i = 0; i < lines.length; i++) {
    const h = /^#{1,6}\s+(.*)$/.exec(lines[i]);
    if (h) heading = h[1].trim();
    const fence = /^```(\w*)/.exec(lines[i]);
    if (!fence) continue;
    const start = i + 1;
    do i++;
    while (i < lines.length && !lines[i].startsWith('```'));
    out.push({ file, heading, lang: fence[1], code: lines.slice(start, i).join('\n') });
  }
  return out;
}

const BLOCKS = [...blocksOf('SDKS.md'), ...blocksOf('SIMULATOR.md')];
const key = (b: Block) => `${b.file} › ${b.heading} › ${b.lang}`;

/** Blocks shown but not run, and why. Anything runnable and not here must be run below. */
const FRAGMENTS: Record<string, string> = {
  'SDKS.md › wechatpy (Python) › python': 'wechatpy is a Python package; the suite runs Node clients only',
  'SIMULATOR.md › Phones: `GET /phone/ws?token=<phone token>&after=<last message id>` › ts': 'a listener that runs until stopped; test/phone WebSocket tests cover the protocol',
};

const RUN = {
  coWechatApi: 'SDKS.md › co-wechat-api (Node) › js',
  wechatApi: 'SDKS.md › wechat-api (Node, callback style) › js',
  easywechat: 'SDKS.md › node-easywechat 3.6.2 (Node) › js',
  middleware: 'SDKS.md › Developer servers: the `wechat` and `co-wechat` middlewares › js',
  pushPost: 'SDKS.md › A push post from upload to MASSSENDJOBFINISH (co-wechat-api) › js',
  simCustomSend: 'SIMULATOR.md › Customer-service messages from your code › ts',
  simSessionTs: 'SIMULATOR.md › A complete session › ts',
  simSessionSh: 'SIMULATOR.md › A complete session › sh',
};

it('every JavaScript, TypeScript and shell session block in the docs is either run or named as a fragment', () => {
  const runnable = BLOCKS.filter((b) => ['js', 'ts', 'python'].includes(b.lang) || (b.lang === 'sh' && b.heading === 'A complete session'));
  const known = new Set([...Object.keys(FRAGMENTS), ...Object.values(RUN)]);
  expect(runnable.map(key).filter((k) => !known.has(k))).toEqual([]);
  for (const k of Object.values(RUN)) expect(BLOCKS.map(key), k).toContain(k);
});

const blockFor = (k: string): Block => {
  const found = BLOCKS.filter((b) => key(b) === k);
  if (found.length !== 1) throw new Error(`expected one block ${k}, found ${found.length}`);
  return found[0];
};

const DOC_BASES = [/http:\/\/localhost:8080/g, /http:\/\/127\.0\.0\.1:8080/g];
const withBase = (code: string, url: string) => DOC_BASES.reduce((c, re) => c.replace(re, url), code);

/** Runs a JavaScript/TypeScript block as an ES module (the names it leaves to the reader defined first). */
function runModule(code: string, vars: Record<string, unknown>, opts: { cwd: string; keepAlive?: boolean } = { cwd: os.tmpdir() }) {
  const js = transformSync(code, { loader: 'ts', format: 'esm' }).code;
  const prelude = [
    "import { createRequire } from 'node:module';",
    'const require = createRequire(import.meta.url);',
    ...Object.entries(vars).map(([k, v]) => `const ${k} = ${Buffer.isBuffer(v) ? `Buffer.from(${JSON.stringify(v.toString('base64'))}, 'base64')` : JSON.stringify(v)};`),
  ].join('\n');
  // Inside the project so `require`/`import` find its node_modules.
  const dir = path.join('node_modules', '.cache', 'herald-docs');
  mkdirSync(dir, { recursive: true });
  const file = path.resolve(dir, `block-${process.pid}-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, `${prelude}\n${js}`);
  return runProcess(process.execPath, [file], opts.cwd, () => rmSync(file, { force: true }));
}

function runProcess(cmd: string, args: string[], cwd: string, done?: () => void, env: Record<string, string> = {}) {
  const proc = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    proc.on('exit', (code) => {
      done?.();
      resolve({ code, stdout, stderr });
    }),
  );
  return { proc, exited, output: () => stdout + stderr };
}

describeEachDb('the docs run as written', (kind) => {
  let herald: TestHerald;
  let work: string;
  const sim = async <T>(p: string, body?: object): Promise<T> => {
    const res = await fetch(`${herald.url}/sim/v1${p}`, body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : undefined);
    expect(res.status, p).toBeLessThan(300);
    return (await res.json()) as T;
  };
  /** A verified service account with a follower who has just written (so a 48-hour window is open). */
  async function scene() {
    const account = await sim<{ appid: string; secret: string }>('/accounts', { type: 'service', verified: true, name: 'Docs' });
    const user = await sim<{ id: string }>('/users', { nickname: 'Ann' });
    const { openid } = await sim<{ openid: string }>(`/users/${user.id}/follow`, { account: account.appid });
    await sim(`/users/${user.id}/messages`, { account: account.appid, msgtype: 'text', content: 'hi' });
    return { appid: account.appid, secret: account.secret, openid, userId: user.id };
  }
  const finished = async (run: ReturnType<typeof runModule>) => {
    const r = await run.exited;
    expect(r.code, r.stdout + r.stderr).toBe(0);
    return r;
  };

  beforeAll(async () => {
    herald = await startTestHerald(kind, { listen: true });
    work = mkdtempSync(path.join(os.tmpdir(), 'herald-docs-'));
    writeFileSync(path.join(work, 'cover.jpg'), PLACEHOLDER_JPEG);
  });
  afterAll(async () => {
    await herald?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('co-wechat-api: the recipe fetches a token and the callback IPs', async () => {
    const { appid, secret } = await scene();
    const code = `${withBase(blockFor(RUN.coWechatApi).code, herald.url)}\nconsole.log(JSON.stringify(await api.getIp()));`;
    const r = await finished(runModule(code, { appid, secret }, { cwd: work }));
    expect(JSON.parse(r.stdout.trim().split('\n').at(-1)!).ip_list.length).toBeGreaterThan(0);
  });

  it('wechat-api: the recipe answers through its callback', async () => {
    const { appid, secret } = await scene();
    const code = withBase(blockFor(RUN.wechatApi).code, herald.url).replace('/* ... */', 'if (err) { console.error(err); process.exit(1); } console.log(JSON.stringify(ips));');
    const r = await finished(runModule(code, { appid, secret }, { cwd: work }));
    expect(JSON.parse(r.stdout.trim()).ip_list.length).toBeGreaterThan(0);
  });

  it('node-easywechat: the recipe reads getcallbackip', async () => {
    const { appid, secret } = await scene();
    const code = `${withBase(blockFor(RUN.easywechat).code, herald.url)}\nconsole.log(JSON.stringify(res.toObject ? res.toObject() : res.data ?? res));`;
    const r = await finished(runModule(code, { appid, secret }, { cwd: work }));
    expect(r.stdout).toContain('ip_list');
  });

  it('the wechat middleware recipe passes URL verification and answers a follower', async () => {
    const { appid, userId } = await scene();
    const port = await freePort();
    const token = 'docstoken';
    const encodingAESKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
    const code = blockFor(RUN.middleware).code.replace('.listen(3000)', `.listen(${port}, () => console.log('listening'))`);
    const server = runModule(code, { token, appid, encodingAESKey }, { cwd: work });
    try {
      await expect.poll(() => server.output(), { timeout: 10_000 }).toContain('listening');
      const res = await fetch(`${herald.url}/sim/v1/accounts/${appid}/server`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url: `http://127.0.0.1:${port}/`, token, encoding_aes_key: encodingAESKey, mode: 'safe' }),
      });
      expect(res.status, `${await res.clone().text()}\n${server.output()}`).toBe(200);
      const sent = await sim<{ replies: unknown[] }>(`/users/${userId}/messages`, { account: appid, msgtype: 'text', content: 'hello' });
      expect(JSON.stringify(sent.replies)).toContain('You said hello');
    } finally {
      server.proc.kill();
      await server.exited;
    }
  });

  it('the push post recipe uploads, adds news and pushes it to all followers', async () => {
    const { appid, secret } = await scene();
    const setup = `${withBase(blockFor(RUN.coWechatApi).code, herald.url).replace(/^await api\.getIp\(\).*$/m, '')}`;
    const code = `${setup}\n${blockFor(RUN.pushPost).code}\nconsole.log(JSON.stringify(sent));`;
    const r = await finished(runModule(code, { appid, secret }, { cwd: work }));
    const sent = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    expect(sent).toMatchObject({ errcode: 0, errmsg: 'send job submission success' });
    expect(sent.msg_id).toBeTruthy();
  });

  it('the simulator recipe for customer-service messages sends text and an image', async () => {
    const { appid, secret, openid, userId } = await scene();
    const code = withBase(blockFor(RUN.simCustomSend).code, herald.url);
    await finished(runModule(code, { appid, secret, openid, png: TINY_PNG }, { cwd: work }));
    const inbox = await sim<{ messages: { direction: string; msg_type: string; content?: string }[] }>(`/users/${userId}/inbox?account=${appid}`);
    expect(inbox.messages.filter((m) => m.direction === 'out').map((m) => m.msg_type)).toEqual(expect.arrayContaining(['text', 'image']));
    expect(JSON.stringify(inbox.messages)).toContain('Thanks for your message!');
  });

  it('the complete session in TypeScript runs and prints the inbox', async () => {
    const code = withBase(blockFor(RUN.simSessionTs).code, herald.url);
    const r = await finished(runModule(code, {}, { cwd: work }));
    expect(r.stdout).toContain('autoreply');
    expect(r.stdout).toContain("[ 'in text' ]");
  });

  it('the complete session in the shell runs with curl and jq', async () => {
    const code = withBase(blockFor(RUN.simSessionSh).code, herald.url);
    const r = await runProcess('bash', ['-euo', 'pipefail', '-c', code], work).exited;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('"messages"');
  });
});
