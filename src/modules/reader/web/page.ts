import type { ArticleRow } from '../../articles/index.js';
import type { CommentView } from '../store/articleComments.js';
import type { HouseAd } from '../../revenue/rules.js';
import { chinaDateTime, countLabel, esc, renderArticleBody } from '../../../surfaces/reader/html.js';
import { PAGE_CSS } from '../../../surfaces/reader/style.js';
import { READER_WORDS, type ReaderLanguage, type ReaderWords } from '../../../surfaces/reader/words.js';

/**
 * The article page as WeChat's reading view shows it, built as one HTML string. Every value
 * from the database goes through `esc` (titles and names can hold markup and quotes); the body
 * goes through the article sanitizer again. The page needs no JavaScript.
 */

export interface ArticlePageView {
  article: ArticleRow;
  accountName: string;
  /** The page's own address (canonical, og:url). */
  url: string;
  coverUrl: string | null;
  siteName: string;
  /** The original of a reprint: its account and page (null when it is gone). */
  reprint: { accountName: string; url: string | null } | null;
  /** Featured comments, with the account's replies. */
  comments: CommentView[];
  ad: { ad: HouseAd; clickUrl: string } | null;
  /** The phone page the donation button opens (signed-in readers pay there). */
  donateUrl: string | null;
  preview: boolean;
  /** The language the reader asked for (Accept-Language). */
  lang: ReaderLanguage;
}

/** The description for link previews: the digest, or the start of the text. */
function description(a: ArticleRow, text: string): string {
  return (a.digest || text).slice(0, 200);
}

function head(v: { title: string; description: string; url: string; image: string | null; siteName: string; type: string; robots?: string }): string {
  const meta = [
    `<meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width,initial-scale=1,viewport-fit=cover">`,
    `<title>${esc(v.title)}</title>`,
    `<meta name="description" content="${esc(v.description)}">`,
    `<link rel="canonical" href="${esc(v.url)}">`,
    `<meta property="og:type" content="${esc(v.type)}">`,
    `<meta property="og:title" content="${esc(v.title)}">`,
    `<meta property="og:description" content="${esc(v.description)}">`,
    `<meta property="og:url" content="${esc(v.url)}">`,
    `<meta property="og:site_name" content="${esc(v.siteName)}">`,
    ...(v.image ? [`<meta property="og:image" content="${esc(v.image)}">`] : []),
    `<meta name="twitter:card" content="${v.image ? 'summary_large_image' : 'summary'}">`,
    `<meta name="twitter:title" content="${esc(v.title)}">`,
    `<meta name="twitter:description" content="${esc(v.description)}">`,
    ...(v.image ? [`<meta name="twitter:image" content="${esc(v.image)}">`] : []),
    ...(v.robots ? [`<meta name="robots" content="${esc(v.robots)}">`] : []),
    `<style>${PAGE_CSS}</style>`,
  ];
  return meta.join('\n');
}

function commentsHtml(comments: CommentView[], w: ReaderWords): string {
  if (comments.length === 0) return '';
  const items = comments.map((c) => {
    const reply = c.replyContent ? `<div class="reply"><span class="who">${esc(w.author)}</span> ${esc(c.replyContent)}</div>` : '';
    return `<li class="comment"><span class="avatar" aria-hidden="true"></span><div><div class="who">${esc(c.nickname)}</div><div>${esc(c.content)}</div>${reply}</div></li>`;
  });
  return `<section class="comments" aria-label="${esc(w.featuredComments)}"><h2>${esc(w.featuredComments)}</h2><ul>${items.join('')}</ul></section>`;
}

function adHtml(slot: ArticlePageView['ad'], w: ReaderWords): string {
  if (!slot) return '';
  const { ad, clickUrl } = slot;
  const img = ad.imageUrl ? `<img src="${esc(ad.imageUrl)}" alt="" loading="lazy">` : '';
  return `<aside class="ad" aria-label="${esc(w.advertisement)}"><a href="${esc(clickUrl)}" rel="sponsored nofollow noopener">${img}<span class="label">${esc(w.ad)} · ${esc(ad.advertiser)}</span><strong>${esc(ad.title)}</strong><span>${esc(ad.description)}</span></a></aside>`;
}

/** The whole article page. `text` is the body's plain text (for the description fallback). */
export function renderArticlePage(v: ArticlePageView, text: string): string {
  const a = v.article;
  const w = READER_WORDS[v.lang];
  const desc = description(a, text);
  const when = a.publishedAt ?? a.updatedAt;
  const metaParts = [
    ...(a.original ? [`<span class="tag-original" title="${esc(READER_WORDS['zh-CN'].original)}">${esc(w.original)}</span>`] : []),
    ...(a.author ? [`<span class="author">${esc(a.author)}</span>`] : []),
    `<span class="account">${esc(v.accountName)}</span>`,
    `<time datetime="${esc(when.toISOString())}">${esc(chinaDateTime(when))}</time>`,
  ];
  const repost = v.reprint
    ? `<div class="repost">${esc(w.repostedFrom)} ${v.reprint.url ? `<a href="${esc(v.reprint.url)}">${esc(v.reprint.accountName)}</a>` : esc(v.reprint.accountName)}</div>`
    : '';
  const cover = v.coverUrl && a.showCoverPic === 1 ? `<img class="cover" src="${esc(v.coverUrl)}" alt="">` : '';
  const source = /^https?:\/\//i.test(a.contentSourceUrl) ? `<div class="source"><a href="${esc(a.contentSourceUrl)}" rel="noopener nofollow">${esc(w.readMore)}</a></div>` : '';
  const donate = v.donateUrl
    ? `<section class="donate" aria-label="${esc(w.donate)}"><a href="${esc(v.donateUrl)}" data-action="donate">${esc(w.donate)}</a><p>${esc(w.donateNote)}</p></section>`
    : '';
  // The counts are marked so the phone's article view can keep them live after the reader reacts.
  const stats = `<div class="stats"><span class="reads">${esc(w.reads)} ${countLabel(a.readCount)}</span><span class="likes">${esc(w.likes)} <span data-count="like">${countLabel(a.likeCount)}</span></span><span class="wows">${esc(w.wow)} <span data-count="wow">${countLabel(a.wowCount)}</span></span></div>`;
  return `<!doctype html>
<html lang="${v.lang}">
<head>
${head({ title: a.title, description: desc, url: v.url, image: v.coverUrl, siteName: v.siteName, type: 'article', robots: v.preview ? 'noindex,nofollow' : undefined })}
</head>
<body>
${v.preview ? `<div class="preview-bar">${esc(w.preview)}</div>` : ''}
<main>
<article data-article-id="${esc(a.id)}">
<h1 class="title">${esc(a.title)}</h1>
<div class="meta">${metaParts.join('')}</div>
${repost}${cover}
<div class="content">${renderArticleBody(a.content)}</div>
${source}
</article>
${donate}
${stats}
${adHtml(v.ad, w)}
${commentsHtml(v.comments, w)}
</main>
</body>
</html>`;
}

/** A page saying why there is no article (404 unknown, 410 deleted). */
export function renderNoticePage(v: { title: string; message: string; siteName: string; url: string; lang: ReaderLanguage }): string {
  return `<!doctype html>
<html lang="${v.lang}">
<head>
${head({ title: v.title, description: v.message, url: v.url, image: null, siteName: v.siteName, type: 'website', robots: 'noindex' })}
</head>
<body><main class="notice"><h1>${esc(v.title)}</h1><p>${esc(v.message)}</p></main></body>
</html>`;
}
