import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { massQuotaStatus, sendBroadcast } from '../commands/broadcastSender.js';
import { isTaggableSystemTag } from '../../followers/rules/audience.js';
import { cancelScheduledPush } from '../commands/scheduledBroadcastCanceller.js';
import type { AccountRow } from '../../accounts/index.js';
import { batchTotals, countAudience, findAccountBroadcast, leadTitles, listAccountBroadcasts, type BroadcastRow } from '../store/broadcastConsole.js';
import { findTag, listTags } from '../../followers/index.js';
import { findMediaMany } from '../../media/index.js';
import { findNewsGroupByArticleId } from '../../articles/index.js';
import { accountInScope } from '../../../surfaces/console/accountScope.js';
import { consolePushError, PUSH_WORDING } from './broadcastErrors.js';
import { countQuotaPosts } from '../store/broadcasts.js';
import { massQuotaRule } from '../rules/massQuota.js';
import { scheduleRefusal, schedulePeriodKeys, scheduleWindows } from '../rules/schedule.js';
import { presentPush, presentQuota, presentSchedule } from './broadcastPresenter.js';
import { cleanText, consoleRoute } from '../../../surfaces/console/kit.js';

export { SCHEDULE_MAX_MS, SCHEDULE_MIN_MS } from '../rules/schedule.js';

const MSG_ID = /^[1-9][0-9]{0,14}$/;
const MEDIA_ID = /^[A-Za-z0-9_-]{1,128}$/;
const TAG_ID = z.number().int().min(0).max(2_147_483_647);

const audience = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('tag'), tagId: TAG_ID }),
]);

const mediaId = z.string().regex(MEDIA_ID, 'must be a media_id.');

/**
 * What the composer pushes: a draft (mpnews), text, an image, a voice or a video material
 * (mpvideo: the sender takes a video material as media/uploadvideo's video), or a published
 * article (图文 from 发表记录, pushed as the mpnews of its news group).
 */
const sendBody = z.object({
  msgtype: z.enum(['mpnews', 'text', 'image', 'voice', 'mpvideo', 'article']),
  draftId: mediaId.optional(),
  mediaId: mediaId.optional(),
  articleId: z.string().regex(MEDIA_ID, 'must be an article_id.').optional(),
  content: cleanText({ multiline: true }).pipe(z.string().max(2000, 'The text is at most 2,000 characters.')).optional(),
  audience,
  scheduledAt: z.iso.datetime({ offset: true }).optional(),
  sendIgnoreReprint: z.union([z.boolean(), z.literal(0), z.literal(1)]).optional(),
});

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(30),
  before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
});

const audienceQuery = z.object({ tagId: z.coerce.number().int().min(0).max(2_147_483_647).optional() });

function msgIdOf(raw: string | undefined): number {
  if (!raw || !MSG_ID.test(raw)) throw new DomainError('not_found', 'Push post not found.');
  return Number(raw);
}

const MISSING: Record<string, string> = {
  mpnews: 'Pick a draft to push.',
  image: 'Pick an image to push.',
  voice: 'Pick a voice material to push.',
  mpvideo: 'Pick a video material to push.',
  article: 'Pick a published article to push.',
};

function missing(body: z.infer<typeof sendBody>, field: string): DomainError {
  return new DomainError('invalid_request', MISSING[body.msgtype], { fields: [{ path: field, message: 'Required.' }] });
}

/**
 * The msgtype and body the sender takes, from the console's fields (one per type). A published
 * article becomes the mpnews of the news group published under its article_id; the sender's
 * rules (the account's, not deleted, 1 to 8 articles) then apply as to any mpnews.
 */
async function payloadOf(services: Services, account: AccountRow, body: z.infer<typeof sendBody>): Promise<{ msgtype: string; payload: Record<string, string> }> {
  if (body.msgtype === 'text') {
    if (body.content === undefined || body.content.trim() === '') throw new DomainError('invalid_request', 'Write the text of the push post.', { fields: [{ path: 'content', message: 'Required.' }] });
    return { msgtype: 'text', payload: { content: body.content } };
  }
  if (body.msgtype === 'article') {
    if (!body.articleId) throw missing(body, 'articleId');
    const group = await findNewsGroupByArticleId(services.db, account.id, body.articleId);
    if (!group || group.state === 'deleted') throw new DomainError('invalid_message', PUSH_WORDING.article_gone, { errcode: 40007, fields: [{ path: 'articleId', message: 'Not found.' }] });
    return { msgtype: 'mpnews', payload: { media_id: group.id } };
  }
  const id = body.msgtype === 'mpnews' ? body.draftId : body.mediaId;
  if (!id) throw missing(body, body.msgtype === 'mpnews' ? 'draftId' : 'mediaId');
  return { msgtype: body.msgtype, payload: { media_id: id } };
}

/** Posts counted in each quota period the scheduling range touches (keyed as the rule keys them). */
async function usedByPeriod(services: Services, account: AccountRow, nowMs: number): Promise<Record<string, number>> {
  const keys = schedulePeriodKeys(account.type, nowMs);
  const day = massQuotaRule(account.type).period === 'day';
  const counts = await Promise.all(keys.map((k) => countQuotaPosts(services.db, account.id, day ? { day: k } : { month: k })));
  return Object.fromEntries(keys.map((k, i) => [k, counts[i]]));
}

async function scheduleOf(services: Services, account: AccountRow, raw: string | undefined): Promise<Date | undefined> {
  if (raw === undefined) return undefined;
  const at = new Date(raw);
  const now = services.clock.nowMs();
  const refusal = scheduleRefusal(account.type, now, at.getTime(), await usedByPeriod(services, account, now));
  if (refusal === 'too_early') {
    throw new DomainError('invalid_request', 'Schedule the push post at least 5 minutes from now.', { fields: [{ path: 'scheduledAt', message: 'Too early.' }] });
  }
  if (refusal === 'too_late') {
    throw new DomainError('invalid_request', 'A push post can be scheduled at most 7 days ahead.', { fields: [{ path: 'scheduledAt', message: 'Too late.' }] });
  }
  // A time without quota is left to the sender, which refuses it with the next time possible.
  return at;
}

async function presentRows(services: Services, account: AccountRow, rows: BroadcastRow[]) {
  // A material push (image, voice, video) is summed up by its material's title or file name.
  const mediaIdOf = (r: BroadcastRow) => {
    const id = (r.payload as { media_id?: unknown } | null)?.media_id;
    return r.msgtype !== 'mpnews' && typeof id === 'string' ? id : undefined;
  };
  const [batches, titles, tags, media] = await Promise.all([
    batchTotals(services.db, rows.filter((r) => r.status === 'sending' || r.status === 'queued').map((r) => r.id)),
    leadTitles(services.db, rows.flatMap((r) => (r.groupId ? [r.groupId] : []))),
    listTags(services.db, account.id),
    findMediaMany(services.db, rows.flatMap((r) => mediaIdOf(r) ?? [])),
  ]);
  const tagNames = new Map(tags.map((t) => [t.id, t.name]));
  const mediaNames = new Map(media.filter((m) => m.accountId === account.id).map((m) => [m.id, m.title || m.filename]));
  return rows.map((r) => {
    const mediaId = mediaIdOf(r);
    return presentPush(r, { batches: batches.get(r.id), leadTitle: r.groupId ? titles.get(r.groupId) : undefined, mediaName: mediaId ? mediaNames.get(mediaId) : undefined, tagNames });
  });
}

async function pushView(services: Services, account: AccountRow, id: number) {
  const row = await findAccountBroadcast(services.db, account.id, id);
  if (!row || row.kind !== 'mass') throw new DomainError('not_found', 'Push post not found.');
  const [push] = await presentRows(services, account, [row]);
  return { push };
}

/** The push composer's API: history, one push with live counts, quota, audience size, send, cancel. */
export function registerBroadcastRoutes(api: FastifyInstance, services: Services): void {
  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/broadcasts',
    action: 'broadcasts.view',
    query: listQuery,
    async handler({ session, params, query }) {
      const account = await accountInScope(services, session, params.appid);
      const rows = await listAccountBroadcasts(services.db, account.id, query);
      const pushes = await presentRows(services, account, rows);
      return { pushes, next_before: rows.length === query.limit ? rows[rows.length - 1].id : null };
    },
  });

  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/broadcasts/quota',
    action: 'broadcasts.view',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      return { quota: presentQuota(await massQuotaStatus(services, account.id)) };
    },
  });

  // The times a push post may be scheduled into: only China days with quota left (the rule).
  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/broadcasts/schedule',
    action: 'broadcasts.view',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      const now = services.clock.nowMs();
      const windows = scheduleWindows(account.type, now, await usedByPeriod(services, account, now));
      const quota = await massQuotaStatus(services, account.id);
      return { schedule: presentSchedule(now, windows, quota) };
    },
  });

  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/broadcasts/audience',
    action: 'broadcasts.view',
    query: audienceQuery,
    async handler({ session, params, query }) {
      const account = await accountInScope(services, session, params.appid);
      const tagId = query.tagId ?? null;
      if (tagId !== null && !isTaggableSystemTag(tagId) && !(await findTag(services.db, account.id, tagId))) throw new DomainError('not_found', 'Tag not found.');
      return { tag_id: tagId, followers: await countAudience(services.db, account.id, tagId) };
    },
  });

  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/broadcasts/:msgId',
    action: 'broadcasts.view',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      return pushView(services, account, msgIdOf(params.msgId));
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: '/accounts/:appid/broadcasts',
    action: 'broadcasts.send',
    body: sendBody,
    status: 201,
    async handler({ session, params, body }) {
      const account = await accountInScope(services, session, params.appid);
      const { msgtype, payload } = await payloadOf(services, account, body);
      const scheduledAt = await scheduleOf(services, account, body.scheduledAt);
      let sent: Awaited<ReturnType<typeof sendBroadcast>>;
      try {
        sent = await sendBroadcast(services, {
          accountId: account.id,
          source: 'console',
          operatorId: session.operator.id,
          msgtype,
          payload,
          audience: body.audience,
          sendIgnoreReprint: body.sendIgnoreReprint === true || body.sendIgnoreReprint === 1 ? 1 : 0,
          ...(scheduledAt ? { scheduledAt } : {}),
        });
      } catch (err) {
        throw consolePushError(err);
      }
      return pushView(services, account, sent.msgId);
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: '/accounts/:appid/broadcasts/:msgId/cancel',
    action: 'broadcasts.send',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      const row = await cancelScheduledPush(services, { accountId: account.id, msgId: msgIdOf(params.msgId) });
      return pushView(services, account, row.id);
    },
  });
}
