import { randomBytes } from 'node:crypto';
import { DomainError } from '../../../platform/errors.js';
import { refusal } from '../../../protocol/errcodes.js';
import { articleText, sanitizeArticleHtml } from '../../../protocol/articleHtml.js';
import { MEDIA_ID_RE } from '../../media/rules/media.js';

/**
 * The article field rules of drafts, news materials and uploadnews (reference §9 "Article
 * fields"), no I/O. WeChat's limits and errcodes: title ≤ 32 characters (45003), author ≤ 16
 * (45110), digest ≤ 128 (45004), content < 20,000 characters and < 1 MB (45002), 1 to 8
 * articles a group (44003 / 45008), bad JSON types 47001. Media ids are checked against the
 * account's materials by the commands (40007).
 */

export const ARTICLE_LIMITS = {
  title: 32,
  author: 16,
  digest: 128,
  /** Content must be shorter than this many characters ... */
  contentChars: 20_000,
  /** ... and than this many bytes. */
  contentBytes: 1024 * 1024,
  /** The digest WeChat derives from the body when none is given. */
  autoDigest: 54,
  sourceUrl: 1024,
  articlesPerGroup: 8,
  newspicImages: 20,
} as const;

export type ArticleType = 'news' | 'newspic';

/** A validated article, ready to store. Console-only fields keep their defaults on the WeChat API. */
export interface ArticleInput {
  articleType: ArticleType;
  title: string;
  author: string;
  digest: string;
  /** Sanitized HTML. */
  content: string;
  contentSourceUrl: string;
  thumbMediaId: string;
  showCoverPic: number;
  needOpenComment: number;
  onlyFansCanComment: number;
  picCrop2351: string;
  picCrop11: string;
  /** newspic only: the images, in order. */
  imageInfo: { image_list: { image_media_id: string }[] } | null;
  original: boolean;
  canReprint: boolean;
  reprintOf: string | null;
  donationsEnabled: boolean;
  adsEnabled: boolean;
}

export interface ParseArticleOptions {
  /** news articles must name a cover (thumb_media_id); the console may save a draft without one. */
  requireThumb?: boolean;
  /** Accept the console's extension fields (original, can_reprint, reprint_of, donations_enabled, ads_enabled). */
  forConsole?: boolean;
  /**
   * Whether the article is the only one of its group: only such an article keeps a digest
   * (given, or the start of its text). Default true.
   */
  single?: boolean;
  /** Herald's public base URL: images inside content are kept only when Herald serves them. */
  publicUrl?: string;
}

/** Article ids: the public page id (/s/<id>), 22 unguessable URL-safe characters. */
export const newArticleId = (): string => randomBytes(16).toString('base64url');
/** freepublish article_ids: 43 URL-safe characters, as WeChat's look. */
export const newPublishedArticleId = (): string => randomBytes(32).toString('base64url');
/** Ids Herald accepts as input for articles and article_ids (anything else names nothing). */
export const ARTICLE_ID_RE = /^[A-Za-z0-9_-]{1,128}$/;

const chars = (s: string) => [...s].length;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function str(raw: Record<string, unknown>, key: string): string | DomainError {
  const v = raw[key];
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return refusal(47001);
}

/** A 0/1 flag: numbers, "0"/"1" strings and booleans are accepted, as SDKs send them differently. */
function flag(raw: Record<string, unknown>, key: string): number | DomainError {
  const v = raw[key];
  if (v === undefined || v === null || v === '') return 0;
  if (v === 0 || v === '0' || v === false) return 0;
  if (v === 1 || v === '1' || v === true) return 1;
  return refusal(40035);
}

function bool(raw: Record<string, unknown>, key: string, fallback: boolean): boolean | DomainError {
  const v = raw[key];
  if (v === undefined || v === null) return fallback;
  if (v === true || v === 1 || v === '1') return true;
  if (v === false || v === 0 || v === '0') return false;
  return refusal(47001);
}

/**
 * A crop rectangle "X1_Y1_X2_Y2" in coordinates normalized to 0..1 (top-left, bottom-right).
 * Returns the canonical form, '' for none, or null when malformed.
 */
export function normalizeCrop(value: string): string | null {
  if (value === '') return '';
  const parts = value.split('_');
  if (parts.length !== 4 || parts.some((p) => !/^\d+(\.\d+)?$/.test(p) || p.length > 20)) return null;
  const [x1, y1, x2, y2] = parts.map(Number);
  if ([x1, y1, x2, y2].some((n) => n < 0 || n > 1) || x1 >= x2 || y1 >= y2) return null;
  return [x1, y1, x2, y2].map((n) => String(Math.round(n * 1e6) / 1e6)).join('_');
}

/** Whether an image address is one Herald serves (media/uploadimg, image materials): /media/<id>. */
export function isHeraldImage(src: string, publicUrl?: string): boolean {
  const base = publicUrl?.replace(/\/$/, '');
  const path = base && src.startsWith(`${base}/`) ? src.slice(base.length) : src;
  return /^\/media\/[A-Za-z0-9_-]{1,128}$/.test(path);
}

/** Article HTML as stored: sanitized, with images from other hosts dropped (WeChat filters them). */
export function cleanArticleContent(html: string, publicUrl?: string): string {
  const safe = sanitizeArticleHtml(html);
  return safe.replace(/<img\b[^>]*>/gi, (tag) => {
    const src = /\ssrc="([^"]*)"/i.exec(tag)?.[1]?.replace(/&amp;/g, '&');
    return src !== undefined && isHeraldImage(src, publicUrl) ? tag : '';
  });
}

/** The media_ids of the Herald images in stored article HTML. */
export function contentImageIds(html: string, publicUrl?: string): string[] {
  const ids: string[] = [];
  for (const m of html.matchAll(/<img\b[^>]*\ssrc="([^"]*)"/gi)) {
    const src = m[1].replace(/&amp;/g, '&');
    if (isHeraldImage(src, publicUrl)) ids.push(src.slice(src.lastIndexOf('/') + 1));
  }
  return ids;
}

/** Removes the images whose media_id is not in `keep` (temporary or unknown media would break). */
export function keepContentImages(html: string, keep: ReadonlySet<string>, publicUrl?: string): string {
  return html.replace(/<img\b[^>]*>/gi, (tag) => {
    const src = /\ssrc="([^"]*)"/i.exec(tag)?.[1]?.replace(/&amp;/g, '&');
    return src !== undefined && isHeraldImage(src, publicUrl) && keep.has(src.slice(src.lastIndexOf('/') + 1)) ? tag : '';
  });
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

function parseImageList(raw: unknown): ArticleInput['imageInfo'] | DomainError {
  if (!isObject(raw) || !Array.isArray(raw.image_list)) return refusal(47001);
  const list = raw.image_list;
  if (list.length === 0) return refusal(40007);
  if (list.length > ARTICLE_LIMITS.newspicImages) return refusal(45008);
  const out: { image_media_id: string }[] = [];
  for (const item of list) {
    if (!isObject(item) || typeof item.image_media_id !== 'string') return refusal(47001);
    if (!MEDIA_ID_RE.test(item.image_media_id)) return refusal(40007);
    out.push({ image_media_id: item.image_media_id });
  }
  return { image_list: out };
}

/**
 * Validates one article of a draft, news material or uploadnews body. Returns the article to
 * store, or the DomainError WeChat answers. Content is sanitized here, once, before it is stored.
 */
export function parseArticleInput(raw: unknown, opts: ParseArticleOptions = {}): ArticleInput | DomainError {
  if (!isObject(raw)) return refusal(47001);
  const fields: Record<string, string> = {};
  for (const key of ['article_type', 'title', 'author', 'digest', 'content', 'content_source_url', 'thumb_media_id', 'pic_crop_235_1', 'pic_crop_1_1']) {
    const v = str(raw, key);
    if (v instanceof DomainError) return v;
    fields[key] = v;
  }
  const articleType = (fields.article_type || 'news') as ArticleType;
  if (articleType !== 'news' && articleType !== 'newspic') return refusal(40035);

  const title = fields.title.trim();
  if (title === '') return refusal(44003);
  if (chars(title) > ARTICLE_LIMITS.title) return refusal(45003);
  if (chars(fields.author) > ARTICLE_LIMITS.author) return refusal(45110);
  if (chars(fields.digest) > ARTICLE_LIMITS.digest) return refusal(45004);

  const rawContent = fields.content;
  if (rawContent.length >= ARTICLE_LIMITS.contentChars || Buffer.byteLength(rawContent) >= ARTICLE_LIMITS.contentBytes) return refusal(45002);
  const content = cleanArticleContent(rawContent, opts.publicUrl);
  if (articleType === 'news' && articleText(content) === '' && !/<img\b/i.test(content)) return refusal(44004);

  const contentSourceUrl = fields.content_source_url.trim();
  if (chars(contentSourceUrl) > ARTICLE_LIMITS.sourceUrl) return refusal(45005);
  if (contentSourceUrl !== '' && !isHttpUrl(contentSourceUrl)) return refusal(40066);

  const thumbMediaId = fields.thumb_media_id;
  if (thumbMediaId !== '' && !MEDIA_ID_RE.test(thumbMediaId)) return refusal(40007);
  if (articleType === 'news' && thumbMediaId === '' && (opts.requireThumb ?? true)) return refusal(40007);

  const picCrop2351 = normalizeCrop(fields.pic_crop_235_1);
  const picCrop11 = normalizeCrop(fields.pic_crop_1_1);
  if (picCrop2351 === null || picCrop11 === null) return refusal(40035);

  const showCoverPic = flag(raw, 'show_cover_pic');
  const needOpenComment = flag(raw, 'need_open_comment');
  const onlyFansCanComment = flag(raw, 'only_fans_can_comment');
  for (const f of [showCoverPic, needOpenComment, onlyFansCanComment]) if (f instanceof DomainError) return f;

  let imageInfo: ArticleInput['imageInfo'] = null;
  if (articleType === 'newspic') {
    const parsed = parseImageList(raw.image_info);
    if (parsed instanceof DomainError) return parsed;
    imageInfo = parsed;
  }

  const single = opts.single ?? true;
  const digest = single ? (fields.digest.trim() || [...articleText(content)].slice(0, ARTICLE_LIMITS.autoDigest).join('')) : '';

  const extension = parseExtension(raw, opts.forConsole ?? false);
  if (extension instanceof DomainError) return extension;

  return {
    articleType,
    title,
    author: fields.author.trim(),
    digest,
    content,
    contentSourceUrl,
    thumbMediaId,
    showCoverPic: showCoverPic as number,
    needOpenComment: needOpenComment as number,
    onlyFansCanComment: onlyFansCanComment as number,
    picCrop2351,
    picCrop11,
    imageInfo,
    ...extension,
  };
}

type Extension = Pick<ArticleInput, 'original' | 'canReprint' | 'reprintOf' | 'donationsEnabled' | 'adsEnabled'>;

/** The console's originality, reprint, donation and ad settings (the WeChat API keeps the defaults). */
function parseExtension(raw: Record<string, unknown>, forConsole: boolean): Extension | DomainError {
  const none: Extension = { original: false, canReprint: true, reprintOf: null, donationsEnabled: false, adsEnabled: false };
  if (!forConsole) return none;
  const original = bool(raw, 'original', false);
  const canReprint = bool(raw, 'can_reprint', true);
  const donationsEnabled = bool(raw, 'donations_enabled', false);
  const adsEnabled = bool(raw, 'ads_enabled', false);
  for (const v of [original, canReprint, donationsEnabled, adsEnabled]) if (v instanceof DomainError) return v;
  const reprintOfRaw = raw.reprint_of;
  let reprintOf: string | null = null;
  if (reprintOfRaw !== undefined && reprintOfRaw !== null && reprintOfRaw !== '') {
    if (typeof reprintOfRaw !== 'string' || !ARTICLE_ID_RE.test(reprintOfRaw)) return refusal(53600);
    reprintOf = reprintOfRaw;
  }
  // Donations go to authors of original work; a repost is nobody's original.
  if (donationsEnabled && !original) return new DomainError('rejected', 'donations need an original article', undefined, { errcode: 40035 });
  if (original && reprintOf) return new DomainError('rejected', 'a repost cannot be declared original', undefined, { errcode: 40035 });
  return {
    original: original as boolean,
    canReprint: canReprint as boolean,
    reprintOf,
    donationsEnabled: donationsEnabled as boolean,
    adsEnabled: adsEnabled as boolean,
  };
}

/**
 * The articles of a new group: 1 to 8 (44003 none, 45008 more). The digest is kept only when
 * the group has a single article.
 */
export function parseArticleList(raw: unknown, opts: Omit<ParseArticleOptions, 'single'> = {}): ArticleInput[] | DomainError {
  if (!Array.isArray(raw)) return refusal(raw === undefined || raw === null ? 44003 : 47001);
  if (raw.length === 0) return refusal(44003);
  if (raw.length > ARTICLE_LIMITS.articlesPerGroup) return refusal(45008);
  const out: ArticleInput[] = [];
  for (const item of raw) {
    const parsed = parseArticleInput(item, { ...opts, single: raw.length === 1 });
    if (parsed instanceof DomainError) return parsed;
    out.push(parsed);
  }
  return out;
}

/** Every media_id an article names (its cover and newspic images), for the account check. */
export function articleMediaIds(a: Pick<ArticleInput, 'thumbMediaId' | 'imageInfo'>): { thumbs: string[]; images: string[] } {
  return {
    thumbs: a.thumbMediaId ? [a.thumbMediaId] : [],
    images: a.imageInfo?.image_list.map((i) => i.image_media_id) ?? [],
  };
}
