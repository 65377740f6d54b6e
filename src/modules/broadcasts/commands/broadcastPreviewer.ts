import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import type { AccountRow } from '../../accounts/store/accounts.js';
import { deliverToOne, followerByNickname, followOfOpenid, insertBroadcast } from '../store/broadcasts.js';
import { checkMassContent, placementOf, TOWXNAME_PREVIEWS_PER_DAY } from '../rules/massMessage.js';
import { quotaKeys } from '../rules/massQuota.js';
import { looksLikeOpenid } from '../../followers/rules/audience.js';
import { moderateArticles, moderateText } from '../../moderation/commands/contentModerator.js';
import { resolveMassContent } from './massContentResolver.js';

/** Who receives a preview: an openid, or a follower's WeChat id (towxname). */
export type PreviewTarget = { openid: string } | { wxname: string };

/** The quota key of towxname previews (100 per account per China day). */
export const TOWXNAME_QUOTA_KEY = '/cgi-bin/message/mass/preview#towxname';


/**
 * message/mass/preview (and the console's preview): delivers a push post at once to one follower
 * (a broadcast of kind 'preview', one recipient) without counting against the quota. The
 * follower must follow (40003 unknown, 43004 not following); towxname previews are limited to
 * 100 per China day (45009). Moderation applies as for a send: a prohibited term refuses the
 * preview (87014 for the API; the console reads category, categoryLabel and passage).
 */
export async function previewBroadcast(
  services: Services,
  account: AccountRow,
  input: { target: PreviewTarget; body: Record<string, unknown>; source: 'api' | 'console'; operatorId?: string | null },
): Promise<{ msgId: number }> {
  const checked = checkMassContent(input.body);
  if (!checked.ok) throw new DomainError('invalid_message', `The preview was refused (errcode ${checked.errcode}).`, { errcode: checked.errcode, ...(checked.at ? { at: checked.at } : {}) });
  const content = checked.value;
  let follower: { openid: string; userId: string } | undefined;
  if ('openid' in input.target) {
    const openid = input.target.openid;
    const f = looksLikeOpenid(openid) ? await followOfOpenid(services.db, account.id, openid) : undefined;
    if (!f) throw new DomainError('invalid_openid', 'touser is not a follower of this account.', { errcode: 40003, at: 'touser' });
    if (!f.subscribed) throw new DomainError('not_following', 'The user no longer follows this account.', { errcode: 43004, at: 'touser' });
    follower = { openid, userId: f.userId };
  } else {
    // Simulated users have no WeChat id of their own: the nickname a follower shows stands for it.
    follower = await followerByNickname(services.db, account.id, input.target.wxname);
    if (!follower) throw new DomainError('invalid_openid', 'towxname names no follower of this account.', { errcode: 40003, at: 'towxname' });
    if (!(await services.quotas.take(account.id, TOWXNAME_QUOTA_KEY, TOWXNAME_PREVIEWS_PER_DAY))) {
      throw new DomainError('rate_limited', 'Previews by WeChat id are limited to 100 a day.', { errcode: 45009, at: 'towxname' });
    }
  }
  const resolved = await resolveMassContent(services, account, content);
  const to = follower;

  const outcome = await services.db.transaction(async (tx) => {
    const now = services.clock.now();
    const violation = content.msgtype === 'mpnews'
      ? await moderateArticles(tx, services.clock, { accountId: account.id, action: 'preview', groupId: resolved.group?.id ?? null, articles: resolved.articles })
      : content.msgtype === 'text'
        ? await moderateText(tx, services.clock, { accountId: account.id, action: 'preview', text: String(content.payload.content ?? '') })
        : null;
    if (violation) return { violation, msgId: 0 };
    const keys = quotaKeys(now.getTime());
    const row = await insertBroadcast(tx, {
      accountId: account.id,
      kind: 'preview',
      source: input.source,
      operatorId: input.operatorId ?? null,
      msgtype: content.msgtype,
      payload: content.payload,
      groupId: resolved.group?.id ?? null,
      audience: { kind: 'openids', openids: [to.openid] },
      status: 'done',
      resultStatus: 'send success',
      ...placementOf(account.type),
      countsToQuota: false,
      chinaDay: keys.chinaDay,
      chinaMonth: keys.chinaMonth,
      totalCount: 1,
      filterCount: 1,
      sentCount: 1,
      errorCount: 0,
      acceptedAt: now,
      startedAt: now,
      finishedAt: now,
      createdAt: now,
    });
    await deliverToOne(tx, row.id, to.openid, now);
    return { violation: null, msgId: row.id };
  });
  if (outcome.violation) {
    const v = outcome.violation;
    throw new DomainError('content_blocked', `The preview contains prohibited content (${v.categoryLabel}): “${v.passage}”.`, {
      errcode: 87014,
      category: v.category,
      categoryLabel: v.categoryLabel,
      passage: v.passage,
      term: v.term,
      articleIdx: v.articleIdx,
    });
  }
  services.realtime.publish(to.userId, { type: 'broadcast', appid: account.appid, msgId: outcome.msgId });
  return { msgId: outcome.msgId };
}
