/**
 * The built web app: hashed assets are cached for good and sent compressed; pages are revalidated.
 * Needs web/dist (`npm test` builds it; otherwise `npm run build:web`).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, startTestHerald, type TestHerald } from '../../test/harness.js';
import { webDist } from './web.js';

describeEachDb('the web app is served cached and compressed', (kind) => {
  let herald: TestHerald;
  let script: string;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
    script = readdirSync(path.join(webDist, 'assets')).find((f) => /^index-.*\.js$/.test(f))!;
    expect(script, 'web/dist is built').toBeTruthy();
  });
  afterAll(async () => herald?.close());

  it('sends a hashed asset with brotli or gzip as the browser accepts, cached as immutable', async () => {
    const br = await herald.app.inject({ method: 'GET', url: `/assets/${script}`, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['content-type']).toMatch(/javascript/);

    const gz = await herald.app.inject({ method: 'GET', url: `/assets/${script}`, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');

    const plain = await herald.app.inject({ method: 'GET', url: `/assets/${script}`, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(br.rawPayload.length * 2);
  });

  it('revalidates the pages themselves', async () => {
    for (const url of ['/console', '/console/accounts', '/phone']) {
      const res = await herald.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.body).toContain('<div id="root">');
    }
  });

  it('answers 404 for a missing asset and for paths that climb out of the build', async () => {
    for (const url of ['/assets/nope-123.js', '/assets/..%2f..%2fpackage.json', '/assets/%2e%2e/%2e%2e/package.json']) {
      const res = await herald.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('"dependencies"');
    }
  });
});
