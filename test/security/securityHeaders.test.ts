/**
 * Finding 12: the console, the phone, their APIs, the simulator and the reader pages carry a
 * CSP, frame-ancestors / X-Frame-Options, nosniff and a Referrer-Policy. The built web app's
 * HTML must run under its CSP: no inline script.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb, startTestHerald, type TestHerald } from '../harness.js';
import { API_CSP, APP_CSP, READER_CSP, surfaceOf } from '../../src/platform/http/securityHeaders.js';
import { WEB_DIST } from '../../src/platform/paths.js';
import { signedInOperator } from '../consoleFixtures.js';

describe('which policy a path gets', () => {
  it('app pages, APIs, reader pages; WeChat APIs and media keep their own answers', () => {
    expect(surfaceOf('/console')).toBe('app');
    expect(surfaceOf('/console/accounts/wx1?x=1')).toBe('app');
    expect(surfaceOf('/phone')).toBe('app');
    expect(surfaceOf('/assets/index-1.js')).toBe('app');
    expect(surfaceOf('/console/api/me')).toBe('api');
    expect(surfaceOf('/phone/api/accounts')).toBe('api');
    expect(surfaceOf('/sim/v1/clock')).toBe('api');
    expect(surfaceOf('/s/abc')).toBe('reader');
    expect(surfaceOf('/cgi-bin/token')).toBeUndefined();
    expect(surfaceOf('/media/m1')).toBeUndefined();
    expect(surfaceOf('/sitemap.xml')).toBeUndefined();
  });

  it('the app policy allows no inline or foreign script and no framing', () => {
    const directives = Object.fromEntries(APP_CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(API_CSP).toContain("frame-ancestors 'none'");
    expect(READER_CSP).toContain("frame-ancestors 'self'");
    expect(READER_CSP).not.toContain('script-src');
  });

  it.runIf(existsSync(path.join(WEB_DIST, 'index.html')))('the built index.html has no inline script', () => {
    const html = readFileSync(path.join(WEB_DIST, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc="\//);
      expect(body.trim()).toBe('');
    }
  });
});

describeEachDb('security headers on the browser surfaces', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterAll(async () => {
    await herald.close();
  });

  const expectHeaders = (headers: Record<string, unknown>, csp: string, frame: string) => {
    expect(headers['content-security-policy']).toBe(csp);
    expect(headers['x-frame-options']).toBe(frame);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  };

  it('console and phone pages (and the app shell when it is not built)', async () => {
    for (const url of ['/console', '/console/accounts', '/phone', '/phone/chats']) {
      const res = await herald.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBeLessThan(500);
      expectHeaders(res.headers, APP_CSP, 'DENY');
    }
  });

  it('console, phone and simulator APIs, errors included', async () => {
    const { client } = await signedInOperator(herald.app, herald.services);
    expectHeaders((await client.get('/console/api/me')).headers, API_CSP, 'DENY');
    expectHeaders((await herald.app.inject({ method: 'GET', url: '/console/api/me' })).headers, API_CSP, 'DENY');
    expectHeaders((await herald.app.inject({ method: 'GET', url: '/phone/api/accounts' })).headers, API_CSP, 'DENY');
    expectHeaders((await herald.app.inject({ method: 'GET', url: '/sim/v1/clock' })).headers, API_CSP, 'DENY');
    expectHeaders((await herald.app.inject({ method: 'POST', url: '/sim/v1/accounts', headers: { 'content-type': 'text/plain' }, payload: '{}' })).headers, API_CSP, 'DENY');
  });

  it('reader pages, a missing article included', async () => {
    const res = await herald.app.inject({ method: 'GET', url: '/s/does-not-exist' });
    expectHeaders(res.headers, READER_CSP, 'SAMEORIGIN');
  });

  it('WeChat API answers are unchanged', async () => {
    const res = await herald.app.inject({ method: 'GET', url: '/cgi-bin/token?grant_type=client_credential&appid=x&secret=y' });
    expect(res.headers['content-security-policy']).toBeUndefined();
    expect(res.headers['content-type']).toBe('application/json; encoding=utf-8');
  });
});
