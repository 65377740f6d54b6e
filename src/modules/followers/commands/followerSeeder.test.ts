import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { root } from '../../../../test/child.js';
import { parseSeedArgs } from '../../../main/cliSeed.js';
import { seedFollowers } from './followerSeeder.js';

describeEachDb('herald seed --followers', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind, { env: { HERALD_ROLE: 'web' } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('creates followers in WeChat shape, subscribed, with unionids in the organization', async () => {
    const { account, orgId } = await makeAccount(h.services);
    const seen: number[] = [];
    const r = await seedFollowers(h.services, { count: 1234, appid: account.appid, onProgress: (done) => seen.push(done) });
    expect(r).toEqual({ appid: account.appid, accountName: account.name, created: 1234 });
    expect(seen).toEqual([0, 1234]);
    const rows = await h.database.rows<{ openid: string; unionid: string; subscribed: boolean; subscribed_at: string; subscribe_scene: string; u_unionid: string; nickname: string }>(sql`
      select f.openid, f.unionid, f.subscribed, f.subscribed_at, f.subscribe_scene, u.unionid as u_unionid, fu.nickname
        from follows f join union_ids u on u.user_id = f.user_id and u.org_id = ${orgId}
        join follower_users fu on fu.id = f.user_id
       where f.account_id = ${account.id}`);
    expect(rows).toHaveLength(1234);
    expect(new Set(rows.map((x) => x.openid)).size).toBe(1234);
    for (const x of rows) {
      expect(x.openid).toMatch(/^o[A-Za-z0-9_-]{27}$/);
      expect(x.unionid).toMatch(/^o[A-Za-z0-9_-]{27}$/);
      expect(x.u_unionid).toBe(x.unionid);
      expect(x.subscribed).toBe(true);
      expect(new Date(x.subscribed_at).getTime()).toBeLessThan(h.services.clock.nowMs());
      expect(x.subscribe_scene).toMatch(/^ADD_SCENE_[A-Z_]+$/);
    }
    // A second run adds new followers, never reusing an openid.
    await seedFollowers(h.services, { count: 10, appid: account.appid });
    const [n] = await h.database.rows<{ n: number; d: number }>(sql`select count(*)::int as n, count(distinct openid)::int as d from follows where account_id = ${account.id}`);
    expect(n).toEqual({ n: 1244, d: 1244 });
  });

  it('refuses a bad count and an unknown account with a clear error', async () => {
    for (const count of [0, -1, 1.5, Number.NaN, 10_000_001]) {
      await expect(seedFollowers(h.services, { count })).rejects.toMatchObject({ code: 'invalid_request' });
    }
    await expect(seedFollowers(h.services, { count: 1, appid: 'wx0000000000000000' })).rejects.toMatchObject({ code: 'not_found', message: 'No account with AppID wx0000000000000000.' });
  });
});

describe('herald seed arguments', () => {
  it('parses --followers and --account, both spellings', () => {
    expect(parseSeedArgs(['--followers', '1000000'])).toEqual({ count: 1_000_000, appid: undefined });
    expect(parseSeedArgs(['--followers=1_000', '--account=wx0123456789abcdef'])).toEqual({ count: 1000, appid: 'wx0123456789abcdef' });
  });

  it.each([
    [[], '--followers N is required.'],
    [['--followers'], '--followers needs a value.'],
    [['--followers', '--account', 'wx1'], '--followers needs a value.'],
    [['--followers', 'lots'], '--followers must be a whole number'],
    [['--followers', '0'], '--followers must be a whole number'],
    [['--followers', '99999999999'], '--followers must be a whole number'],
    [['--followers', '5', '--account', "wx1'; drop table follows"], '--account must be an AppID'],
    [['--followers', '5', '--force'], 'Unknown option "--force".'],
  ])('refuses %j', (args, message) => {
    expect(parseSeedArgs(args as string[])).toContain(message);
  });

  it('exits with status 2 and says why: bad arguments, and no account to seed', () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'herald-seed-'));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, HERALD_DATA_DIR: dataDir, HERALD_MODE: 'emulator', LOG_LEVEL: 'warn' };
      delete env.DATABASE_URL;
      const bad = spawnSync(process.execPath, ['bin/herald.mjs', 'seed', '--followers', 'many'], { cwd: root, env, encoding: 'utf8' });
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('--followers must be a whole number from 1 to 10,000,000 (got "many").');
      expect(bad.stderr).toContain('Usage: herald seed --followers N [--account <appid>]');
      const empty = spawnSync(process.execPath, ['bin/herald.mjs', 'seed', '--followers', '3'], { cwd: root, env, encoding: 'utf8' });
      expect(empty.status).toBe(2);
      expect(empty.stderr).toContain('There is no account yet');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
