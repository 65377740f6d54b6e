import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { defineApi } from '../../../surfaces/wechat/kit.js';
import { refusal } from '../../../protocol/errcodes.js';
import { requireFollowers } from '../followerGuard.js';
import { createTag } from '../commands/tagCreator.js';
import { renameTag } from '../commands/tagRenamer.js';
import { deleteTag } from '../commands/tagDeleter.js';
import { updateTagMembers } from '../commands/tagMembersUpdater.js';
import { updateBlacklist } from '../commands/blacklistUpdater.js';
import { findTag, listTagMemberOpenids, listTags, tagIdsOf, tagMemberCounts } from '../store/tags.js';
import { countBlacklisted, listBlacklistedOpenids } from '../store/blacklist.js';
import { isSystemTag, isTaggableSystemTag, looksLikeOpenid, OPENID_PAGE_SIZE, tagIdOf } from '../rules/audience.js';
import { presentOpenidPage, presentTags } from './presenters.js';

const OK = { errcode: 0, errmsg: 'ok' };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `{tag: {id?, name?}}`: field checks answer tag errcodes (45157/45158/45159), not 47001. */
const tagBody = z.object({ tag: z.unknown().optional() });
const membersBody = z.object({ openid_list: z.unknown().optional(), tagid: z.unknown().optional() });
const openidBody = z.object({ openid: z.unknown().optional() });
const tagUsersBody = z.object({ tagid: z.unknown().optional(), next_openid: z.unknown().optional() });
const blacklistPageBody = z.object({ begin_openid: z.unknown().optional() });
const blacklistBody = z.object({ openid_list: z.unknown().optional() });

const tagField = (tag: unknown, field: 'id' | 'name') => (isRecord(tag) ? tag[field] : undefined);

/** A paging cursor: '' (from the start) or something shaped like an openid (40003 otherwise). */
function cursorOf(v: unknown): string {
  if (v === undefined || v === null || v === '') return '';
  if (!looksLikeOpenid(v)) throw refusal(40003);
  return v;
}

/** Tags, tag membership and the blacklist (reference §7). */
export function registerTagRoutes(app: FastifyInstance, services: Services): void {
  defineApi(app, services, {
    path: '/cgi-bin/tags/create',
    methods: ['POST'],
    auth: 'token',
    schema: tagBody,
    async handler({ account, body }) {
      const tag = await createTag(services, account.id, tagField(body.tag, 'name'));
      return { tag: { id: tag.id, name: tag.name } };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/tags/get',
    methods: ['GET'],
    auth: 'token',
    async handler({ account }) {
      const [tags, counts] = await Promise.all([listTags(services.db, account.id), tagMemberCounts(services.db, account.id)]);
      return presentTags(tags, counts);
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/tags/update',
    methods: ['POST'],
    auth: 'token',
    schema: tagBody,
    async handler({ account, body }) {
      await renameTag(services, account.id, tagField(body.tag, 'id'), tagField(body.tag, 'name'));
      return OK;
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/tags/delete',
    methods: ['POST'],
    auth: 'token',
    schema: tagBody,
    async handler({ account, body }) {
      await deleteTag(services, account.id, tagField(body.tag, 'id'));
      return OK;
    },
  });

  for (const [path, action] of [
    ['/cgi-bin/tags/members/batchtagging', 'tag'],
    ['/cgi-bin/tags/members/batchuntagging', 'untag'],
  ] as const) {
    defineApi(app, services, {
      path,
      methods: ['POST'],
      auth: 'token',
      schema: membersBody,
      async handler({ account, body }) {
        await updateTagMembers(services, account.id, action, body.openid_list, body.tagid);
        return OK;
      },
    });
  }

  defineApi(app, services, {
    path: '/cgi-bin/tags/getidlist',
    methods: ['POST', 'GET'],
    auth: 'token',
    schema: openidBody,
    async handler({ account, body, query }) {
      const openid = body?.openid ?? query.openid;
      await requireFollowers(services.db, account.id, [openid], { requireSubscribed: true, foreignErrcode: 49003 });
      const tags = await tagIdsOf(services.db, account.id, [openid as string]);
      return { tagid_list: tags.get(openid as string) ?? [] };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/user/tag/get',
    methods: ['POST', 'GET'],
    auth: 'token',
    schema: tagUsersBody,
    async handler({ account, body, query }) {
      const tagId = tagIdOf(body?.tagid ?? query.tagid);
      if (tagId === undefined || (isSystemTag(tagId) && !isTaggableSystemTag(tagId))) throw refusal(45159);
      if (!isSystemTag(tagId) && !(await findTag(services.db, account.id, tagId))) throw refusal(45159);
      const after = cursorOf(body?.next_openid ?? query.next_openid);
      return presentOpenidPage(await listTagMemberOpenids(services.db, account.id, tagId, after, OPENID_PAGE_SIZE));
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/tags/members/getblacklist',
    methods: ['POST'],
    auth: 'token',
    body: 'optional-json',
    schema: blacklistPageBody,
    async handler({ account, body }) {
      const after = cursorOf(body?.begin_openid);
      const [total, openids] = await Promise.all([
        countBlacklisted(services.db, account.id),
        listBlacklistedOpenids(services.db, account.id, after, OPENID_PAGE_SIZE),
      ]);
      return { total, ...presentOpenidPage(openids) };
    },
  });

  for (const [path, action] of [
    ['/cgi-bin/tags/members/batchblacklist', 'add'],
    ['/cgi-bin/tags/members/batchunblacklist', 'remove'],
  ] as const) {
    defineApi(app, services, {
      path,
      methods: ['POST'],
      auth: 'token',
      schema: blacklistBody,
      async handler({ account, body }) {
        await updateBlacklist(services, account.id, action, body.openid_list);
        return OK;
      },
    });
  }
}
