import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { collectRegistered } from '../../../../scripts/compat.js';
import { sdkPaths } from '../../../../test/sdkPaths.js';
import type { Services } from '../../../main/services.js';
import { CAPABILITIES } from '../../../modules/accounts/rules/capabilities.js';
import { defineApi, listApi } from '../kit.js';
import { isWechatApiPath } from '../unserved.js';
import { API_TABLE, apiEntry, dailyLimit, DEFAULT_DAILY_LIMIT, KNOWN_SDKS, quotaCapability, REFERENCE_SECTIONS } from './index.js';

describe('the WeChat API table', () => {
  it('has an entry for every registered path, and every entry marked implemented is registered', async () => {
    const registered = await collectRegistered();
    const paths = new Set(registered.map((r) => r.path));
    for (const r of registered) expect(apiEntry(r.path)?.status, `${r.path} is registered`).toBe('implemented');
    for (const e of API_TABLE) expect(paths.has(e.path), `${e.path} is marked ${e.status}`).toBe(e.status === 'implemented');
    // The capability and summary listed for a route are the table's.
    for (const r of registered) {
      expect(r.capability).toBe(apiEntry(r.path)?.capability);
      expect(r.summary).toBe(apiEntry(r.path)?.summary);
    }
  });

  it('refuses to register a route without an entry, or for a path marked not yet', () => {
    const app = Fastify();
    const services = {} as Services;
    const api = (path: string) => ({ path, methods: ['GET' as const], auth: 'token' as const, handler: async () => ({}) });
    expect(() => defineApi(app, services, api('/cgi-bin/no/such/api'))).toThrow(/no entry in the WeChat API table/);
    expect(() => defineApi(app, services, api('/datacube/getcardbizuininfo'))).toThrow(/not yet/);
    expect(() => listApi({ path: '/cgi-bin/unknown', methods: ['GET'], auth: 'none' })).toThrow(/no entry/);
  });

  it('holds well-formed facts: one entry per path, known sections and capabilities, positive limits, a summary', () => {
    expect(new Set(API_TABLE.map((e) => e.path)).size).toBe(API_TABLE.length);
    for (const e of API_TABLE) {
      expect(e.path).toMatch(/^\/[A-Za-z_\-/0-9]+$/);
      expect(Object.keys(REFERENCE_SECTIONS)).toContain(String(e.section));
      expect(e.capability === 'none' || e.capability in CAPABILITIES || (e.capability === 'unlisted' && e.status === 'not yet'), `${e.path} capability ${e.capability}`).toBe(true);
      if (e.dailyLimit !== undefined) expect(Number.isInteger(e.dailyLimit) && e.dailyLimit > 0).toBe(true);
      expect(e.summary.length).toBeGreaterThan(5);
    }
  });

  it("answers the reference's facts where the three former tables disagreed", () => {
    // freepublish is publishing, not materials; media/uploadnews belongs to mass send (§6).
    for (const p of ['submit', 'get', 'delete', 'getarticle', 'batchget']) expect(apiEntry(`/cgi-bin/freepublish/${p}`)?.capability).toBe('publish');
    expect(apiEntry('/cgi-bin/media/uploadnews')).toMatchObject({ capability: 'mass_tag', section: 6, dailyLimit: 10 });
    expect(apiEntry('/cgi-bin/media/uploadvideo')?.section).toBe(6);
    // Limits from reference §1.
    expect(dailyLimit('/cgi-bin/token')).toBe(2000);
    expect(dailyLimit('/cgi-bin/freepublish/delete')).toBe(10);
    expect(dailyLimit('/cgi-bin/draft/get')).toBe(500);
    expect(dailyLimit('/cgi-bin/user/get')).toBe(500);
    expect(dailyLimit('/cgi-bin/message/template/send')).toBe(100000);
    expect(dailyLimit('/cgi-bin/comment/list')).toBe(DEFAULT_DAILY_LIMIT);
    // Both kf path forms SDKs send are served with the same facts.
    expect(apiEntry('/cgi-bin/customservice/getkflist')?.capability).toBe('kf');
    expect(apiEntry('/customservice/getkflist')?.capability).toBe('kf');
  });

  it('gives the quota APIs a capability for served paths and documented limits only', () => {
    expect(quotaCapability('/cgi-bin/menu/create')).toBe('menu');
    expect(quotaCapability('/cgi-bin/message/template/send')).toBe('template'); // served, with a documented limit
    expect(quotaCapability('/cgi-bin/template/get_industry')).toBe('template'); // served
    expect(quotaCapability('/cgi-bin/media/get/jssdk')).toBe('jssdk_basic'); // served
    expect(quotaCapability('/card/create')).toBeUndefined(); // known, not served, no documented limit: 76021
    expect(quotaCapability('/cgi-bin/message/subscribe/bizsend')).toBe('template'); // served
    expect(quotaCapability('/cgi-bin/nothing')).toBeUndefined();
  });

  it('lists every path under WeChat\'s API prefixes an SDK in node_modules calls, with exactly the SDKs that call it', () => {
    for (const sdk of KNOWN_SDKS) {
      const known = sdkPaths(sdk);
      expect(known.size, sdk).toBeGreaterThan(2);
      for (const e of API_TABLE) expect(e.sdks.includes(sdk), `${sdk} and ${e.path}`).toBe(known.has(e.path));
      for (const p of known) if (isWechatApiPath(p)) expect(apiEntry(p), `${sdk} calls ${p}`).toBeDefined();
    }
    expect(quotaCapability('/card/create')).toBeUndefined(); // unlisted: the quota APIs answer 76021
  });
});
