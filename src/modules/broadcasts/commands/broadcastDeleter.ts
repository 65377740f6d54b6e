import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { findBroadcast, findLatestSentOfGroup, lockBroadcastById, markBroadcastDeleted } from '../store/broadcasts.js';
import { findArticle, findArticlesByGroup, markArticlesDeleted } from '../../articles/store/articles.js';
import { groupFullyDeleted } from '../../articles/store/newsGroups.js';
import { ARTICLE_ID_RE } from '../../articles/rules/article.js';

/** What to delete: a push post by msg_id (optionally one article, 1-based), or one article by its URL. */
export type MassDeleteTarget = { msgId: number; articleIdx: number } | { url: string };


/** The page id of an article URL (…/s/<id>), or undefined. */
function articleIdOfUrl(url: string): string | undefined {
  const m = /\/s\/([^/?#]+)/.exec(url);
  if (!m) return undefined;
  let id: string;
  try {
    id = decodeURIComponent(m[1]);
  } catch {
    return undefined;
  }
  return ARTICLE_ID_RE.test(id) ? id : undefined;
}

/**
 * message/mass/delete: only mpnews and mpvideo push posts (48008 otherwise), only after they were
 * sent successfully (40035 while sending or when they failed). article_idx is 1-based; 0 or
 * omitted deletes every article (40060 beyond the post's articles). Deleted articles are marked
 * is_deleted (their pages say so); once nothing is left the post reads DELETE in mass/get.
 * Without msg_id, `url` names one article of a sent post. Deleting again is harmless.
 */
export async function deleteMassMessage(services: Pick<Services, 'db' | 'clock'>, accountId: string, target: MassDeleteTarget): Promise<void> {
  let msgId: number;
  let articleIdx: number;
  if ('url' in target) {
    const id = articleIdOfUrl(target.url);
    const article = id ? await findArticle(services.db, id) : undefined;
    if (!article || article.accountId !== accountId) throw new DomainError('not_found', 'No article of this account has that URL.', { errcode: 40035, at: 'url' });
    const sent = await findLatestSentOfGroup(services.db, accountId, article.groupId);
    if (!sent) throw new DomainError('not_found', 'That article was not mass-sent.', { errcode: 40035, at: 'url' });
    msgId = sent.id;
    articleIdx = article.idx + 1;
  } else {
    msgId = target.msgId;
    articleIdx = target.articleIdx;
  }
  await services.db.transaction(async (tx) => {
    const found = await findBroadcast(tx, accountId, msgId);
    const row = found && found.kind === 'mass' ? await lockBroadcastById(tx, found.id) : undefined;
    if (!row) throw new DomainError('not_found', 'No push post with this msg_id.', { errcode: 40035, at: 'msg_id' });
    if (row.msgtype !== 'mpnews' && row.msgtype !== 'mpvideo') throw new DomainError('invalid_request', 'Only mpnews and mpvideo push posts can be deleted.', { errcode: 48008, at: 'msg_id' });
    if (row.status === 'deleted') return;
    if (row.status !== 'done' || row.resultStatus !== 'send success') throw new DomainError('invalid_request', 'Only a push post sent successfully can be deleted.', { errcode: 40035, at: 'msg_id' });
    const now = services.clock.now();
    if (row.msgtype === 'mpvideo' || !row.groupId) {
      if (articleIdx > 1) throw new DomainError('invalid_request', 'article_idx is out of range.', { errcode: 40060, at: 'article_idx' });
      await markBroadcastDeleted(tx, row.id);
      return;
    }
    const articles = await findArticlesByGroup(tx, row.groupId);
    if (articleIdx > articles.length) throw new DomainError('invalid_request', 'article_idx is out of range.', { errcode: 40060, at: 'article_idx' });
    await markArticlesDeleted(tx, row.groupId, articleIdx === 0 ? null : articleIdx - 1, now);
    if (articleIdx === 0 || (await groupFullyDeleted(tx, row.groupId))) await markBroadcastDeleted(tx, row.id);
  });
}
