import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { insertCall } from '../store.js';
import { pageOf } from '../rules/page.js';
import { judgeTemplates, subscribeError, templateIdsOf, type SubscribeProblem } from '../rules/openSubscribe.js';
import { subscribeConsentOf, type SubscribeSheetTemplate } from '../ports.js';
import { configuredAccount } from './pageAccount.js';

/** What the phone's subscribe sheet shows, or the tag's `error` event. */
export type SubscribeSheet = { ok: true; accountName: string; templates: SubscribeSheetTemplate[] } | { ok: false; errCode: number; errMsg: string };

/**
 * The follower tapped a page's `<wx-open-subscribe template="…">`: the templates the sheet asks
 * about, in the tag's order, or the tag's error (10001 empty, 10004 malformed, 20003 over 5,
 * 20001 unknown or an account without subscribe notifications, 20002 one-time and long-term
 * mixed, 20005 banned). The page must have configured the JS-SDK (403 not_configured).
 */
export async function subscribeSheetFor(services: Services, userId: string, appid: string, template: string): Promise<SubscribeSheet> {
  const account = await configuredAccount(services, userId, appid);
  const port = subscribeConsentOf();
  const fail = (problem: SubscribeProblem): SubscribeSheet => ({ ok: false, ...subscribeError(problem) });
  const parsed = templateIdsOf(template);
  if (!parsed.ok) return fail(parsed.problem);
  if (!port.available(account)) return fail('noTemplate');
  const found = await port.templates(services.db, account.id, parsed.ids);
  const verdict = judgeTemplates(parsed.ids, found);
  if (!verdict.ok) return fail(verdict.problem);
  const byId = new Map(found.map((t) => [t.templateId, t]));
  return { ok: true, accountName: account.name, templates: parsed.ids.map((id) => byId.get(id)).filter((t): t is SubscribeSheetTemplate => t !== undefined) };
}

/**
 * The follower answered the sheet (accept or reject per template): the consents are recorded and
 * `subscribe_msg_popup_event` (PopupScene 1) queued by the subscribemsg module, in one
 * transaction; the tag's answer is logged as the page's `subscribe` call.
 */
export async function answerSubscribeSheet(
  services: Services,
  userId: string,
  input: { appid: string; url: string; answers: ReadonlyArray<{ templateId: string; status: 'accept' | 'reject' }> },
): Promise<{ openid: string }> {
  const account = await configuredAccount(services, userId, input.appid);
  const port = subscribeConsentOf();
  const ids = input.answers.map((a) => a.templateId);
  if (!port.available(account) || !judgeTemplates(ids, await port.templates(services.db, account.id, ids)).ok) {
    throw new DomainError('not_found', 'The account has no such subscribe templates.');
  }
  const recorded = await port.record(services, account, userId, input.answers);
  await insertCall(services.db, { accountId: account.id, userId, api: 'subscribe', result: 'ok', errMsg: 'subscribe:ok', page: pageOf(input.url), at: services.clock.now() });
  return recorded;
}
