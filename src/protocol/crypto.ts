import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * WeChat's callback signatures and safe-mode message encryption (WXBizMsgCrypt), reference §4.
 * node:crypto only. Encryption is AES-256-CBC with IV = key[0:16] and PKCS#7 padding to a
 * 32-byte block (not 16), over `random16 || uint32be(len) || msg || appid`.
 */

/** Why a message could not be decrypted; callers branch on `reason`, never on the text. */
export class WxCryptError extends Error {
  constructor(
    readonly reason: 'bad_key' | 'bad_base64' | 'bad_length' | 'bad_padding' | 'bad_layout' | 'appid_mismatch' | 'bad_signature',
    message: string,
  ) {
    super(message);
    this.name = 'WxCryptError';
  }
}

const sha1 = (parts: string[]) => createHash('sha1').update([...parts].sort().join('')).digest('hex');

/** URL-verification and push `signature`: sha1 of the sorted [token, timestamp, nonce]. */
export function signature(token: string, timestamp: string, nonce: string): string {
  return sha1([token, timestamp, nonce]);
}

/** Safe-mode `msg_signature`: sha1 of the sorted [token, timestamp, nonce, encrypt]. */
export function msgSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return sha1([token, timestamp, nonce, encrypt]);
}

/** Constant-time comparison of two hex signatures (false for different lengths). */
export function signaturesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

const AES_KEY_RE = /^[A-Za-z0-9+/]{43}$/;
const BLOCK = 32;

/** The 32-byte AES key of an EncodingAESKey (43 base64 characters). */
export function aesKeyBytes(encodingAesKey: string): Buffer {
  if (!AES_KEY_RE.test(encodingAesKey)) {
    throw new WxCryptError('bad_key', 'EncodingAESKey must be 43 base64 characters.');
  }
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (key.length !== 32) throw new WxCryptError('bad_key', 'EncodingAESKey does not decode to 32 bytes.');
  return key;
}

function pad(buf: Buffer): Buffer {
  const n = BLOCK - (buf.length % BLOCK);
  return Buffer.concat([buf, Buffer.alloc(n, n)]);
}

/**
 * Encrypts a message for an account (safe/compatible mode). `random16` is only for test
 * vectors; production uses 16 random bytes. Returns the base64 ciphertext (the Encrypt field).
 */
export function encrypt(encodingAesKey: string, appid: string, message: string, random16?: string | Buffer): string {
  const key = aesKeyBytes(encodingAesKey);
  const random = random16 === undefined ? randomBytes(16) : Buffer.from(random16);
  if (random.length !== 16) throw new WxCryptError('bad_layout', 'The random prefix must be 16 bytes.');
  const msg = Buffer.from(message, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(msg.length, 0);
  const plain = pad(Buffer.concat([random, len, msg, Buffer.from(appid, 'utf8')]));
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}

const B64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Decrypts an Encrypt field and checks the padding, the length prefix and the trailing appid.
 * Throws WxCryptError on any tampering or malformed input. Pass `appid: null` to accept any
 * appid (the result still reports the one found).
 */
export function decrypt(encodingAesKey: string, appid: string | null, encrypted: string): { message: string; appid: string } {
  const key = aesKeyBytes(encodingAesKey);
  const text = encrypted.trim();
  if (text.length === 0 || text.length % 4 !== 0 || !B64_RE.test(text)) {
    throw new WxCryptError('bad_base64', 'Encrypt is not valid base64.');
  }
  const data = Buffer.from(text, 'base64');
  if (data.length === 0 || data.length % BLOCK !== 0) {
    throw new WxCryptError('bad_length', `Ciphertext length ${data.length} is not a multiple of ${BLOCK}.`);
  }
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    plain = Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    throw new WxCryptError('bad_length', 'Ciphertext could not be decrypted.');
  }
  const n = plain[plain.length - 1];
  if (n < 1 || n > BLOCK || !plain.subarray(plain.length - n).every((b) => b === n)) {
    throw new WxCryptError('bad_padding', 'Invalid padding (wrong key or tampered ciphertext).');
  }
  const body = plain.subarray(0, plain.length - n);
  if (body.length < 20) throw new WxCryptError('bad_layout', 'Decrypted message is too short.');
  const len = body.readUInt32BE(16);
  if (len > body.length - 20) throw new WxCryptError('bad_layout', 'Message length prefix exceeds the decrypted data.');
  const message = body.subarray(20, 20 + len).toString('utf8');
  const foundAppid = body.subarray(20 + len).toString('utf8');
  if (appid !== null && foundAppid !== appid) {
    throw new WxCryptError('appid_mismatch', 'The message was encrypted for another AppID.');
  }
  return { message, appid: foundAppid };
}

/** A random nonce as WeChat sends (digits). */
export function newNonce(): string {
  return String(randomBytes(4).readUInt32BE(0));
}
