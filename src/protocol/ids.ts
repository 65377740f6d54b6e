import { randomBytes, createHash, timingSafeEqual } from 'node:crypto';

/** AppID: `wx` + 16 hex. */
export const newAppid = () => `wx${randomBytes(8).toString('hex')}`;
/** AppSecret: 32 hex. */
export const newAppSecret = () => randomBytes(16).toString('hex');
/** Original id (ToUserName in pushes): `gh_` + 12 hex. */
export const newOriginalId = () => `gh_${randomBytes(6).toString('hex')}`;

const B64URL = /[+/=]/g;
const base64url = (b: Buffer) => b.toString('base64').replace(B64URL, (c) => (c === '+' ? '-' : c === '/' ? '_' : ''));

/** openid: 28 characters, `o` + 27 url-safe base64 characters, as WeChat's look. */
export const newOpenid = () => `o${base64url(randomBytes(24)).slice(0, 27)}`;
/** unionid: 28 characters, `o` + 27 url-safe base64 characters. */
export const newUnionid = () => `o${base64url(randomBytes(24)).slice(0, 27)}`;
/** access_token: a long opaque string in WeChat's shape (`NN_` + url-safe characters), 150+ chars. */
export const newAccessToken = () => `${80 + Math.floor(Math.random() * 19)}_${base64url(randomBytes(112))}`;

/** Hash of an AppSecret as stored: sha256(salt || secret). AppSecrets are 128-bit random. */
export function hashSecret(secret: string, salt: string): string {
  return createHash('sha256').update(salt).update(secret).digest('hex');
}

export function secretMatches(secret: string, salt: string, expectedHex: string): boolean {
  const a = Buffer.from(hashSecret(secret, salt), 'hex');
  const b = Buffer.from(expectedHex, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export const newSalt = () => randomBytes(16).toString('hex');
