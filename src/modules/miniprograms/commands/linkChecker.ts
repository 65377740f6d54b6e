import type { Executor } from '../../../platform/db/connect.js';
import { DomainError } from '../../../platform/errors.js';
import type { AccountKind, MiniProgramIntegration } from '../../accounts/rules/capabilities.js';
import { checkLinkUse, type LinkUse } from '../rules/integration.js';
import { isWeappAppid } from '../rules/miniProgram.js';
import { linkedAmong, type MiniProgramRow } from '../store.js';

/**
 * Refuses a use of a mini program the linking rule does not allow (rules/integration.ts): 48001
 * for an account type without the integration, 40166, 85005, and 40165 when `checkPage`.
 * `at` names the field for the hint (`data.<at>.appid`, `.pagepath`). Returns the linked mini
 * program.
 */
export async function requireLinked(
  db: Executor,
  account: AccountKind & { id: string },
  integration: MiniProgramIntegration,
  use: LinkUse,
  opts: { at?: string; checkPage?: boolean } = {},
): Promise<MiniProgramRow> {
  const [linked] = isWeappAppid(use.appid) ? await linkedAmong(db, account.id, [use.appid]) : [];
  const check = checkLinkUse(account, integration, use, linked, opts.checkPage);
  if (!check.ok) {
    const field = check.errcode === 40165 ? 'pagepath' : 'appid';
    const at = opts.at ? `${opts.at}.${field}` : field;
    throw new DomainError(check.errcode === 48001 ? 'not_allowed' : 'mini_program_not_linked', check.reason, { errcode: check.errcode, at });
  }
  return linked as MiniProgramRow;
}

/** The linked mini programs among some AppIDs, by lowercase AppID (for article cards). */
export async function linkedByAppid(db: Executor, accountId: string, appids: string[]): Promise<Map<string, MiniProgramRow>> {
  const rows = await linkedAmong(db, accountId, [...new Set(appids.filter(isWeappAppid))]);
  return new Map(rows.map((r) => [r.appid, r]));
}
