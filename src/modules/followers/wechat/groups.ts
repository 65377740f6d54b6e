import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { defineApi } from '../../../surfaces/wechat/kit.js';
import { requireFollowers } from '../followerGuard.js';
import { createTag } from '../commands/tagCreator.js';
import { renameTag } from '../commands/tagRenamer.js';
import { deleteTag } from '../commands/tagDeleter.js';
import { moveToGroup } from '../commands/groupMover.js';
import { countUntaggedSubscribers, listTags, tagIdsOf, tagMemberCounts } from '../store/tags.js';
import { countBlacklisted } from '../store/blacklist.js';
import { groupOf } from '../rules/groups.js';
import { presentGroups } from './groupPresenters.js';

const OK = { errcode: 0, errmsg: 'ok' };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `{group: {id?, name?}}`: field checks answer the tag errcodes (45157/45158/45159), not 47001. */
const groupBody = z.object({ group: z.unknown().optional() });
const openidBody = z.object({ openid: z.unknown().optional() });
const moveBody = z.object({ openid: z.unknown().optional(), to_groupid: z.unknown().optional() });
const batchMoveBody = z.object({ openid_list: z.unknown().optional(), to_groupid: z.unknown().optional() });

const groupField = (group: unknown, field: 'id' | 'name') => (isRecord(group) ? group[field] : undefined);

/**
 * The legacy user-group API (reference §7), still called by old SDKs: a view over the same tags
 * the tags API manages (domain/groups.ts), with the tags API's checks and errcodes.
 */
export function registerGroupRoutes(app: FastifyInstance, services: Services): void {
  defineApi(app, services, {
    path: '/cgi-bin/groups/create',
    methods: ['POST'],
    auth: 'token',
    capability: 'user',
    schema: groupBody,
    summary: 'Create a group (a tag: ids from 100, at most 100)',
    async handler({ account, body }) {
      const tag = await createTag(services, account.id, groupField(body.group, 'name'));
      return { group: { id: tag.id, name: tag.name } };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/groups/get',
    methods: ['GET'],
    auth: 'token',
    capability: 'user',
    summary: 'Groups with follower counts: 0 未分组, 1 黑名单, 2 星标组, then the tags',
    async handler({ account }) {
      const [tags, counts, ungrouped, blacklisted] = await Promise.all([
        listTags(services.db, account.id),
        tagMemberCounts(services.db, account.id),
        countUntaggedSubscribers(services.db, account.id),
        countBlacklisted(services.db, account.id),
      ]);
      return presentGroups(tags, { tags: counts, ungrouped, blacklisted });
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/groups/getid',
    methods: ['POST'],
    auth: 'token',
    capability: 'user',
    schema: openidBody,
    summary: "A follower's group: their first tag, the star group 2, or 0",
    async handler({ account, body }) {
      await requireFollowers(services.db, account.id, [body.openid], { requireSubscribed: true, foreignErrcode: 49003 });
      const tags = await tagIdsOf(services.db, account.id, [body.openid as string]);
      return { groupid: groupOf(tags.get(body.openid as string) ?? []) };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/groups/update',
    methods: ['POST'],
    auth: 'token',
    capability: 'user',
    schema: groupBody,
    summary: 'Rename a group',
    async handler({ account, body }) {
      await renameTag(services, account.id, groupField(body.group, 'id'), groupField(body.group, 'name'));
      return OK;
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/groups/members/update',
    methods: ['POST'],
    auth: 'token',
    capability: 'user',
    schema: moveBody,
    summary: 'Move a follower to a group (0: no group)',
    async handler({ account, body }) {
      await moveToGroup(services, account.id, [body.openid], body.to_groupid);
      return OK;
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/groups/members/batchupdate',
    methods: ['POST'],
    auth: 'token',
    capability: 'user',
    schema: batchMoveBody,
    summary: 'Move up to 50 followers to a group',
    async handler({ account, body }) {
      await moveToGroup(services, account.id, body.openid_list, body.to_groupid);
      return OK;
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/groups/delete',
    methods: ['POST'],
    auth: 'token',
    capability: 'user',
    schema: groupBody,
    summary: 'Delete a group and untag its followers',
    async handler({ account, body }) {
      await deleteTag(services, account.id, groupField(body.group, 'id'));
      return OK;
    },
  });
}
