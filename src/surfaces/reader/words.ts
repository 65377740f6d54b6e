/**
 * The public pages' words in Simplified Chinese and English (WeChat's own words in Chinese), and
 * the language a request reads them in: the first Chinese or English language the browser asks
 * for (Accept-Language, in order of preference), else English — the rule the web app applies to
 * `navigator.languages`. The pages run no script, so the console's remembered switch (kept in
 * the browser's localStorage) cannot reach them.
 */

export type ReaderLanguage = 'zh-CN' | 'en';

export interface ReaderWords {
  original: string;
  author: string;
  featuredComments: string;
  advertisement: string;
  ad: string;
  repostedFrom: string;
  anotherAccount: string;
  readMore: string;
  donate: string;
  donateNote: string;
  reads: string;
  likes: string;
  wow: string;
  preview: string;
  deletedTitle: string;
  deletedMessage: string;
  notFoundTitle: string;
  notFoundMessage: string;
}

export const READER_WORDS: Record<ReaderLanguage, ReaderWords> = {
  'zh-CN': {
    original: '原创',
    author: '作者',
    featuredComments: '精选留言',
    advertisement: '广告',
    ad: '广告',
    repostedFrom: '转载自',
    anotherAccount: '其他公众号',
    readMore: '阅读原文',
    donate: '赞赏',
    donateNote: '喜欢作者？支持原创。',
    reads: '阅读',
    likes: '赞',
    wow: '在看',
    preview: '预览：只有拿到此链接的人可以查看。',
    deletedTitle: '此内容已被删除',
    deletedMessage: '作者已删除这篇文章。',
    notFoundTitle: '文章不存在',
    notFoundMessage: '链接可能有误，或文章尚未发表。',
  },
  en: {
    original: 'Original',
    author: 'Author',
    featuredComments: 'Featured comments',
    advertisement: 'Advertisement',
    ad: 'Ad',
    repostedFrom: 'Reposted from',
    anotherAccount: 'another account',
    readMore: 'Read more',
    donate: 'Donate',
    donateNote: 'Like the author? Support original writing.',
    reads: 'Reads',
    likes: 'Likes',
    wow: 'Wow',
    preview: 'Preview: only people with this link can see it.',
    deletedTitle: 'This article has been deleted',
    deletedMessage: 'The author deleted this article.',
    notFoundTitle: 'Article not found',
    notFoundMessage: 'The link may be wrong, or the article has not been published.',
  },
};

/** Longest Accept-Language value read; anything longer is cut (a header is not a workload). */
const MAX_HEADER = 512;

/**
 * The language for an Accept-Language header: languages in order of their q-values (ties keep
 * the header's order; q=0 means "not this one"), the first zh* or en* decides; otherwise English.
 */
export function readerLanguage(acceptLanguage: string | string[] | undefined): ReaderLanguage {
  const header = (Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : (acceptLanguage ?? '')).slice(0, MAX_HEADER);
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      // A q-value that is not a number in 0..1 drops the language rather than guessing.
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q === undefined ? 1 : /^q=(?:0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?)$/.test(q) ? Number(q.slice(2)) : 0;
      return { tag: tag.trim().toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, i };
    })
    .filter((l) => l.tag && l.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.i - b.i);
  for (const l of ranked) {
    if (l.tag.startsWith('zh')) return 'zh-CN';
    if (l.tag.startsWith('en')) return 'en';
  }
  return 'en';
}
