import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hkdfSync, randomBytes } from 'node:crypto';
import path from 'node:path';
import { makePrivateDir, PRIVATE_FILE_MODE } from './privateDir.js';

/**
 * The server secret key: the one secret Herald keeps outside its database, from which the keys
 * that sign phone tokens and article preview links are derived (HKDF-SHA256, one label per use).
 *
 * It is `HERALD_SECRET_KEY` when configured (every node of a deployment on PostgreSQL shares it),
 * else a random key in `<data dir>/secret.key`, created 0600 on first use inside the 0700 data
 * directory (the embedded, single-machine default). Someone who reads the database alone (a
 * backup, a dump) cannot forge phone tokens.
 */

/** The key file's name inside the data directory. */
export const SECRET_KEY_FILE = 'secret.key';
/** Shortest accepted HERALD_SECRET_KEY, in characters (32 random base64 characters carry 192 bits). */
export const MIN_SECRET_KEY_CHARS = 32;

/** What each derived key is for; the label is HKDF's info, so the keys are independent. */
export type KeyUse = 'phone-token' | 'article-preview' | 'oauth-consent';
const LABELS: Record<KeyUse, string> = {
  'phone-token': 'herald phone token v2',
  'article-preview': 'herald article preview v2',
  'oauth-consent': 'herald oauth consent v1',
};

/** Derives the 32-byte key for one use from the server key (pure). */
export function deriveKey(serverKey: Buffer, use: KeyUse): Buffer {
  return Buffer.from(hkdfSync('sha256', serverKey, Buffer.alloc(0), LABELS[use], 32));
}

/**
 * Reads the key file of a data directory, creating it (32 random bytes, base64url, mode 0600)
 * when missing. Two processes creating it at once both end up with the one that was written
 * first (exclusive create). A file with a looser mode is repaired to 0600.
 */
export function keyFileSecret(dataDir: string): Buffer {
  const file = path.join(dataDir, SECRET_KEY_FILE);
  if (!existsSync(file)) {
    makePrivateDir(dataDir);
    try {
      writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  if ((statSync(file).mode & 0o777) !== PRIVATE_FILE_MODE) chmodSync(file, PRIVATE_FILE_MODE);
  const text = readFileSync(file, 'utf8').trim();
  if (text.length < MIN_SECRET_KEY_CHARS) throw new Error(`${file} holds no usable key (at least ${MIN_SECRET_KEY_CHARS} characters); remove it to have a new one made`);
  return Buffer.from(text, 'utf8');
}

/** The derived keys of a running Herald; the server key is read (or the key file made) on first use. */
export interface ServerKeys {
  key(use: KeyUse): Buffer;
}

/** The keys from `HERALD_SECRET_KEY` when configured, else from the data directory's key file. */
export function serverKeys(source: { configured?: string; dataDir: string }): ServerKeys {
  let serverKey: Buffer | undefined;
  const derived = new Map<KeyUse, Buffer>();
  return {
    key(use) {
      let k = derived.get(use);
      if (!k) {
        serverKey ??= source.configured ? Buffer.from(source.configured, 'utf8') : keyFileSecret(source.dataDir);
        k = deriveKey(serverKey, use);
        derived.set(use, k);
      }
      return k;
    },
  };
}
