import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { updateRemark } from '../commands/remarkUpdater.js';
import { createTag } from '../commands/tagCreator.js';
import { renameTag } from '../commands/tagRenamer.js';
import { deleteTag } from '../commands/tagDeleter.js';
import { updateTagMembers } from '../commands/tagMembersUpdater.js';
import { updateBlacklist } from '../commands/blacklistUpdater.js';
import { countSubscribers } from '../store/audience.js';
import { countBlacklisted } from '../store/blacklist.js';
import { countFollowerMatches, searchFollowers, type FollowerCursor, type FollowerListing } from '../store/followerDirectory.js';
import { listTags, tagIdsOf, tagMemberCounts } from '../store/tags.js';
import { accountInScope } from '../../../surfaces/console/accountScope.js';
import { cleanText, consoleRoute } from '../../../surfaces/console/kit.js';
import { presentConsoleTags, presentFollower, tagNameMap } from './followerPresenter.js';

/** Followers per page unless `limit` asks for fewer or more (up to the maximum). */
export const FOLLOWERS_PAGE_DEFAULT = 50;
export const FOLLOWERS_PAGE_MAX = 100;

const listQuery = z.object({
  q: cleanText().pipe(z.string().trim().max(64, 'Search at most 64 characters.')).optional(),
  tag: z.string().regex(/^\d{1,9}$/, 'tag must be a tag id.').optional(),
  blacklisted: z.enum(['true', 'false', ''], { message: 'blacklisted must be true or false.' }).optional(),
  cursor: z.string().max(200, 'cursor is not valid.').optional(),
  limit: z.string().regex(/^\d{1,3}$/, 'limit must be a number.').optional(),
});

const remarkBody = z.object({ remark: cleanText().pipe(z.string().max(200, 'Remark is too long.')) });
const tagBody = z.object({ name: cleanText().pipe(z.string().trim().max(200, 'Tag name is too long.')) });
const UNPRINTABLE = /[\u0000-\u001f\u007f]|[\uD800-\uDFFF]/;
/**
 * Batch sizes (50 to tag, 20 to blacklist) and which openids are acceptable are the commands'
 * rules (WeChat's errcodes); this only bounds the work and keeps bytes the database cannot
 * compare (NUL, broken Unicode) away from it.
 */
const openidList = z
  .array(z.unknown())
  .max(1000, 'Too many openids.')
  .refine((list) => list.every((v) => typeof v !== 'string' || !UNPRINTABLE.test(v)), 'openids must be openids.');
const taggingBody = z.object({ openids: openidList, tag_id: z.unknown(), action: z.enum(['add', 'remove']) });
const blacklistBody = z.object({ openids: openidList, action: z.enum(['add', 'remove']) });

/** Cursors are opaque to clients: base64url of "<follow time ms>:<openid>". */
const encodeCursor = (f: FollowerListing) => Buffer.from(`${f.followedAt.getTime()}:${f.openid}`).toString('base64url');

function decodeCursor(raw: string | undefined): FollowerCursor | null {
  if (!raw) return null;
  const m = /^(\d{1,15}):([\w-]{6,64})$/.exec(Buffer.from(raw, 'base64url').toString('utf8'));
  if (!m) throw new DomainError('invalid_cursor', 'The page cursor is not valid. Start from the first page.');
  return { followedAtMs: Number(m[1]), openid: m[2] };
}

/** Followers, remarks, tags and the blacklist, through the same commands as the WeChat API. */
export function registerFollowerRoutes(api: FastifyInstance, services: Services): void {
  const base = '/accounts/:appid';

  consoleRoute(api, services, {
    method: 'GET',
    url: `${base}/followers`,
    action: 'followers.view',
    query: listQuery,
    async handler({ session, params, query }) {
      const account = await accountInScope(services, session, params.appid);
      const limit = Math.min(FOLLOWERS_PAGE_MAX, Math.max(1, Number(query.limit ?? FOLLOWERS_PAGE_DEFAULT)));
      const filter = {
        q: query.q || undefined,
        tagId: query.tag === undefined ? undefined : Number(query.tag),
        blacklisted: query.blacklisted === 'true' ? true : query.blacklisted === 'false' ? false : undefined,
      };
      const cursor = decodeCursor(query.cursor);
      const [rows, total, tags] = await Promise.all([
        searchFollowers(services.db, account.id, filter, cursor, limit + 1),
        countFollowerMatches(services.db, account.id, filter),
        listTags(services.db, account.id),
      ]);
      const page = rows.slice(0, limit);
      const tagIds = await tagIdsOf(services.db, account.id, page.map((f) => f.openid));
      const names = tagNameMap(tags);
      return {
        followers: page.map((f) => presentFollower(f, tagIds.get(f.openid) ?? [], names)),
        total,
        next_cursor: rows.length > limit ? encodeCursor(page[page.length - 1]) : null,
      };
    },
  });

  consoleRoute(api, services, {
    method: 'PUT',
    url: `${base}/followers/:openid/remark`,
    action: 'followers.edit',
    body: remarkBody,
    async handler({ session, params, body }) {
      const account = await accountInScope(services, session, params.appid);
      await updateRemark(services, account.id, params.openid, body.remark);
      return { openid: params.openid, remark: body.remark };
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: `${base}/followers/tagging`,
    action: 'followers.edit',
    body: taggingBody,
    async handler({ session, params, body }) {
      const account = await accountInScope(services, session, params.appid);
      await updateTagMembers(services, account.id, body.action === 'add' ? 'tag' : 'untag', body.openids, body.tag_id);
      return { ok: true, count: new Set(body.openids).size };
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: `${base}/followers/blacklist`,
    action: 'followers.edit',
    body: blacklistBody,
    async handler({ session, params, body }) {
      const account = await accountInScope(services, session, params.appid);
      await updateBlacklist(services, account.id, body.action, body.openids);
      return { ok: true, count: new Set(body.openids).size };
    },
  });

  const tagsView = async (accountId: string) => {
    const [tags, counts, followers, blacklisted] = await Promise.all([
      listTags(services.db, accountId),
      tagMemberCounts(services.db, accountId),
      countSubscribers(services.db, accountId),
      countBlacklisted(services.db, accountId),
    ]);
    return { tags: presentConsoleTags(tags, counts), followers, blacklisted };
  };

  consoleRoute(api, services, {
    method: 'GET',
    url: `${base}/tags`,
    action: 'followers.view',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      return tagsView(account.id);
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: `${base}/tags`,
    action: 'followers.edit',
    body: tagBody,
    status: 201,
    async handler({ session, params, body }) {
      const account = await accountInScope(services, session, params.appid);
      const tag = await createTag(services, account.id, body.name);
      return { tag: { id: tag.id, name: tag.name } };
    },
  });

  consoleRoute(api, services, {
    method: 'PUT',
    url: `${base}/tags/:id`,
    action: 'followers.edit',
    body: tagBody,
    async handler({ session, params, body }) {
      const account = await accountInScope(services, session, params.appid);
      await renameTag(services, account.id, params.id, body.name);
      return { tag: { id: Number(params.id), name: body.name } };
    },
  });

  consoleRoute(api, services, {
    method: 'DELETE',
    url: `${base}/tags/:id`,
    action: 'followers.edit',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      await deleteTag(services, account.id, params.id);
      return { ok: true };
    },
  });
}
