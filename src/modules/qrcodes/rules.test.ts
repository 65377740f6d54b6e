import { describe, expect, it } from 'vitest';
import {
  newTemporaryQrCode,
  parseQrRequest,
  permanentQrCode,
  qrCodeOfTicket,
  qrTicketFor,
  qrUrlFor,
  QR_CODE_PATTERN,
} from './rules.js';

const scene = (s: Record<string, unknown>) => ({ action_info: { scene: s } });

describe('parseQrRequest', () => {
  it('reads the four kinds', () => {
    expect(parseQrRequest({ expire_seconds: 604800, action_name: 'QR_SCENE', ...scene({ scene_id: 123 }) })).toEqual({
      ok: true,
      request: { actionName: 'QR_SCENE', permanent: false, sceneId: 123, sceneStr: null, expireSeconds: 604800 },
    });
    expect(parseQrRequest({ action_name: 'QR_STR_SCENE', ...scene({ scene_str: 'test' }) })).toMatchObject({
      ok: true,
      request: { actionName: 'QR_STR_SCENE', sceneStr: 'test', sceneId: null, expireSeconds: 60 },
    });
    expect(parseQrRequest({ action_name: 'QR_LIMIT_SCENE', expire_seconds: 30, ...scene({ scene_id: 100000 }) })).toEqual({
      ok: true,
      request: { actionName: 'QR_LIMIT_SCENE', permanent: true, sceneId: 100000, sceneStr: null, expireSeconds: null },
    });
    expect(parseQrRequest({ action_name: 'QR_LIMIT_STR_SCENE', ...scene({ scene_str: '场景'.repeat(32) }) })).toMatchObject({
      ok: true,
      request: { permanent: true, sceneStr: '场景'.repeat(32) },
    });
  });

  it('expire_seconds: default 60, capped at 30 days, numeric strings accepted, junk refused', () => {
    const exp = (v: unknown) => {
      const r = parseQrRequest({ action_name: 'QR_SCENE', expire_seconds: v, ...scene({ scene_id: 1 }) });
      return r.ok ? r.request.expireSeconds : r.errcode;
    };
    expect(exp(undefined)).toBe(60);
    expect(exp(null)).toBe(60);
    expect(exp(0)).toBe(60);
    expect(exp(-5)).toBe(60);
    expect(exp(1)).toBe(1);
    expect(exp(2592000)).toBe(2592000);
    expect(exp(2592001)).toBe(2592000);
    expect(exp(1e300)).toBe(2592000);
    expect(exp('1800')).toBe(1800);
    expect(exp(90.7)).toBe(90);
    expect(exp('abc')).toBe(47001);
    expect(exp({})).toBe(47001);
    expect(exp([60])).toBe(47001);
    expect(exp(true)).toBe(47001);
  });

  it('40052 for an unknown action_name', () => {
    for (const action_name of [undefined, 'QR_FOO', 'qr_scene', 1, ['QR_SCENE'], null]) {
      expect(parseQrRequest({ action_name, ...scene({ scene_id: 1 }) })).toEqual({ ok: false, errcode: 40052, at: 'action_name' });
    }
  });

  it('40053 for a missing or out-of-range scene', () => {
    const bad: Array<[string, unknown]> = [
      ['QR_SCENE', {}],
      ['QR_SCENE', { action_info: {} }],
      ['QR_SCENE', { action_info: { scene: 'x' } }],
      ['QR_SCENE', scene({ scene_id: 0 })],
      ['QR_SCENE', scene({ scene_id: -1 })],
      ['QR_SCENE', scene({ scene_id: 4294967296 })],
      ['QR_SCENE', scene({ scene_id: 1.5 })],
      ['QR_SCENE', scene({ scene_id: 'abc' })],
      ['QR_SCENE', scene({ scene_str: 'abc' })],
      ['QR_LIMIT_SCENE', scene({ scene_id: 100001 })],
      ['QR_LIMIT_SCENE', scene({ scene_id: 0 })],
      ['QR_STR_SCENE', scene({ scene_str: '' })],
      ['QR_STR_SCENE', scene({ scene_str: 'x'.repeat(65) })],
      ['QR_STR_SCENE', scene({ scene_id: 5 })],
      ['QR_LIMIT_STR_SCENE', scene({ scene_str: 12 })],
    ];
    for (const [action_name, rest] of bad) {
      const r = parseQrRequest({ action_name, ...(rest as object) });
      expect(r, `${action_name} ${JSON.stringify(rest)}`).toMatchObject({ ok: false, errcode: 40053 });
    }
    expect(parseQrRequest({ action_name: 'QR_SCENE', ...scene({ scene_id: 4294967295 }) }).ok).toBe(true);
    expect(parseQrRequest({ action_name: 'QR_LIMIT_SCENE', ...scene({ scene_id: '42' }) })).toMatchObject({ ok: true, request: { sceneId: 42 } });
  });

  it('47001 for a body that is not an object', () => {
    for (const body of [null, undefined, 'x', 1, []]) expect(parseQrRequest(body)).toMatchObject({ ok: false, errcode: 47001 });
  });
});

describe('codes and tickets', () => {
  it('temporary codes are random 22-character base62 strings', () => {
    const a = newTemporaryQrCode();
    const b = newTemporaryQrCode();
    expect(a).toMatch(QR_CODE_PATTERN);
    expect(a).not.toBe(b);
  });

  it('permanent codes are stable per account and scene', () => {
    const acct = '00000000-0000-4000-8000-000000000001';
    expect(permanentQrCode(acct, 'QR_LIMIT_SCENE', 7)).toBe(permanentQrCode(acct, 'QR_LIMIT_SCENE', 7));
    expect(permanentQrCode(acct, 'QR_LIMIT_SCENE', 7)).not.toBe(permanentQrCode(acct, 'QR_LIMIT_STR_SCENE', '7'));
    expect(permanentQrCode(acct, 'QR_LIMIT_SCENE', 7)).not.toBe(permanentQrCode('00000000-0000-4000-8000-000000000002', 'QR_LIMIT_SCENE', 7));
    expect(permanentQrCode(acct, 'QR_LIMIT_SCENE', 7)).toMatch(QR_CODE_PATTERN);
  });

  it('a ticket is URL-safe and gives back its code; anything else gives nothing', () => {
    const code = newTemporaryQrCode();
    const ticket = qrTicketFor(code);
    expect(ticket).toMatch(/^gQ[\w-]+$/);
    expect(encodeURIComponent(ticket)).toBe(ticket);
    expect(qrCodeOfTicket(ticket)).toBe(code);
    for (const junk of ['', 'gQ', 'gQ!!', `${ticket}=`, ticket.slice(0, -1), 'x'.repeat(500), qrTicketFor('short'), 'gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRtNzJXV1Brb3ZhYmJJAAIEZ23sUwMEmm3sUw==']) {
      expect(qrCodeOfTicket(junk), junk.slice(0, 40)).toBeUndefined();
    }
  });

  it('the URL is <publicUrl>/q/<code>', () => {
    expect(qrUrlFor('https://herald.example/', 'abc')).toBe('https://herald.example/q/abc');
    expect(qrUrlFor('http://127.0.0.1:8080', 'abc')).toBe('http://127.0.0.1:8080/q/abc');
  });
});
