/**
 * The screenshot tool (`npm run screenshots`, scripts/screenshots.mjs) runs: on two pages, one
 * language and one size, it starts Herald with its demo data, signs in, photographs the pages,
 * reports its progress on stderr and draws a labelled contact sheet. Needs web/dist
 * (`npm run build:web`).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from '../child.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** A PNG's width and height (IHDR). */
const sizeOf = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

describe('the screenshot tool', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'herald-shots-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('photographs the pages it is given, with progress, and draws a contact sheet', async () => {
    const args = ['scripts/screenshots.mjs', dir, '--only', 'console-01-accounts,phone-6-me', '--langs', 'zh-CN', '--sizes', 'phone'];
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.resume();
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/^1\/2 zh-CN-phone-console-01-accounts$/m);
    expect(stderr).toMatch(/^2\/2 zh-CN-phone-phone-6-me$/m);

    const files = readdirSync(dir).sort();
    expect(files).toEqual(['index.txt', 'sheet-zh-CN-phone-01.png', 'zh-CN-phone-console-01-accounts.png', 'zh-CN-phone-phone-6-me.png']);
    for (const f of files.filter((n) => n.endsWith('.png'))) expect(readFileSync(path.join(dir, f)).subarray(0, 8).equals(PNG_SIGNATURE), f).toBe(true);
    // Phone size, the viewport only for the phone; the sheet holds both shots side by side.
    expect(sizeOf(readFileSync(path.join(dir, 'zh-CN-phone-phone-6-me.png')))).toEqual({ width: 390, height: 844 });
    const sheet = sizeOf(readFileSync(path.join(dir, 'sheet-zh-CN-phone-01.png')));
    expect(sheet.width).toBeGreaterThan(2 * 300);
    expect(readFileSync(path.join(dir, 'index.txt'), 'utf8')).toBe('1\tzh-CN-phone-console-01-accounts.png\n2\tzh-CN-phone-phone-6-me.png\n');
  }, 300_000);
});
