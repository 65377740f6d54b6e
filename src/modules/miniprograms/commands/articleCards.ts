import type { Executor } from '../../../platform/db/connect.js';
import { DomainError } from '../../../platform/errors.js';
import { findAccountById } from '../../accounts/index.js';
import { miniProgramRefs, normaliseMiniProgramMarkup } from '../rules/articleMarkup.js';
import { checkLinkUse } from '../rules/integration.js';
import { linkedByAppid } from './linkChecker.js';

/**
 * Article HTML as the articles module stores it (commerce §1.5): every mini program card and
 * link must name a mini program linked to the account (40166 a malformed AppID, 85005 not
 * linked), and cards are rewritten in the stored form with the mini program's name and icon.
 */
export async function linkArticleMiniPrograms(db: Executor, accountId: string, html: string): Promise<string> {
  const refs = miniProgramRefs(html);
  if (refs.length === 0) return html;
  const account = await findAccountById(db, accountId);
  if (!account) return html;
  const linked = await linkedByAppid(db, accountId, refs.map((r) => r.appid.toLowerCase()));
  for (const ref of refs) {
    const check = checkLinkUse(account, 'article', { appid: ref.appid }, linked.get(ref.appid.toLowerCase()));
    if (!check.ok) throw new DomainError('mini_program_not_linked', check.reason, { errcode: check.errcode, at: 'content' });
  }
  const known = new Map([...linked].map(([appid, mp]) => [appid, { nickname: mp.name, avatar: mp.iconUrl }]));
  return normaliseMiniProgramMarkup(html, known);
}
