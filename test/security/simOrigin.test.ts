/**
 * Finding 3: a web page must not be able to drive the emulator. Raw HTTP against a listening
 * Herald: the simulator refuses bodies not declared JSON (a Blob or `no-cors` fetch sends none
 * or text/plain), requests another origin's page makes, and a Host that is not Herald's (DNS
 * rebinding); the console and phone APIs refuse such a Host too.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb, startTestHerald, type TestHerald } from '../harness.js';
import { hostAllowed, hostMatcher } from '../../src/platform/http/hostGuard.js';
import { isJsonType } from '../../src/surfaces/sim/kit.js';
import { loadConfig } from '../../src/main/config.js';

interface Raw {
  status: number;
  body: string;
  json: { error?: { code: string; message: string } } & Record<string, unknown>;
}

/** One request exactly as given: no header is added but Host (and Content-Length for a body). */
function raw(base: string, method: string, path: string, headers: Record<string, string>, body?: Buffer | string): Promise<Raw> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, setHost: !('host' in headers) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json = {};
        try {
          json = JSON.parse(text);
        } catch {
          // not JSON
        }
        resolve({ status: res.statusCode ?? 0, body: text, json });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('host and type rules', () => {
  it('JSON types', () => {
    for (const t of ['application/json', 'application/json; charset=utf-8', 'Application/JSON', 'application/problem+json']) expect(isJsonType(t), t).toBe(true);
    for (const t of [undefined, '', 'text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp', 'text/json'])
      expect(isJsonType(t), String(t)).toBe(false);
  });

  it("Herald's names: public URL, listen address, HERALD_ALLOWED_HOSTS, localhost; any IP literal as Host", () => {
    const isOwn = hostMatcher({ publicUrl: 'https://herald.example.com', listenHost: '0.0.0.0', extraHosts: ['emu.test', '.corp.example'] });
    for (const h of ['herald.example.com', 'HERALD.example.com:443', 'herald.example.com.', 'emu.test:8080', 'a.corp.example', 'corp.example', 'localhost:8080', 'app.localhost', '127.0.0.1:8080', '[::1]:8080', '10.1.2.3', '[2001:db8::1]'])
      expect(hostAllowed(h, isOwn), h).toBe(true);
    for (const h of ['attacker.example', 'attacker.example:8080', 'herald.example.com.attacker.example', 'xcorp.example', 'localhost.attacker.example', ''])
      expect(hostAllowed(h, isOwn), h).toBe(false);
    expect(loadConfig({ HERALD_ALLOWED_HOSTS: 'Emu.Test, .corp.example' }).allowedHosts).toEqual(['emu.test', '.corp.example']);
  });
});

describeEachDb('simulator, console and phone APIs from other web pages', (kind) => {
  let herald: TestHerald;
  let extra: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind, { listen: true });
    extra = await startTestHerald(kind, { listen: true, env: { HERALD_ALLOWED_HOSTS: 'emulator.test' } });
  });
  afterAll(async () => {
    await herald.close();
    await extra.close();
  });

  const advance = JSON.stringify({ seconds: 3600 });

  it('a body without a Content-Type (a Blob, a no-cors fetch) is refused with 415 and changes nothing', async () => {
    const before = herald.services.clock.offsetMs();
    const res = await raw(herald.url, 'POST', '/sim/v1/clock/advance', {}, Buffer.from(advance));
    expect(res.status).toBe(415);
    expect(res.json.error).toEqual({ code: 'unsupported_media_type', message: 'Send the body as JSON with Content-Type: application/json.' });
    for (const type of ['text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream']) {
      const r = await raw(herald.url, 'POST', '/sim/v1/accounts', { 'content-type': type }, JSON.stringify({ type: 'service' }));
      expect(r.status, type).toBe(415);
    }
    expect(herald.services.clock.offsetMs()).toBe(before);
    const ok = await raw(herald.url, 'POST', '/sim/v1/clock/advance', { 'content-type': 'application/json; charset=utf-8' }, advance);
    expect(ok.status).toBe(200);
    expect(herald.services.clock.offsetMs()).toBe(before + 3_600_000);
  });

  it("another origin's page is refused (also without a body), the emulator's own pages are not", async () => {
    const before = herald.services.clock.offsetMs();
    for (const origin of ['https://attacker.example', 'null', 'http://1.2.3.4', 'http://127.0.0.1.attacker.example:80', 'file://']) {
      const r = await raw(herald.url, 'POST', '/sim/v1/clock/advance', { 'content-type': 'application/json', origin }, advance);
      expect(r.status, origin).toBe(403);
      expect(r.json.error?.code).toBe('origin_not_allowed');
      const empty = await raw(herald.url, 'POST', '/sim/v1/accounts', { origin });
      expect(empty.status, origin).toBe(403);
    }
    expect(herald.services.clock.offsetMs()).toBe(before);
    const port = new URL(herald.url).port;
    for (const origin of [herald.url, `http://localhost:${port}`]) {
      const r = await raw(herald.url, 'GET', '/sim/v1/clock', { origin });
      expect(r.status, origin).toBe(200);
    }
  });

  it('a rebinding Host is refused on the simulator, console and phone APIs (phone tokens included)', async () => {
    const port = new URL(herald.url).port;
    for (const path of ['/sim/v1/clock', '/sim/v1/users/u1/phone-token', '/console/api/me', '/phone/api/accounts', '/phone/ws']) {
      const method = path.endsWith('phone-token') ? 'POST' : 'GET';
      const r = await raw(herald.url, method, path, { host: `attacker.example:${port}` });
      expect(r.status, path).toBe(421);
      expect(r.json.error?.code).toBe('host_not_allowed');
    }
    // Pages and the WeChat API are not browser-session surfaces: they are unaffected.
    expect((await raw(herald.url, 'GET', '/cgi-bin/getcallbackip', { host: `attacker.example:${port}` })).status).toBe(200);
    expect((await raw(herald.url, 'GET', '/sim/v1/clock', { host: `localhost:${port}` })).status).toBe(200);
  });

  it('HERALD_ALLOWED_HOSTS adds names', async () => {
    const port = new URL(extra.url).port;
    expect((await raw(extra.url, 'GET', '/sim/v1/clock', { host: `emulator.test:${port}` })).status).toBe(200);
    expect((await raw(extra.url, 'GET', '/sim/v1/clock', { host: `emulator.test:${port}`, origin: `http://emulator.test:${port}` })).status).toBe(200);
    expect((await raw(extra.url, 'GET', '/sim/v1/clock', { host: `other.test:${port}` })).status).toBe(421);
  });
});
