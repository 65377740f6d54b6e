import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { COMMENT_MAX_CHARS, charCount, commentRefusal } from '../rules.js';
import { findFollow } from '../../followers/index.js';
import { insertComment, type CommentRow } from '../store/articleComments.js';
import { readableArticle } from './readerArticle.js';
import { isBlocked } from '../store/commentModeration.js';

/**
 * A reader comments on an article. Comments must be open (need_open_comment), and when only
 * followers may comment (only_fans_can_comment) the reader must follow the account. The comment
 * is visible to its author at once and to everyone once the account features it. A reader the
 * account blocked cannot comment on its articles.
 */
export async function commentOnArticle(
  services: Pick<Services, 'db' | 'clock'>,
  input: { articleId: string; userId: string; content: string },
): Promise<CommentRow> {
  const content = input.content.trim();
  if (charCount(content) < 1) throw new DomainError('invalid_request', 'Write something first.');
  if (charCount(content) > COMMENT_MAX_CHARS) throw new DomainError('invalid_request', `A comment is at most ${COMMENT_MAX_CHARS} characters.`);
  const { article, accountName } = await readableArticle(services.db, input.articleId);
  const follow = await findFollow(services.db, article.accountId, input.userId);
  const refusal = commentRefusal(article, Boolean(follow?.subscribed));
  if (refusal === 'comments_closed') throw new DomainError('comments_closed', 'Comments are closed on this article.');
  if (refusal === 'followers_only') throw new DomainError('followers_only', `Only followers of ${accountName} can comment on this article.`);
  if (await isBlocked(services.db, article.accountId, input.userId)) throw new DomainError('comment_blocked', `${accountName} does not accept your comments.`);
  return insertComment(services.db, { articleId: article.id, userId: input.userId, content, now: services.clock.now() });
}
