import type { FastifyInstance } from 'fastify';
import type { Services } from '../../main/services.js';
import { defineApi, type WxContext } from '../../surfaces/wechat/kit.js';
import { refusal } from '../../protocol/errcodes.js';
import { can } from '../accounts/rules/capabilities.js';
import { switchArticleComments } from './commands/articleCommentsSwitch.js';
import { electComment } from './commands/commentElector.js';
import { removeComment } from './commands/commentRemover.js';
import { deleteCommentReply, replyToComment } from './commands/commentReplier.js';
import { commentedArticle, type CommentAddress } from './commands/commentTarget.js';
import { listCommentsForAccount, type CommentListType } from './store/articleComments.js';
import { SMALL_BODY, intArg, objectBody } from '../articles/index.js';
import { CONTROL_MULTILINE } from '../../platform/text.js';

/** Largest comment-API body: a reply of 600 characters and the ids. */
const COMMENT_BODY = SMALL_BODY;
/** comment/list returns at most this many per call (88010 beyond). */
const LIST_MAX = 50;

/** An optional integer argument: the default when absent, null (malformed) kept as null. */
const orDefault = (v: number | undefined | null, fallback: number): number | null => (v === undefined ? fallback : v);

/**
 * The article being addressed: {msg_data_id, index} where index is the 0-based position in the
 * group (default 0, the lead article). Accounts without the comment capability answer 88000.
 */
function addressOf(ctx: WxContext): { body: Record<string, unknown>; address: CommentAddress } {
  if (!can(ctx.account, 'comment')) throw refusal(88000);
  const body = objectBody(ctx.body);
  const msgDataId = intArg(body.msg_data_id);
  const index = orDefault(intArg(body.index), 0);
  if (msgDataId === null || index === null) throw refusal(47001);
  if (msgDataId === undefined) throw refusal(88001);
  return { body, address: { accountId: ctx.account.id, msgDataId, index } };
}

/** user_comment_id: 88008 when missing or not an id. */
function commentIdOf(body: Record<string, unknown>): number {
  const id = intArg(body.user_comment_id);
  if (id === null) throw refusal(47001);
  if (id === undefined || id <= 0) throw refusal(88008);
  return id;
}

const ok = { errcode: 0, errmsg: 'ok' };

/**
 * Comment management on published articles (reference §9 "Comments"): open and close
 * comments, list them, feature (markelect) and unfeature them, delete them, and reply.
 */
export function registerCommentApis(app: FastifyInstance, services: Services): void {
  const api = (path: string, handler: (ctx: WxContext) => Promise<object>) =>
    defineApi(app, services, { path, methods: ['POST'], auth: 'token', maxBody: COMMENT_BODY, handler });

  for (const [path, open] of [['/cgi-bin/comment/open', true], ['/cgi-bin/comment/close', false]] as const) {
    api(path, async (ctx) => {
      const { address } = addressOf(ctx);
      await switchArticleComments(ctx.services, { ...address, open });
      return ok;
    });
  }

  api('/cgi-bin/comment/list', async (ctx) => {
    const { body, address } = addressOf(ctx);
    const begin = orDefault(intArg(body.begin), 0);
    const count = intArg(body.count);
    const type = orDefault(intArg(body.type), 0);
    if (begin === null || count === null || type === null) throw refusal(47001);
    if (count === undefined || count <= 0 || count > LIST_MAX) throw refusal(88010);
    if (begin < 0 || (type !== 0 && type !== 1 && type !== 2)) throw refusal(47001);
    const article = await commentedArticle(ctx.services.db, address);
    const { total, rows } = await listCommentsForAccount(ctx.services.db, { accountId: address.accountId, articleId: article.id, type: type as CommentListType, begin, count });
    return {
      errcode: 0,
      errmsg: 'ok',
      total,
      comment: rows.map((c) => ({
        user_comment_id: c.id,
        openid: c.openid,
        create_time: Math.floor(c.createdAt.getTime() / 1000),
        content: c.content,
        comment_type: c.elected ? 1 : 0,
        ...(c.replyContent !== null ? { reply: { content: c.replyContent, create_time: Math.floor((c.replyAt ?? c.createdAt).getTime() / 1000) } } : {}),
      })),
    };
  });

  for (const [path, elected] of [['/cgi-bin/comment/markelect', true], ['/cgi-bin/comment/unmarkelect', false]] as const) {
    api(path, async (ctx) => {
      const { body, address } = addressOf(ctx);
      const commentId = commentIdOf(body);
      await electComment(ctx.services, { ...address, commentId, elected });
      return ok;
    });
  }

  api('/cgi-bin/comment/delete', async (ctx) => {
    const { body, address } = addressOf(ctx);
    const commentId = commentIdOf(body);
    await removeComment(ctx.services, { ...address, commentId });
    return ok;
  });

  api('/cgi-bin/comment/reply/add', async (ctx) => {
    const { body, address } = addressOf(ctx);
    const commentId = commentIdOf(body);
    if (body.content !== undefined && typeof body.content !== 'string') throw refusal(47001);
    const content = typeof body.content === 'string' ? body.content : '';
    if (CONTROL_MULTILINE.test(content)) throw refusal(40033);
    await replyToComment(ctx.services, { ...address, commentId, content });
    return ok;
  });

  api('/cgi-bin/comment/reply/delete', async (ctx) => {
    const { body, address } = addressOf(ctx);
    const commentId = commentIdOf(body);
    await deleteCommentReply(ctx.services, { ...address, commentId });
    return ok;
  });
}
