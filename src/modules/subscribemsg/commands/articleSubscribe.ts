import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { findAccountByAppid, type AccountRow } from '../../accounts/index.js';
import { can } from '../../accounts/rules/capabilities.js';
import { judgeTemplates, subscribeError, templateIdsOf, type SubscribeProblem } from '../../jssdk/rules/openSubscribe.js';
import { popupTemplates, recordConsent, type ConsentAnswer, type RecordedConsent } from './consentRecorder.js';

/** The sheet an article's subscribe block opens, or the popup's error (the open tag's codes and texts). */
export type ArticleSheet =
  | { ok: true; accountName: string; templates: Array<{ templateId: string; title: string; longTerm: boolean; keywords: string[] }> }
  | { ok: false; errCode: number; errMsg: string };

async function accountOf(services: Pick<Services, 'db'>, appid: string): Promise<AccountRow> {
  const account = await findAccountByAppid(services.db, appid.slice(0, 64));
  if (!account) throw new DomainError('not_found', 'No such account.');
  return account;
}

/**
 * A reader tapped the subscribe block (订阅通知) of an account's article: the templates the block
 * names, in its order, as the subscribe sheet shows them; or the popup's error (10001 none,
 * 10004 malformed, 20003 over 5, 20001 unknown or an account without subscribe notifications,
 * 20002 one-time and long-term mixed).
 */
export async function articleSubscribeSheet(services: Pick<Services, 'db'>, appid: string, template: string): Promise<ArticleSheet> {
  const account = await accountOf(services, appid);
  const fail = (problem: SubscribeProblem): ArticleSheet => ({ ok: false, ...subscribeError(problem) });
  const parsed = templateIdsOf(template);
  if (!parsed.ok) return fail(parsed.problem);
  if (!can(account, 'template')) return fail('noTemplate');
  const found = await popupTemplates(services.db, account.id, parsed.ids);
  const verdict = judgeTemplates(parsed.ids, found);
  if (!verdict.ok) return fail(verdict.problem);
  const byId = new Map(found.map((t) => [t.templateId, t]));
  return { ok: true, accountName: account.name, templates: parsed.ids.flatMap((id) => byId.get(id) ?? []) };
}

/**
 * The reader answered the sheet: the consents are recorded with PopupScene 2 (an article) and
 * `subscribe_msg_popup_event` queued, in one transaction (`recordConsent`). Templates the
 * account lacks, or an account without subscribe notifications, answer 404.
 */
export async function answerArticleSubscribe(services: Services, userId: string, appid: string, answers: readonly ConsentAnswer[]): Promise<RecordedConsent> {
  const account = await accountOf(services, appid);
  const ids = answers.map((a) => a.templateId);
  if (!can(account, 'template') || !judgeTemplates(ids, await popupTemplates(services.db, account.id, ids)).ok) {
    throw new DomainError('not_found', 'The account has no such subscribe templates.');
  }
  return recordConsent(services, account, userId, { scene: 2, answers });
}
