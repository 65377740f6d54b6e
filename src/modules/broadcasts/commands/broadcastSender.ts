import type { Services } from '../../../main/services.js';
import type { Tx } from '../../../platform/db/connect.js';
import { DomainError } from '../../../platform/errors.js';
import { withTransaction } from '../../../platform/jobs/transaction.js';
import { findAccountById, type AccountRow } from '../../accounts/index.js';
import { countSubscribedOpenids, findByClientMsgId, insertBroadcast, lockMassScope, type BroadcastRow } from '../store/broadcasts.js';
import { nextMsgDataId } from '../../articles/index.js';
import { findTag } from '../../followers/index.js';
import { isTaggableSystemTag } from '../../followers/rules/audience.js';
import { massQuotaRule, periodEnd, quotaKeys } from '../rules/massQuota.js';
import { checkClientMsgId, checkMassContent, moderationStatus, postPlacement, type Audience, type MassContent } from '../rules/massMessage.js';
import { checkCopyright, type CopyrightCheck } from '../../articles/rules/copyright.js';
import type { Violation } from '../../moderation/rules/moderation.js';
import { moderateArticles, moderateText } from '../../moderation/index.js';
import { queueMassFinish } from './broadcastFinisher.js';
import { findProtection } from '../store/massProtection.js';
import { CONFIRM_WINDOW_MS, needsConfirmation } from '../rules/massConfirmation.js';
import { usedInPeriod } from './massQuotaReader.js';
import { resolveMassContent, type ResolvedContent } from './massContentResolver.js';

export { massQuotaStatus, type MassQuotaStatus } from './massQuotaReader.js';

/** A push post to accept (message/mass/sendall and send, and the console composer). */
export interface SendBroadcastInput {
  accountId: string;
  source: 'api' | 'console';
  operatorId?: string | null;
  /** mpnews | text | image | voice | mpvideo | wxcard */
  msgtype: string;
  /** The msgtype body: {media_id} / {content}; for several images {media_ids, recommend, ...}. */
  payload: Record<string, unknown>;
  audience: Audience;
  /** 1/true: articles judged reprints are sent with attribution; 0/false (default): the send stops. */
  sendIgnoreReprint?: boolean | number;
  clientmsgid?: string;
  /** Send later: the post counts in the quota of the China day/month it is scheduled for. */
  scheduledAt?: Date | null;
}

/** The accepted post: msg_id, and msg_data_id for mpnews. */
export interface SentBroadcast {
  msgId: number;
  msgDataId?: number;
}

/** How far ahead a push post may be scheduled. */
export const MAX_SCHEDULE_AHEAD_MS = 30 * 24 * 3600 * 1000;
/** A clientmsgid sent again within this time answers 45066 rather than 45065. */
const CLIENTMSGID_RETRY_MS = 60_000;


/** The msgtype body as the WeChat API shapes it, so the API and the console are checked alike. */
function bodyOf(msgtype: string, payload: Record<string, unknown>): Record<string, unknown> {
  if (msgtype === 'image' && Array.isArray(payload?.media_ids)) return { msgtype, images: payload };
  return { msgtype, [msgtype]: payload };
}

async function checkAudience(services: Pick<Services, 'db'>, account: AccountRow, audience: Audience): Promise<void> {
  if (audience.kind === 'tag') {
    const ok = isTaggableSystemTag(audience.tagId) || (await findTag(services.db, account.id, audience.tagId)) !== undefined;
    if (!ok) throw new DomainError('invalid_audience', 'No such tag.', { errcode: 40050, at: 'filter.tag_id' });
  } else if (audience.kind === 'openids') {
    if (audience.openids.length === 0 || (await countSubscribedOpenids(services.db, account.id, audience.openids)) === 0) {
      throw new DomainError('invalid_audience', 'None of the openids follows this account.', { errcode: 40003, at: 'touser' });
    }
  }
}

/** What moderation and the originality check decided. */
type Verdict = { kind: 'ok'; copyright: CopyrightCheck | null } | { kind: 'moderation'; violation: Violation } | { kind: 'copyright'; check: CopyrightCheck };

async function judge(tx: Tx, services: Pick<Services, 'clock'>, account: AccountRow, content: MassContent, resolved: ResolvedContent, ignoreReprint: boolean): Promise<Verdict> {
  const violation = content.msgtype === 'mpnews'
    ? await moderateArticles(tx, services.clock, { accountId: account.id, action: 'broadcast', groupId: resolved.group?.id ?? null, articles: resolved.articles })
    : content.msgtype === 'text'
      ? await moderateText(tx, services.clock, { accountId: account.id, action: 'broadcast', text: String(content.payload.content ?? '') })
      : null;
  if (violation) return { kind: 'moderation', violation };
  if (content.msgtype !== 'mpnews') return { kind: 'ok', copyright: null };
  const check = checkCopyright(resolved.copyright, ignoreReprint);
  return check.blockedStatus ? { kind: 'copyright', check } : { kind: 'ok', copyright: check };
}

/**
 * Accepts a push post for fan-out: message/mass/sendall and send (source 'api') and the console
 * composer (source 'console'), with the same rules for both. Checks the content (1–8 articles,
 * media of the account), the audience, clientmsgid (45067 too long, 45065 already used, 45066
 * retried within a minute), the quota (45028: subscription accounts 1 per China day, service
 * accounts 4 per China month, for is_to_all, tag and console sends), moderation and the
 * originality check, then records the post queued (or scheduled) for the fan-out runner. With
 * API mass-send protection on, a post from the API waits for the administrator's confirmation
 * in the phone instead (status awaiting_confirmation, 30 minutes: commands/massConfirmation.ts).
 *
 * A post stopped by moderation or the originality check: from the console, a DomainError
 * ('content_blocked' with category, categoryLabel and passage; 'reprint_blocked') and nothing is
 * created but the violation record; from the API, the post is recorded already finished with
 * the Status WeChat reports (err(20002) ..., err(30002), err(30003)), does not count against the
 * quota, and MASSSENDJOBFINISH is queued at once with zero counts.
 *
 * Refusals are DomainErrors with WeChat's errcode in details.errcode; over quota adds
 * details.nextAvailableAt (ISO time) and retryAfterSec; 45065 adds details.msgId.
 */
export async function sendBroadcast(services: Services, input: SendBroadcastInput): Promise<SentBroadcast> {
  const account = await findAccountById(services.db, input.accountId);
  if (!account) throw new DomainError('not_found', 'Account not found.');
  const checked = checkMassContent(bodyOf(input.msgtype, input.payload ?? {}));
  if (!checked.ok) throw new DomainError('invalid_message', `The push post was refused (errcode ${checked.errcode}).`, { errcode: checked.errcode, at: checked.at });
  const content = checked.value;
  const cmid = checkClientMsgId(input.clientmsgid);
  if (!cmid.ok) throw new DomainError('invalid_message', 'clientmsgid is longer than 64 bytes.', { errcode: cmid.errcode, at: 'clientmsgid' });
  const nowMs = services.clock.nowMs();
  const scheduledAt = input.scheduledAt ?? null;
  if (scheduledAt && (!(scheduledAt.getTime() > nowMs) || scheduledAt.getTime() - nowMs > MAX_SCHEDULE_AHEAD_MS)) {
    throw new DomainError('invalid_schedule', 'A push post can be scheduled from now up to 30 days ahead.', { errcode: 40035, at: 'scheduledAt' });
  }
  const resolved = await resolveMassContent(services, account, content);
  await checkAudience(services, account, input.audience);
  const ignoreReprint = input.sendIgnoreReprint === true || input.sendIgnoreReprint === 1;
  const countsToQuota = input.audience.kind !== 'openids' || input.source === 'console';
  const quotaAtMs = scheduledAt ? scheduledAt.getTime() : nowMs;
  const keys = quotaKeys(quotaAtMs);
  const { placement, notify } = postPlacement(account.type);

  const outcome = await withTransaction(services, async (tx, after) => {
    await lockMassScope(tx, account.id);
    const now = services.clock.now();
    if (cmid.value !== undefined) {
      const existing = await findByClientMsgId(tx, account.id, cmid.value);
      if (existing) {
        const retry = now.getTime() - existing.createdAt.getTime() < CLIENTMSGID_RETRY_MS;
        throw new DomainError('conflict', retry ? 'The same clientmsgid was sent less than a minute ago.' : 'This clientmsgid was already used.', {
          errcode: retry ? 45066 : 45065,
          msgId: existing.id,
        }, retry ? {} : { extra: { msg_id: existing.id } });
      }
    }
    if (countsToQuota) {
      const { limit } = massQuotaRule(account.type);
      if ((await usedInPeriod(tx, account, quotaAtMs)) >= limit) {
        const next = new Date(periodEnd(massQuotaRule(account.type).period, quotaAtMs));
        throw new DomainError('rate_limited', account.type === 'service'
          ? 'This service account has sent its 4 push posts of this month.'
          : 'This subscription account has sent its push post of today.', {
          errcode: 45028,
          nextAvailableAt: next.toISOString(),
          retryAfterSec: Math.max(1, Math.ceil((next.getTime() - now.getTime()) / 1000)),
        });
      }
    }
    const verdict = await judge(tx, services, account, content, resolved, ignoreReprint);
    const protection = input.source === 'api' ? await findProtection(tx, account.id) : undefined;
    if (verdict.kind !== 'ok' && input.source === 'console') return { verdict, row: null as BroadcastRow | null, queued: false };
    const blockedStatus = verdict.kind === 'moderation' ? moderationStatus(verdict.violation.category) : verdict.kind === 'copyright' ? verdict.check.blockedStatus : null;
    const awaiting = !blockedStatus && !scheduledAt && needsConfirmation(input.source, protection);
    const copyright = verdict.kind === 'copyright' ? verdict.check.result : verdict.kind === 'ok' ? verdict.copyright?.result ?? null : null;
    const row = await insertBroadcast(tx, {
      accountId: account.id,
      kind: 'mass',
      source: input.source,
      operatorId: input.operatorId ?? null,
      msgtype: content.msgtype,
      payload: content.payload,
      groupId: resolved.group?.id ?? null,
      msgDataId: content.msgtype === 'mpnews' ? await nextMsgDataId(tx) : null,
      audience: input.audience,
      sendIgnoreReprint: ignoreReprint ? 1 : 0,
      clientmsgid: cmid.value ?? null,
      status: blockedStatus ? 'failed' : awaiting ? 'awaiting_confirmation' : scheduledAt ? 'scheduled' : 'queued',
      resultStatus: blockedStatus,
      placement,
      notify,
      countsToQuota: countsToQuota && !blockedStatus,
      chinaDay: keys.chinaDay,
      chinaMonth: keys.chinaMonth,
      scheduledAt,
      copyright,
      acceptedAt: now,
      confirmBy: awaiting ? new Date(now.getTime() + CONFIRM_WINDOW_MS) : null,
      finishedAt: blockedStatus ? now : null,
      createdAt: now,
    });
    let queued = false;
    if (blockedStatus) {
      const zero = { status: blockedStatus, totalCount: 0, filterCount: 0, sentCount: 0, errorCount: 0 };
      queued = await queueMassFinish(tx, services, account, row, zero, null);
      if (queued) after.wake('deliveriesQueued');
    }
    if (row.status === 'queued' || row.status === 'scheduled') after.wake('broadcastsQueued');
    // The administrator's phone shows the confirmation card (API mass-send protection).
    if (awaiting && protection?.adminUserId) after.publish(protection.adminUserId, { type: 'mass_confirmation', appid: account.appid, msgId: row.id });
    return { verdict, row, queued };
  });

  if (outcome.verdict.kind === 'moderation' && input.source === 'console') {
    const v = outcome.verdict.violation;
    throw new DomainError('content_blocked', `The push post contains prohibited content (${v.categoryLabel}): “${v.passage}”.`, {
      category: v.category,
      categoryLabel: v.categoryLabel,
      passage: v.passage,
      term: v.term,
      articleIdx: v.articleIdx,
    });
  }
  if (outcome.verdict.kind === 'copyright' && input.source === 'console') {
    throw new DomainError('reprint_blocked', outcome.verdict.check.reason ?? 'The originality check stopped the post.', {
      status: outcome.verdict.check.blockedStatus,
      copyright: outcome.verdict.check.result,
    });
  }
  const row = outcome.row!;
  return { msgId: row.id, ...(row.msgDataId !== null ? { msgDataId: row.msgDataId } : {}) };
}
