import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { withTransaction } from '../../../platform/jobs/transaction.js';
import type { AccountRow } from '../../accounts/index.js';
import { queuePush } from '../../callbacks/index.js';
import { ensureOpenid } from '../../followers/index.js';
import { changeEvent, popupEvent, type ConsentStatus, type PopupScene } from '../rules/events.js';
import type { Executor } from '../../../platform/db/connect.js';
import { findSubscribeTemplate, findSubscribeTemplates, grantConsent, lockSubscribe, revokeConsents, type SubscribeTemplateRow } from '../store.js';
import { subscribeCategory } from '../rules/library.js';

/** A consent popup shows at most this many templates (wx-open-subscribe takes a short list). */
export const MAX_POPUP_TEMPLATES = 5;

export interface ConsentAnswer {
  templateId: string;
  status: ConsentStatus;
}

export interface RecordedConsent {
  openid: string;
  answers: Array<ConsentAnswer & { long_term: boolean }>;
}

/** Whether a template consents until withdrawn (long-term, where its category allows it). */
const isLongTerm = (t: Pick<SubscribeTemplateRow, 'type' | 'categoryId'>) => t.type === 3 && (subscribeCategory(t.categoryId)?.longTerm ?? false);

/** The account's templates a consent popup asks about (unknown ids left out): title, kind and keyword names. */
export async function popupTemplates(db: Executor, accountId: string, ids: readonly string[]): Promise<Array<{ templateId: string; title: string; longTerm: boolean; keywords: string[] }>> {
  const rows = await findSubscribeTemplates(db, accountId, ids);
  return rows.map((t) => ({ templateId: t.priTmplId, title: t.title, longTerm: isLongTerm(t), keywords: t.keywords.map((k) => k.name) }));
}

/**
 * A WeChat user answers a consent popup (the H5 page's `wx-open-subscribe`, scene 1, or an
 * article's subscribe block, scene 2): the function both share. Each accepted template adds one
 * one-time consent (a long-term template, where its category allows, consents until withdrawn);
 * a rejected one withdraws any consent. The user gets an openid with the account if they had none
 * (they need not follow), and subscribe_msg_popup_event is queued in the callback outbox with one
 * List per template, in the same transaction. Unknown template ids refuse the whole answer
 * (404 not_found), as the open tag fails on them.
 */
export async function recordConsent(
  services: Services,
  account: AccountRow,
  userId: string,
  input: { scene: PopupScene; answers: readonly ConsentAnswer[] },
): Promise<RecordedConsent> {
  const answers = input.answers;
  if (answers.length === 0 || answers.length > MAX_POPUP_TEMPLATES) throw new DomainError('invalid_request', `A popup asks about 1 to ${MAX_POPUP_TEMPLATES} templates.`);
  if (new Set(answers.map((a) => a.templateId)).size !== answers.length) throw new DomainError('invalid_request', 'A template appears twice.');
  return withTransaction(services, async (tx, after) => {
    const now = services.clock.now();
    const follow = await ensureOpenid(tx, account, userId, now);
    await lockSubscribe(tx, 'consent', `${account.id}:${follow.openid}`);
    const out: RecordedConsent['answers'] = [];
    for (const a of answers) {
      const template = await findSubscribeTemplate(tx, account.id, a.templateId);
      if (!template) throw new DomainError('not_found', `The account has no subscribe template ${a.templateId}.`);
      const longTerm = isLongTerm(template);
      if (a.status === 'accept') await grantConsent(tx, { accountId: account.id, openid: follow.openid, templateId: a.templateId, userId, longTerm, at: now });
      else await revokeConsents(tx, account.id, follow.openid, [a.templateId]);
      out.push({ ...a, long_term: longTerm });
    }
    const push = popupEvent({ toUser: account.originalId, openid: follow.openid, createTime: Math.floor(now.getTime() / 1000) }, input.scene, answers);
    const { pending } = await queuePush(tx, account, follow.openid, push, now);
    if (pending) after.wake('deliveriesQueued');
    return { openid: follow.openid, answers: out };
  });
}

/**
 * The user turns templates off in 服务通知's settings: their consents are withdrawn and
 * subscribe_msg_change_event (reject only) is queued. 404 when the user has no openid with the
 * account.
 */
export async function withdrawConsent(services: Services, account: AccountRow, userId: string, templateIds: readonly string[]): Promise<{ openid: string }> {
  if (templateIds.length === 0 || templateIds.length > MAX_POPUP_TEMPLATES) throw new DomainError('invalid_request', `Name 1 to ${MAX_POPUP_TEMPLATES} templates.`);
  const ids = [...new Set(templateIds)];
  return withTransaction(services, async (tx, after) => {
    const now = services.clock.now();
    const follow = await ensureOpenid(tx, account, userId, now);
    await lockSubscribe(tx, 'consent', `${account.id}:${follow.openid}`);
    await revokeConsents(tx, account.id, follow.openid, ids);
    const push = changeEvent({ toUser: account.originalId, openid: follow.openid, createTime: Math.floor(now.getTime() / 1000) }, ids);
    const { pending } = await queuePush(tx, account, follow.openid, push, now);
    if (pending) after.wake('deliveriesQueued');
    return { openid: follow.openid };
  });
}

/**
 * The legacy one-time subscribe page (mp/subscribemsg): `confirm` gives one consent to the
 * account's template_id (any text WeChat showed there, not a subscribe template), `cancel` none.
 * No event is pushed: the page redirects with the answer instead.
 */
export async function recordLegacyConsent(services: Services, account: AccountRow, userId: string, templateId: string, action: 'confirm' | 'cancel'): Promise<{ openid: string }> {
  return withTransaction(services, async (tx) => {
    const now = services.clock.now();
    const follow = await ensureOpenid(tx, account, userId, now);
    if (action === 'confirm') {
      await lockSubscribe(tx, 'consent', `${account.id}:${follow.openid}`);
      await grantConsent(tx, { accountId: account.id, openid: follow.openid, templateId, userId, longTerm: false, at: now });
    }
    return { openid: follow.openid };
  });
}
