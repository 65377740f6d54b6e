import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { REPLY_MAX_CHARS, charCount } from '../rules.js';
import { setReply } from '../store/articleComments.js';
import { updateReply } from '../store/commentModeration.js';
import { commentOf, commentedArticle, type CommentAddress } from './commentTarget.js';

/**
 * The account replies to a comment (comment/reply/add): one reply per comment (88005), 1 to
 * REPLY_MAX_CHARS characters (88007). Readers see the reply under the comment.
 */
export async function replyToComment(services: Pick<Services, 'db' | 'clock'>, input: CommentAddress & { commentId: number; content: string }): Promise<void> {
  checkReply(input.content);
  await services.db.transaction(async (tx) => {
    const article = await commentedArticle(tx, input);
    const comment = await commentOf(tx, article, input.commentId);
    // The conditional update decides, so two replies racing cannot both land.
    if (!(await setReply(tx, comment.id, { content: input.content.trim(), at: services.clock.now() }))) {
      throw new DomainError('conflict', 'The comment already has a reply.', { errcode: 88005 });
    }
  });
}

/** A reply is 1 to REPLY_MAX_CHARS characters once trimmed (88007). */
function checkReply(content: string): void {
  const n = charCount(content.trim());
  if (n < 1 || n > REPLY_MAX_CHARS) throw new DomainError('invalid_request', `A reply is 1 to ${REPLY_MAX_CHARS} characters.`, { errcode: 88007 });
}

/** The account rewrites its reply to a comment (the console); 88009 when there is none. */
export async function editCommentReply(services: Pick<Services, 'db' | 'clock'>, input: CommentAddress & { commentId: number; content: string }): Promise<void> {
  checkReply(input.content);
  await services.db.transaction(async (tx) => {
    const article = await commentedArticle(tx, input);
    const comment = await commentOf(tx, article, input.commentId);
    if (!(await updateReply(tx, comment.id, input.content.trim(), services.clock.now()))) throw new DomainError('not_found', 'The comment has no reply.', { errcode: 88009 });
  });
}

/** The account deletes its reply to a comment (comment/reply/delete); 88009 when there is none. */
export async function deleteCommentReply(services: Pick<Services, 'db'>, input: CommentAddress & { commentId: number }): Promise<void> {
  await services.db.transaction(async (tx) => {
    const article = await commentedArticle(tx, input);
    const comment = await commentOf(tx, article, input.commentId);
    if (!(await setReply(tx, comment.id, null))) throw new DomainError('not_found', 'The comment has no reply.', { errcode: 88009 });
  });
}
