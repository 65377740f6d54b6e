import type { Executor } from '../../../platform/db/connect.js';
import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { ERRMSG, refusal } from '../../../protocol/errcodes.js';
import { articleMediaIds, contentImageIds, keepContentImages, newArticleId, parseArticleInput, parseArticleList, type ArticleInput } from '../rules/article.js';
import { mediaAlive, newMediaId } from '../../media/rules/media.js';
import { findMediaMany } from '../../media/index.js';
import { linkArticleMiniPrograms } from '../../miniprograms/index.js';
import { findArticle, findArticlesByGroup, updateArticleAt, type ArticleContent, type ArticleRow } from '../store/articles.js';
import { insertNewsGroup, touchNewsGroup, type NewsGroupOrigin, type NewsGroupRow } from '../store/newsGroups.js';

/**
 * What the article commands (drafts, news materials, uploadnews) share: turning the raw
 * articles of a request into rows to store, with every media_id checked against the account.
 * Refusals are DomainErrors carrying WeChat's errcode (`details.errcode`), so the WeChat API
 * answers the errcode and the console shows the message.
 */

const MESSAGES: Record<number, string> = {
  44003: 'An article needs a title, and a group 1 to 8 articles.',
  44004: 'The article has no content.',
  45002: 'The content must be shorter than 20,000 characters and 1 MB.',
  45003: 'The title is longer than 32 characters.',
  45004: 'The digest is longer than 128 characters.',
  45005: 'The source URL is too long.',
  45008: 'A group holds at most 8 articles (a picture article at most 20 images).',
  45110: 'The author is longer than 16 characters.',
  40007: 'The cover or an image is not a permanent image material of this account.',
  40035: 'An article field has an invalid value.',
  40066: 'The source URL is not an http(s) address.',
  47001: 'An article field has the wrong type.',
  53600: 'The original article to repost does not exist or may not be reposted.',
};

/** A refused article as a DomainError with the WeChat errcode. */
export function articleRefusal(err: DomainError): DomainError {
  const errcode = err.errcode ?? -1;
  return new DomainError('invalid_article', errcode === 40035 && err.message !== ERRMSG[40035] ? err.message : (MESSAGES[errcode] ?? err.message), { errcode });
}

/** An unknown news group (or one no longer in the place asked about) as WeChat's 40007. */
export function groupNotFound(): DomainError {
  return new DomainError('not_found', 'No such draft or news material.', { errcode: 40007 });
}

export interface PrepareOptions {
  forConsole?: boolean;
  /** news articles must carry a cover (default true; the console may save a draft without one). */
  requireThumb?: boolean;
  /** uploadnews covers may be temporary media (media/upload thumb or image). */
  allowTemporaryCover?: boolean;
}

/** Where Herald serves media (config.publicUrl): images in content are matched against it. */
type RefOptions = PrepareOptions & { publicUrl: string };

/**
 * Checks the media an article names: its cover must be an image or thumb material of the
 * account (or, for uploadnews, a live temporary upload), newspic images image materials (40007);
 * a repost must name a published original from another account that allows reposts (53600).
 */
export async function checkArticleRefs(db: Executor, nowMs: number, accountId: string, list: ArticleInput[], opts: RefOptions): Promise<void> {
  const thumbs = new Set<string>();
  const images = new Set<string>();
  for (const a of list) {
    const ids = articleMediaIds(a);
    ids.thumbs.forEach((id) => thumbs.add(id));
    ids.images.forEach((id) => images.add(id));
  }
  const rows = new Map((await findMediaMany(db, [...new Set([...thumbs, ...images])])).map((m) => [m.id, m]));
  const ownMaterial = (id: string, kinds: string[], temporaryOk: boolean) => {
    const m = rows.get(id);
    if (!m || m.accountId !== accountId || !kinds.includes(m.kind) || !mediaAlive(m, nowMs)) return false;
    return m.origin === 'material' || (temporaryOk && m.origin === 'temporary');
  };
  for (const id of thumbs) if (!ownMaterial(id, ['image', 'thumb'], opts.allowTemporaryCover ?? false)) throw articleRefusal(refusal(40007));
  for (const id of images) if (!ownMaterial(id, ['image'], false)) throw articleRefusal(refusal(40007));
  await keepServedImages(db, list, opts.publicUrl);
  // Mini program cards and links name linked mini programs; cards are stored in WeChat's form.
  try {
    for (const a of list) a.content = await linkArticleMiniPrograms(db, accountId, a.content);
  } catch (err) {
    throw err instanceof DomainError ? new DomainError('invalid_article', err.message, { errcode: err.errcode }) : err;
  }
  for (const a of list) {
    if (!a.reprintOf) continue;
    const original = await findArticle(db, a.reprintOf);
    if (!original || original.accountId === accountId || !original.publishedAt || original.isDeleted || !original.original || !original.canReprint) {
      throw articleRefusal(refusal(53600));
    }
  }
}

/**
 * Article pages only show images Herald keeps for good: media/uploadimg images and image
 * materials. Images naming a temporary upload (gone after 3 days) or nothing are dropped from
 * the content, as WeChat drops images it does not host.
 */
async function keepServedImages(db: Executor, list: ArticleInput[], publicUrl: string): Promise<void> {
  const ids = [...new Set(list.flatMap((a) => contentImageIds(a.content, publicUrl)))];
  if (ids.length === 0) return;
  const kept = new Set(
    (await findMediaMany(db, ids)).filter((m) => m.kind === 'image' && (m.origin === 'uploadimg' || m.origin === 'material')).map((m) => m.id),
  );
  for (const a of list) a.content = keepContentImages(a.content, kept, publicUrl);
}

/** Parses the articles of a new group (1 to 8), or throws the refusal. */
export function parseGroupArticles(services: Pick<Services, 'config'>, raw: unknown, opts: PrepareOptions): ArticleInput[] {
  const parsed = parseArticleList(raw, { forConsole: opts.forConsole, requireThumb: opts.requireThumb, publicUrl: services.config.publicUrl });
  if (parsed instanceof DomainError) throw articleRefusal(parsed);
  return parsed;
}

/** Parses one article replacing another in a group of `groupSize` articles, or throws the refusal. */
export function parseOneArticle(services: Pick<Services, 'config'>, raw: unknown, groupSize: number, opts: PrepareOptions): ArticleInput {
  const parsed = parseArticleInput(raw, { forConsole: opts.forConsole, requireThumb: opts.requireThumb, publicUrl: services.config.publicUrl, single: groupSize === 1 });
  if (parsed instanceof DomainError) throw articleRefusal(parsed);
  return parsed;
}

/** The stored columns of an article. */
export function articleContent(a: ArticleInput): ArticleContent {
  return {
    articleType: a.articleType,
    title: a.title,
    author: a.author,
    digest: a.digest,
    content: a.content,
    contentSourceUrl: a.contentSourceUrl,
    thumbMediaId: a.thumbMediaId,
    showCoverPic: a.showCoverPic,
    needOpenComment: a.needOpenComment,
    onlyFansCanComment: a.onlyFansCanComment,
    picCrop2351: a.picCrop2351,
    picCrop11: a.picCrop11,
    imageInfo: a.imageInfo,
    original: a.original,
    canReprint: a.canReprint,
    reprintOf: a.reprintOf,
    donationsEnabled: a.donationsEnabled,
    adsEnabled: a.adsEnabled,
  };
}

/** New article rows (fresh page ids) for insertNewsGroup. */
export function newArticleRows(list: ArticleInput[], now: Date) {
  return list.map((a) => ({ id: newArticleId(), ...articleContent(a), createdAt: now, updatedAt: now }));
}

/**
 * Validates and stores a new news group of `origin` in one transaction: the drafts, news
 * materials and uploadnews commands differ only in origin, cover rules and expiry.
 */
export async function createNewsGroup(
  services: Pick<Services, 'db' | 'clock' | 'config'>,
  input: { accountId: string; origin: NewsGroupOrigin; articles: unknown; ttlMs?: number } & PrepareOptions,
): Promise<{ group: NewsGroupRow; articles: ArticleRow[] }> {
  const list = parseGroupArticles(services, input.articles, input);
  const now = services.clock.now();
  return services.db.transaction(async (tx) => {
    await checkArticleRefs(tx, now.getTime(), input.accountId, list, { ...input, publicUrl: services.config.publicUrl });
    return insertNewsGroup(
      tx,
      { id: newMediaId(), accountId: input.accountId, origin: input.origin, state: 'draft', expiresAt: input.ttlMs === undefined ? null : new Date(now.getTime() + input.ttlMs), createdAt: now, updatedAt: now },
      newArticleRows(list, now),
    );
  });
}

/**
 * Replaces the article at a 0-based position of a group the caller has locked. Through the
 * WeChat API (not forConsole) the console's originality, reprint, donation and ad settings of
 * the article are kept, since the API cannot express them.
 */
export async function replaceArticleAt(
  tx: Executor,
  services: Pick<Services, 'clock' | 'config'>,
  input: { accountId: string; group: NewsGroupRow; index: unknown; article: unknown } & PrepareOptions,
): Promise<ArticleRow> {
  const existing = await findArticlesByGroup(tx, input.group.id);
  const index = typeof input.index === 'string' && /^\d{1,3}$/.test(input.index) ? Number(input.index) : input.index;
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= existing.length) {
    throw new DomainError('invalid_index', `index must be 0 to ${existing.length - 1} (0 is the first article).`, { errcode: 40035 });
  }
  const parsed = parseOneArticle(services, input.article, existing.length, input);
  const now = services.clock.now();
  await checkArticleRefs(tx, now.getTime(), input.accountId, [parsed], { ...input, publicUrl: services.config.publicUrl });
  const content = articleContent(parsed);
  if (!input.forConsole) {
    const old = existing[index];
    Object.assign(content, { original: old.original, canReprint: old.canReprint, reprintOf: old.reprintOf, donationsEnabled: old.donationsEnabled, adsEnabled: old.adsEnabled });
  }
  const row = await updateArticleAt(tx, input.group.id, index, content, now);
  await touchNewsGroup(tx, input.group.id, now);
  return row!;
}
