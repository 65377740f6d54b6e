import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Services } from '../../main/services.js';
import { articleUrl } from './rules/articleUrl.js';

/**
 * Preview links for articles not yet published (the console's preview): `/s/<id>?preview=<token>`
 * where the token is `<expiry unix seconds>.<HMAC-SHA256 of "<id>.<expiry>">`, keyed by a key
 * derived from the server secret key (src/platform/serverKey.ts). Valid for PREVIEW_TTL_SEC; a preview counts no read.
 * The reader module checks the token when it serves the page.
 */

/** How long a preview link works. */
export const PREVIEW_TTL_SEC = 30 * 60;

/** The preview key: derived from the server secret key, independent of its other uses. */
const previewKey = (services: Pick<Services, 'keys'>) => services.keys.key('article-preview');

const sign = (key: Buffer, articleId: string, exp: number) => createHmac('sha256', key).update(`${articleId}.${exp}`).digest('base64url');

/** A preview token for an article, valid for PREVIEW_TTL_SEC from now. */
export async function previewToken(services: Pick<Services, 'clock' | 'keys'>, articleId: string): Promise<string> {
  const exp = services.clock.nowSec() + PREVIEW_TTL_SEC;
  return `${exp}.${sign(previewKey(services), articleId, exp)}`;
}

/** The preview address of an article (published or not): `<public URL>/s/<id>?preview=<token>`. */
export async function previewUrl(services: Pick<Services, 'clock' | 'config' | 'keys'>, articleId: string): Promise<string> {
  return `${articleUrl(services, articleId)}?preview=${encodeURIComponent(await previewToken(services, articleId))}`;
}

/** Whether a preview token is genuine for this article and not expired. */
export async function previewTokenValid(services: Pick<Services, 'clock' | 'keys'>, articleId: string, token: unknown): Promise<boolean> {
  if (typeof token !== 'string' || token.length > 200) return false;
  const m = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return false;
  const exp = Number(m[1]);
  if (exp < services.clock.nowSec()) return false;
  const expected = Buffer.from(sign(previewKey(services), articleId, exp));
  const given = Buffer.from(m[2]);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
