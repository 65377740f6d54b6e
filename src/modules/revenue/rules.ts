import { createHash } from 'node:crypto';

/**
 * Platform-served ads in article ad slots (流量主): a small catalog of house ads kept in the
 * settings table (key `ads.catalog`), and what the account earns for them.
 *
 * Revenue, in fen (1/100 yuan), credited to the article's account:
 * - per impression: `impressionFen` (default 1 fen, i.e. ¥10 per thousand impressions),
 * - per click: `clickFen` (default 50 fen, ¥0.50).
 * Each ad may override both. An impression is recorded each time a page renders the slot for a
 * reader (not for crawlers, HEAD requests or previews); a click each time a reader follows it.
 */

export interface HouseAd {
  /** Stable id used in /s/<article>/ad/<id> (letters, digits, - and _). */
  id: string;
  advertiser: string;
  title: string;
  description: string;
  /** Where a click leads (http/https). */
  targetUrl: string;
  /** Optional picture (http/https). */
  imageUrl?: string;
  impressionFen?: number;
  clickFen?: number;
}

export interface AdsCatalog {
  /** Default revenue per impression, fen. */
  impressionFen: number;
  /** Default revenue per click, fen. */
  clickFen: number;
  ads: HouseAd[];
}

/** The settings key the catalog lives under. */
export const ADS_CATALOG_KEY = 'ads.catalog';

export const AD_ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

/** The catalog an instance starts with. */
export const DEFAULT_ADS_CATALOG: AdsCatalog = {
  impressionFen: 1,
  clickFen: 50,
  ads: [
    { id: 'herald-cloud', advertiser: 'Herald', title: 'Run your own WeChat test bed', description: 'Herald emulates Official Accounts end to end: APIs, callbacks, followers.', targetUrl: 'https://github.com/' },
    { id: 'tea-house', advertiser: 'West Lake Tea House', title: 'Spring Longjing, picked this week', description: 'Free shipping within mainland China on orders over ¥99.', targetUrl: 'https://example.com/tea' },
    { id: 'language-app', advertiser: 'Pinyin Pal', title: 'Learn 10 characters a day', description: 'Short daily lessons with native speakers.', targetUrl: 'https://example.com/pinyin' },
  ],
};

const isHttpUrl = (v: unknown): v is string => typeof v === 'string' && v.length <= 2048 && /^https?:\/\/[^\s<>"']+$/i.test(v);
const fen = (v: unknown): number | undefined => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= 100_000 ? v : undefined);
const text = (v: unknown, max: number): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, max) : undefined);

/**
 * A catalog read from settings, cleaned: malformed ads are dropped, bad rates fall back to the
 * defaults, and nothing stored can put a non-http link in a page.
 */
export function normalizeCatalog(raw: unknown): AdsCatalog {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return DEFAULT_ADS_CATALOG;
  const r = raw as Record<string, unknown>;
  const ads: HouseAd[] = [];
  // Rates alone keep the default ads; an explicit empty list turns ads off.
  for (const a of Array.isArray(r.ads) ? r.ads : DEFAULT_ADS_CATALOG.ads) {
    if (!a || typeof a !== 'object') continue;
    const x = a as Record<string, unknown>;
    const id = typeof x.id === 'string' && AD_ID_RE.test(x.id) ? x.id : undefined;
    const title = text(x.title, 64);
    if (!id || !title || !isHttpUrl(x.targetUrl) || ads.some((o) => o.id === id)) continue;
    ads.push({
      id,
      title,
      advertiser: text(x.advertiser, 64) ?? '',
      description: text(x.description, 200) ?? '',
      targetUrl: x.targetUrl,
      ...(isHttpUrl(x.imageUrl) ? { imageUrl: x.imageUrl } : {}),
      ...(fen(x.impressionFen) !== undefined ? { impressionFen: fen(x.impressionFen) } : {}),
      ...(fen(x.clickFen) !== undefined ? { clickFen: fen(x.clickFen) } : {}),
    });
  }
  return {
    impressionFen: fen(r.impressionFen) ?? DEFAULT_ADS_CATALOG.impressionFen,
    clickFen: fen(r.clickFen) ?? DEFAULT_ADS_CATALOG.clickFen,
    ads,
  };
}

/** The ad an article's slot shows: the same one for the same article, spread over the catalog. */
export function adForArticle(catalog: AdsCatalog, articleId: string): HouseAd | undefined {
  if (catalog.ads.length === 0) return undefined;
  const n = createHash('sha256').update(articleId).digest().readUInt32BE(0);
  return catalog.ads[n % catalog.ads.length];
}

/** Revenue credited for one event on an ad, in fen. */
export function adRevenueFen(catalog: AdsCatalog, ad: HouseAd, kind: 'impression' | 'click'): number {
  return kind === 'impression' ? (ad.impressionFen ?? catalog.impressionFen) : (ad.clickFen ?? catalog.clickFen);
}
