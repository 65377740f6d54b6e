import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Operator passwords, hashed with scrypt (node:crypto, no native add-on).
 *
 * The encoded form carries its own parameters so they can be raised later without
 * invalidating stored hashes: `scrypt$<N>$<r>$<p>$<salt base64>$<hash base64>`.
 */
/** OWASP's current guidance for scrypt: N=2^17, r=8, p=1 (128 MiB, a few hundred ms). */
export const DEFAULT_PASSWORD_COST_LOG2 = 17;
let PARAMS = { N: 2 ** DEFAULT_PASSWORD_COST_LOG2, r: 8, p: 1 };

/**
 * Sets the scrypt cost (log2 of N) new hashes use, from config (HERALD_PASSWORD_COST). Lower
 * only for tests; stored hashes below the current cost are re-hashed at the next sign-in.
 */
export function setPasswordCost(log2N: number): void {
  if (!Number.isInteger(log2N) || log2N < 10 || log2N > 20) throw new Error(`password cost must be 10..20, got ${log2N}`);
  if (PARAMS.N === 2 ** log2N) return;
  PARAMS = { N: 2 ** log2N, r: 8, p: 1 };
  decoy = undefined;
}

/** Whether a stored hash was made with a lower cost than new hashes get (re-hash it after a good sign-in). */
export function needsRehash(encoded: string): boolean {
  const d = decode(encoded);
  return !d || d.N < PARAMS.N || d.r < PARAMS.r || d.p < PARAMS.p;
}
const KEY_LENGTH = 32;
const SALT_BYTES = 16;
/** Bounds on parameters read back from storage, so a corrupted row cannot exhaust memory. */
const MAX_N = 1 << 20;
const MAX_RP = 16;
/** Passwords longer than this are refused before hashing (scrypt cost grows with input). */
export const MAX_PASSWORD_LENGTH = 1024;
export const MIN_PASSWORD_LENGTH = 8;

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCb(password.normalize('NFC'), salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** scrypt's memory need is 128·N·r bytes; Node refuses above maxmem, so raise it to fit. */
const maxmemFor = (N: number, r: number) => 128 * N * r * 2;

/** Hashes a password with a fresh random salt; returns the encoded string to store. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const { N, r, p } = PARAMS;
  const key = await scrypt(password, salt, KEY_LENGTH, { N, r, p, maxmem: maxmemFor(N, r) });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

interface Decoded {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function decode(encoded: string): Decoded | undefined {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map((s) => (/^\d{1,8}$/.test(s) ? Number(s) : NaN));
  if (!Number.isInteger(N) || N < 2 || N > MAX_N || (N & (N - 1)) !== 0) return undefined;
  if (!Number.isInteger(r) || r < 1 || r > MAX_RP || !Number.isInteger(p) || p < 1 || p > MAX_RP) return undefined;
  const salt = Buffer.from(parts[4], 'base64');
  const key = Buffer.from(parts[5], 'base64');
  if (salt.length < 8 || key.length < 16 || key.length > 128) return undefined;
  return { N, r, p, salt, key };
}

/**
 * Checks a password against an encoded hash in constant time. A malformed hash never matches
 * (and never throws), so a damaged row locks one operator out rather than breaking login.
 */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  const d = decode(encoded);
  if (!d) return false;
  const key = await scrypt(password, d.salt, d.key.length, { N: d.N, r: d.r, p: d.p, maxmem: maxmemFor(d.N, d.r) });
  return key.length === d.key.length && timingSafeEqual(key, d.key);
}

/**
 * A hash of a random password, verified against when the email is unknown, so a login for a
 * missing operator costs as much time as one with a wrong password.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}
