/**
 * The README's promises for the `herald` command: the first start creates demo data and prints the
 * console login and both credential pairs, later starts keep the data, and `herald reset` wipes
 * it only when confirmed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, kill, root, startChild } from './child.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'herald-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function cli(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['bin/herald.mjs', ...args], {
    cwd: root,
    env: { ...process.env, HERALD_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    input: '',
    timeout: 60_000,
  });
}

describe('herald command', () => {
  it('first start seeds demo data and prints the login and the three credential pairs; a restart keeps them', async () => {
    const port = await freePort();
    const first = await startChild({ HERALD_DATA_DIR: dataDir, PORT: String(port), HERALD_DEMO: '1' });
    const out = first.output();
    expect(out).toMatch(/Console login: admin@herald\.local \/ herald-admin/);
    const pairs = [...out.matchAll(/AppID (wx[0-9a-f]{16})\s+AppSecret ([0-9a-f]{32})/g)];
    expect(pairs).toHaveLength(3);
    const [appid, secret] = [pairs[0][1], pairs[0][2]];
    const token = (await (await fetch(`http://127.0.0.1:${port}/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}`)).json()) as { access_token?: string };
    expect(token.access_token).toBeTruthy();
    await kill(first, 'SIGTERM');

    const second = await startChild({ HERALD_DATA_DIR: dataDir, PORT: String(port), HERALD_DEMO: '1' });
    expect(second.output()).toContain(appid);
    expect(second.output()).not.toContain(secret);
    const again = (await (await fetch(`http://127.0.0.1:${port}/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}`)).json()) as { access_token?: string };
    expect(again.access_token).toBeTruthy();
    await kill(second, 'SIGTERM');
  }, 300_000);

  it('reset refuses without confirmation and wipes with --yes', () => {
    expect(existsSync(dataDir)).toBe(true);
    const refused = cli(['reset']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/--yes/);
    expect(existsSync(dataDir)).toBe(true);
    const done = cli(['reset', '--yes']);
    expect(done.status).toBe(0);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('reports every configuration problem and exits', () => {
    const bad = cli(['migrate'], { PORT: 'eighty', HERALD_MODE: 'production' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/PORT/);
    expect(bad.stderr).toMatch(/HERALD_MODE/);
  });

  it('rejects an unknown command with the help text', () => {
    const r = cli(['frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Unknown command/);
    expect(r.stderr).toMatch(/reset \[--yes\]/);
  });
});
