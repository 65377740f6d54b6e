import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Services } from '../../../main/services.js';
import type { Executor } from '../../../platform/db/connect.js';
import { articleUrl } from '../../articles/rules/articleUrl.js';
import { phoneTokenSecret } from '../../../platform/db/settings.js';

/**
 * Preview links for articles not yet published (the console's preview): `/s/<id>?preview=<token>`
 * where the token is `<expiry unix seconds>.<HMAC-SHA256 of "<id>.<expiry>">`, keyed by a key
 * derived from the instance secret. Valid for PREVIEW_TTL_SEC; a preview counts no read.
 */

/** How long a preview link works. */
export const PREVIEW_TTL_SEC = 30 * 60;

const keys = new WeakMap<object, Buffer>();

/** The preview key: the instance secret, separated from its other uses by a label. */
async function previewKey(db: Executor): Promise<Buffer> {
  const cached = keys.get(db);
  if (cached) return cached;
  const key = createHmac('sha256', await phoneTokenSecret(db)).update('herald article preview v1').digest();
  keys.set(db, key);
  return key;
}

const sign = (key: Buffer, articleId: string, exp: number) => createHmac('sha256', key).update(`${articleId}.${exp}`).digest('base64url');

/** A preview token for an article, valid for PREVIEW_TTL_SEC from now. */
export async function previewToken(services: Pick<Services, 'db' | 'clock'>, articleId: string): Promise<string> {
  const exp = services.clock.nowSec() + PREVIEW_TTL_SEC;
  return `${exp}.${sign(await previewKey(services.db), articleId, exp)}`;
}

/** The preview address of an article (published or not): `<public URL>/s/<id>?preview=<token>`. */
export async function previewUrl(services: Pick<Services, 'db' | 'clock' | 'config'>, articleId: string): Promise<string> {
  return `${articleUrl(services, articleId)}?preview=${encodeURIComponent(await previewToken(services, articleId))}`;
}

/** Whether a preview token is genuine for this article and not expired. */
export async function previewTokenValid(services: Pick<Services, 'db' | 'clock'>, articleId: string, token: unknown): Promise<boolean> {
  if (typeof token !== 'string' || token.length > 200) return false;
  const m = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return false;
  const exp = Number(m[1]);
  if (exp < services.clock.nowSec()) return false;
  const expected = Buffer.from(sign(await previewKey(services.db), articleId, exp));
  const given = Buffer.from(m[2]);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
