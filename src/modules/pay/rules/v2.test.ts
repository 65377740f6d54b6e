import { describe, expect, it } from 'vitest';
import { decryptReqInfo, encryptReqInfo, parseV2Time, v2Sign, v2SignString, v2SignTypeOf, v2Time, v2Verify } from './v2.js';

describe('APIv2 signatures', () => {
  const params = { appid: 'wxd930ea5d5a258f4f', mch_id: '10000100', device_info: '1000', body: 'test', nonce_str: 'ibuaiVcKdpRxkhJA' };
  const key = '192006250b4c09247ec02edce69f6a2d';

  it('matches the documented vector (MD5 and HMAC-SHA256)', () => {
    expect(v2SignString(params, key)).toBe('appid=wxd930ea5d5a258f4f&body=test&device_info=1000&mch_id=10000100&nonce_str=ibuaiVcKdpRxkhJA&key=192006250b4c09247ec02edce69f6a2d');
    expect(v2Sign(params, key)).toBe('9A0A8659F005D6984697E2CA0A9CF3B7');
    expect(v2Sign(params, key, 'HMAC-SHA256')).toBe('6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6');
  });

  it('leaves out empty values and sign, and verifies', () => {
    expect(v2Sign({ ...params, attach: '', sign: 'X' }, key)).toBe('9A0A8659F005D6984697E2CA0A9CF3B7');
    expect(v2Verify({ ...params, sign: '9a0a8659f005d6984697e2ca0a9cf3b7' }, key, 'MD5')).toBe(true);
    expect(v2Verify({ ...params, sign: '9A0A8659F005D6984697E2CA0A9CF3B8' }, key, 'MD5')).toBe(false);
    expect(v2Verify({ ...params }, key, 'MD5')).toBe(false);
    expect(v2SignTypeOf(undefined)).toBe('MD5');
    expect(v2SignTypeOf('HMAC-SHA256')).toBe('HMAC-SHA256');
    expect(v2SignTypeOf('SHA1')).toBeUndefined();
  });

  it('formats and reads yyyyMMddHHmmss in China time', () => {
    const ms = Date.parse('2026-01-02T03:04:05Z');
    expect(v2Time(ms)).toBe('20260102110405');
    expect(parseV2Time('20260102110405')).toBe(ms);
    expect(parseV2Time('20261302110405')).toBeUndefined();
    expect(parseV2Time('2026-01-02')).toBeUndefined();
  });

  it('encrypts req_info with AES-256-ECB under md5(key)', () => {
    const plain = '<root><out_refund_no><![CDATA[R1]]></out_refund_no></root>';
    const b64 = encryptReqInfo(plain, key);
    expect(decryptReqInfo(b64, key)).toBe(plain);
    expect(() => decryptReqInfo(b64, 'x'.repeat(32))).toThrow();
  });
});
