import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aesGcmDecrypt, aesGcmEncrypt, parseAuthorization, requestMessage, responseMessage, rsaSign, rsaVerify } from './crypto.js';
import { selfSignedCertificate } from './certificate.js';

const pair = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });

describe('APIv3 signatures', () => {
  it('parses Authorization by key, in any order', () => {
    const a = parseAuthorization('WECHATPAY2-SHA256-RSA2048 mchid="1900000001",nonce_str="abc",timestamp="1554208460",serial_no="1DDE",signature="c2ln"');
    const b = parseAuthorization('WECHATPAY2-SHA256-RSA2048 mchid="1900000001",serial_no="1DDE",timestamp="1554208460",nonce_str="abc",signature="c2ln"');
    expect(a).toEqual({ mchid: '1900000001', nonce_str: 'abc', timestamp: '1554208460', serial_no: '1DDE', signature: 'c2ln' });
    expect(b).toEqual(a);
  });

  it('refuses other schemes, missing or repeated keys and trailing garbage', () => {
    for (const h of [undefined, '', 'Basic x', 'WECHATPAY2-SHA256-RSA2048 mchid="1"', 'WECHATPAY2-SHA256-RSA2048 mchid="1",mchid="1",nonce_str="a",timestamp="1",serial_no="s",signature="x"', 'WECHATPAY2-SHA256-RSA2048 mchid="1",nonce_str="a",timestamp="1",serial_no="s",signature="x" junk']) {
      expect(parseAuthorization(h)).toBeNull();
    }
  });

  it('builds the request and response messages with a trailing line feed each', () => {
    expect(requestMessage('GET', '/v3/certificates', '1554208460', 'n', '')).toBe('GET\n/v3/certificates\n1554208460\nn\n\n');
    expect(responseMessage('1', 'n', '')).toBe('1\nn\n\n');
  });

  it('signs and verifies SHA256withRSA, refusing anything else', () => {
    const sig = rsaSign('hello\n', pair.privateKey);
    expect(rsaVerify('hello\n', sig, pair.publicKey)).toBe(true);
    expect(rsaVerify('hello!\n', sig, pair.publicKey)).toBe(false);
    expect(rsaVerify('hello\n', 'WECHATPAY/SIGNTEST/xyz', pair.publicKey)).toBe(false);
    expect(rsaVerify('hello\n', '', pair.publicKey)).toBe(false);
  });

  it('round-trips AEAD_AES_256_GCM with a 12-character nonce; a wrong key fails', () => {
    const key = 'A'.repeat(32);
    const enc = aesGcmEncrypt('{"a":1}', key, 'transaction');
    expect(enc.nonce).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(aesGcmDecrypt(enc, key)).toBe('{"a":1}');
    expect(() => aesGcmDecrypt(enc, 'B'.repeat(32))).toThrow();
  });
});

describe('the platform certificate', () => {
  it('is a valid self-signed X.509 certificate with the serial and key given', () => {
    const spkiDer = Buffer.from(pair.publicKey.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    const pem = selfSignedCertificate({ serialHex: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1', commonName: 'Tenpay.com Root CA', organization: 'Test', notBefore: new Date('2026-01-01T00:00:00Z'), notAfter: new Date('2031-01-01T00:00:00Z'), spkiDer, privateKeyPem: pair.privateKey });
    const cert = new X509Certificate(pem);
    expect(cert.serialNumber.toUpperCase()).toBe('5157F09EFDC096DE15EBE81A47057A7232F1B8E1');
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.subject).toContain('CN=Tenpay.com Root CA');
    expect(new Date(cert.validTo).getUTCFullYear()).toBe(2031);
  });
});
