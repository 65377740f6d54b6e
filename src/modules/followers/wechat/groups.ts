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
    schema: groupBody,
    async handler({ account, body }) {
      const tag = await createTag(services, account.id, groupField(body.group, 'name'));
      return { group: { id: tag.id, name: tag.name } };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/groups/get',
    methods: ['GET'],
    auth: 'token',
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
    schema: openidBody,
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
    schema: groupBody,
    async handler({ account, body }) {
      await renameTag(services, account.id, groupField(body.group, 'id'), groupField(body.group, 'name'));
      return OK;
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/groups/members/update',
    methods: ['POST'],
    auth: 'token',
    schema: moveBody,
    async handler({ account, body }) {
      await moveToGroup(services, account.id, [body.openid], body.to_groupid);
      return OK;
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/groups/members/batchupdate',
    methods: ['POST'],
    auth: 'token',
    schema: batchMoveBody,
    async handler({ account, body }) {
      await moveToGroup(services, account.id, body.openid_list, body.to_groupid);
      return OK;
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/groups/delete',
    methods: ['POST'],
    auth: 'token',
    schema: groupBody,
    async handler({ account, body }) {
      await deleteTag(services, account.id, groupField(body.group, 'id'));
      return OK;
    },
  });
}
