/**
 * WeChat Pay APIv3's cryptography (reference wechat-pay.md §1, §4.3), pure: the request and
 * response signing messages, the Authorization header, SHA256withRSA, AEAD_AES_256_GCM.
 */
import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, randomBytes, sign, verify, type KeyObject } from 'node:crypto';

/** The scheme of the Authorization header and of Wechatpay-Signature-Type. */
export const SIGNATURE_TYPE = 'WECHATPAY2-SHA256-RSA2048';

/** The five Authorization parameters, parsed by key (their order is free). */
export interface AuthorizationParams {
  mchid: string;
  nonce_str: string;
  timestamp: string;
  serial_no: string;
  signature: string;
}

const AUTH_KEYS = ['mchid', 'nonce_str', 'timestamp', 'serial_no', 'signature'] as const;

/**
 * Parses `WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",…`: the scheme, then
 * comma-separated `key="value"` pairs in any order. Null when the scheme, a key or the syntax
 * is wrong, a key repeats, or the header is too long to be one.
 */
export function parseAuthorization(header: string | undefined): AuthorizationParams | null {
  if (!header || header.length > 2048) return null;
  const space = header.indexOf(' ');
  if (space < 0 || header.slice(0, space) !== SIGNATURE_TYPE) return null;
  const found: Partial<Record<string, string>> = {};
  const pair = /\s*([a-z_]+)="([^"]*)"\s*(,|$)/gy;
  const rest = header.slice(space + 1);
  pair.lastIndex = 0;
  for (;;) {
    const m = pair.exec(rest);
    // A pair that does not parse (exec resets lastIndex to 0) leaves text behind: refused below.
    if (m === null) break;
    if (m[1] in found) return null;
    found[m[1]] = m[2];
    if (m[3] === '') break;
  }
  if (pair.lastIndex !== rest.length) return null;
  for (const k of AUTH_KEYS) if (!found[k]) return null;
  return { mchid: found.mchid!, nonce_str: found.nonce_str!, timestamp: found.timestamp!, serial_no: found.serial_no!, signature: found.signature! };
}

/** The message a request is signed over: `METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n`. */
export function requestMessage(method: string, url: string, timestamp: string, nonce: string, body: string): string {
  return `${method}\n${url}\n${timestamp}\n${nonce}\n${body}\n`;
}

/** The message a response or notification is signed over: `TIMESTAMP\nNONCE\nBODY\n`. */
export function responseMessage(timestamp: string, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}\n`;
}

/**
 * Parsed keys by PEM: parsing an RSA key on every request is work repeated per request, and a
 * merchant's keys do not change. Bounded; the oldest goes first.
 */
const KEY_CACHE_SIZE = 512;
const keys = new Map<string, KeyObject>();
function keyOf(pem: string, kind: 'private' | 'public'): KeyObject {
  const id = `${kind}:${pem}`;
  let key = keys.get(id);
  if (!key) {
    key = kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
    if (keys.size >= KEY_CACHE_SIZE) keys.delete(keys.keys().next().value as string);
    keys.set(id, key);
  }
  return key;
}

/** SHA256withRSA (PKCS#1 v1.5), Base64. */
export function rsaSign(message: string, privateKeyPem: string): string {
  return sign('sha256', Buffer.from(message, 'utf8'), keyOf(privateKeyPem, 'private')).toString('base64');
}

/** Checks a Base64 SHA256withRSA signature; false on any malformed input. */
export function rsaVerify(message: string, signature: string, publicKeyPem: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature) || signature.length > 1024) return false;
  try {
    return verify('sha256', Buffer.from(message, 'utf8'), keyOf(publicKeyPem, 'public'), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** Whether a PEM text is an RSA public key of 2048 bits or more (SPKI or in a certificate). */
export function isRsaPublicKey(pem: string): boolean {
  try {
    const key = createPublicKey(pem);
    return key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048;
  } catch {
    return false;
  }
}

/** The SPKI PEM of a public key or certificate PEM. */
export function spkiPem(pem: string): string {
  return createPublicKey(pem).export({ type: 'spki', format: 'pem' }).toString();
}

/** Letters and digits, as WeChat's nonces are. */
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random alphanumeric string of `length` characters. */
export function randomAlnum(length: number): string {
  const bytes = randomBytes(length);
  let s = '';
  for (let i = 0; i < length; i++) s += ALNUM[bytes[i] % ALNUM.length];
  return s;
}

/** A random string of decimal digits. */
export function randomDigits(length: number): string {
  const bytes = randomBytes(length);
  let s = '';
  for (let i = 0; i < length; i++) s += String(bytes[i] % 10);
  return s;
}

/** The encrypted `resource` of a notification, or `encrypt_certificate` of /v3/certificates. */
export interface EncryptedResource {
  algorithm: 'AEAD_AES_256_GCM';
  ciphertext: string;
  associated_data: string;
  nonce: string;
}

/** AEAD_AES_256_GCM under the APIv3 key: Base64(ciphertext ‖ 16-byte tag), a 12-character nonce. */
export function aesGcmEncrypt(plaintext: string, apiV3Key: string, associatedData: string): EncryptedResource {
  const nonce = randomAlnum(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { algorithm: 'AEAD_AES_256_GCM', ciphertext: ct.toString('base64'), associated_data: associatedData, nonce };
}

/** The inverse of aesGcmEncrypt (tests and tools); throws when the key or tag is wrong. */
export function aesGcmDecrypt(resource: Pick<EncryptedResource, 'ciphertext' | 'associated_data' | 'nonce'>, apiV3Key: string): string {
  const data = Buffer.from(resource.ciphertext, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(resource.nonce, 'utf8'));
  decipher.setAuthTag(data.subarray(data.length - 16));
  decipher.setAAD(Buffer.from(resource.associated_data, 'utf8'));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
}
