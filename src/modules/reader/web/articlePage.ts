import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../main/services.js';
import { articleUrl } from '../../articles/rules/articleUrl.js';
import { articleText } from '../../../protocol/articleHtml.js';
import { mediaUrl } from '../../media/rules/media.js';
import { adForArticle } from '../../revenue/rules.js';
import { isBotUserAgent } from '../rules.js';
import { findArticleWithAccount } from '../store/readerArticles.js';
import { listVisibleComments } from '../store/articleComments.js';
import { loadAdsCatalog } from '../../revenue/index.js';
import { recordArticleView } from '../commands/articleViewRecorder.js';
import { renderArticlePage, renderNoticePage, type ArticlePageView } from './page.js';
import { previewTokenValid } from '../../articles/index.js';
import type { CountingGuard } from './countingGuard.js';
import { READER_WORDS, readerLanguage } from '../../../surfaces/reader/words.js';

/** The name link previews show for the site. */
export const SITE_NAME = 'Herald';

/** Featured comments shown under an article. */
const PAGE_COMMENTS = 50;

/** Headers every reader page carries: no scripts may run, whatever the content holds. */
export function pageHeaders(reply: FastifyReply, cache: string): FastifyReply {
  return reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', cache)
    .header('content-security-policy', "default-src 'none'; img-src http: https: data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'")
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'strict-origin-when-cross-origin')
    // The words follow the reader's Accept-Language: caches keep one copy per language.
    .header('vary', 'Accept-Language');
}

/** Answers a notice page (unknown or deleted article), in the reader's language. */
export function sendNotice(reply: FastifyReply, status: 404 | 410, url: string, acceptLanguage?: string | string[]) {
  const lang = readerLanguage(acceptLanguage);
  const w = READER_WORDS[lang];
  const [title, message] = status === 410 ? [w.deletedTitle, w.deletedMessage] : [w.notFoundTitle, w.notFoundMessage];
  return pageHeaders(reply.code(status), 'public, max-age=60').send(renderNoticePage({ title, message, siteName: SITE_NAME, url, lang }));
}

const etagOf = (body: string) => `W/"${createHash('sha1').update(body).digest('base64url')}"`;

/**
 * GET /s/:id — an article's public page. Unknown and unpublished ids are 404 (a valid
 * `?preview=` token shows drafts), deleted articles 410. Each view by a reader (not HEAD, not a
 * preview, not a crawler) counts one read and, with ads on, one ad impression, as the counting
 * guard allows (once per reader and day in platform mode).
 */
export async function serveArticlePage(
  services: Services,
  request: FastifyRequest<{ Params: { id: string }; Querystring: Record<string, unknown> }>,
  reply: FastifyReply,
  guard: CountingGuard,
) {
  const id = request.params.id;
  const url = articleUrl(services, id);
  const found = await findArticleWithAccount(services.db, id);
  const preview = found !== undefined && request.query.preview !== undefined && (await previewTokenValid(services, found.article.id, request.query.preview));
  const accept = request.headers['accept-language'];
  const lang = readerLanguage(accept);
  if (!found || (found.article.publishedAt === null && !preview)) return sendNotice(reply, 404, url, accept);
  if (found.article.isDeleted) return sendNotice(reply, 410, url, accept);
  const { article, accountName } = found;

  let reprint: ArticlePageView['reprint'] = null;
  if (article.reprintOf) {
    const original = await findArticleWithAccount(services.db, article.reprintOf);
    reprint = original
      ? { accountName: original.accountName, url: original.article.publishedAt && !original.article.isDeleted ? articleUrl(services, original.article.id) : null }
      : { accountName: READER_WORDS[lang].anotherAccount, url: null };
  }
  const catalog = article.adsEnabled ? await loadAdsCatalog(services.db) : null;
  const ad = catalog ? adForArticle(catalog, article.id) : undefined;
  const comments = await listVisibleComments(services.db, article.id, null, PAGE_COMMENTS);

  const counts = request.method === 'GET' && !preview && !isBotUserAgent(request.headers['user-agent']) && guard.counts(`read:${article.id}`, request.ip ?? '');
  if (counts) {
    await recordArticleView(services, { articleId: article.id, accountId: article.accountId, ad: catalog && ad ? { catalog, ad } : undefined });
    article.readCount += 1;
  }
  const html = renderArticlePage(
    {
      article,
      accountName,
      url,
      coverUrl: article.thumbMediaId ? mediaUrl(services.config.publicUrl, article.thumbMediaId) : null,
      siteName: SITE_NAME,
      reprint,
      comments,
      ad: ad ? { ad, clickUrl: `/s/${encodeURIComponent(article.id)}/ad/${encodeURIComponent(ad.id)}` } : null,
 // Platform mode takes no donations until payments exist (reader/commands/articleDonor.ts).
      donateUrl: article.original && article.donationsEnabled && services.config.mode !== 'platform' ? `/phone?article=${encodeURIComponent(article.id)}&action=donate` : null,
      preview,
      lang,
    },
    articleText(article.content),
  );
  const etag = etagOf(html);
  // Revalidated on every view (the ETag answers 304 when nothing changed): the reads, likes and
  // Wows on the page are those of now, also right after a reader reacted.
  pageHeaders(reply, preview ? 'private, no-store' : 'public, max-age=0, must-revalidate').header('etag', etag);
  if (!preview && request.headers['if-none-match'] === etag) return reply.code(304).send();
  return reply.code(200).send(html);
}
