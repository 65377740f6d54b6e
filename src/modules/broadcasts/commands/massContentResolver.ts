import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import type { AccountRow } from '../../accounts/store/accounts.js';
import { accountMayRead, findMedia } from '../../media/store/media.js';
import { findGroupArticles, findNewsGroup, type NewsGroupRow } from '../../articles/store/newsGroups.js';
import { findArticle } from '../../articles/store/articles.js';
import { mediaAlive } from '../../media/rules/media.js';
import { articleUrl } from '../../articles/rules/articleUrl.js';
import type { CopyrightArticle } from '../../articles/rules/copyright.js';
import { MAX_PUSH_ARTICLES, type MassContent } from '../rules/massMessage.js';

/** What a push post's content refers to, loaded and checked. */
export interface ResolvedContent {
  /** mpnews: the news group carried. */
  group: NewsGroupRow | null;
  /** mpnews: its articles, as moderation reads them. */
  articles: Array<{ id: string; idx: number; title: string; digest: string; content: string }>;
  /** mpnews: each article with the original it reposts, for the originality check. */
  copyright: CopyrightArticle[];
}

/** Media kinds (and, for mpvideo, origins) each msgtype may carry. */
const MEDIA_RULES: Record<string, { kinds: string[]; origins?: string[] }> = {
  image: { kinds: ['image'] },
  voice: { kinds: ['voice'] },
  mpvideo: { kinds: ['video'], origins: ['video', 'material'] },
};


/**
 * Loads what a push post carries: for mpnews the account's news group (draft, news material or
 * uploadnews; 40007 when unknown, deleted or expired; 44003 without articles, 45008 with more than
 * 8) and the originals its articles repost; for image, voice and mpvideo the account's live media
 * of the right kind (40007; an mpvideo needs a video from media/uploadvideo or a video material).
 */
export async function resolveMassContent(services: Pick<Services, 'db' | 'clock' | 'config'>, account: AccountRow, content: MassContent): Promise<ResolvedContent> {
  const nowMs = services.clock.nowMs();
  const rule = MEDIA_RULES[content.msgtype];
  if (rule) {
    for (const id of content.mediaIds) {
      const m = await findMedia(services.db, id);
      const ok = m && mediaAlive(m, nowMs) && rule.kinds.includes(m.kind) && (!rule.origins || rule.origins.includes(m.origin)) && (await accountMayRead(services.db, m, account.id));
      if (!ok) throw new DomainError('invalid_message', `${id.slice(0, 64)} is not a ${rule.kinds[0]} of this account.`, { errcode: 40007, at: `${content.msgtype}.media_id` });
    }
  }
  if (content.msgtype !== 'mpnews' || !content.newsMediaId) return { group: null, articles: [], copyright: [] };

  const group = await findNewsGroup(services.db, account.id, content.newsMediaId);
  if (!group || group.state === 'deleted' || (group.expiresAt && group.expiresAt.getTime() <= nowMs)) {
    throw new DomainError('invalid_message', 'No such news (draft, news material or uploadnews) of this account.', { errcode: 40007, at: 'mpnews.media_id' });
  }
  const rows = (await findGroupArticles(services.db, group.id)).filter((a) => !a.isDeleted);
  if (rows.length === 0) throw new DomainError('invalid_message', 'The news has no articles.', { errcode: 44003, at: 'mpnews.media_id' });
  if (rows.length > MAX_PUSH_ARTICLES) throw new DomainError('invalid_message', 'A push post carries at most 8 articles.', { errcode: 45008, at: 'mpnews.media_id' });
  const copyright: CopyrightArticle[] = [];
  for (const a of rows) {
    let original: CopyrightArticle['original'] = null;
    if (a.reprintOf) {
      const o = await findArticle(services.db, a.reprintOf);
      // Reposting one's own article is not a reprint.
      if (o && o.accountId !== account.id) original = { url: articleUrl(services, o.id), canReprint: o.canReprint, original: o.original };
    }
    copyright.push({ idx: a.idx, reprintOf: original ? a.reprintOf : null, original });
  }
  return {
    group,
    articles: rows.map((a) => ({ id: a.id, idx: a.idx, title: a.title, digest: a.digest, content: a.content })),
    copyright,
  };
}
