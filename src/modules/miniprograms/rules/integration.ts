/**
 * The linking rule every integration asks (commerce §1.4): may this account use a mini program
 * this way (the capability table's integrations, by account type), is the AppID one (40166), is
 * the mini program linked (85005), is the page in its released version (40165). Pure: the
 * caller looks up the linked mini program.
 */
import { canIntegrate, MINIPROGRAM_INTEGRATIONS, type AccountKind, type MiniProgramIntegration } from '../../accounts/rules/capabilities.js';
import { isReleasedPage, isWeappAppid } from './miniProgram.js';

export type LinkCheck =
  | { ok: true }
  | { ok: false; errcode: 48001 | 40166 | 85005 | 40165; reason: string };

/** What the integration asks for: an AppID and, where one is named, a page path. */
export interface LinkUse {
  appid: unknown;
  pagepath?: string;
}

/** Why a subscription account may not use an integration, in words. */
export function refusedIntegration(integration: MiniProgramIntegration): string {
  return `${MINIPROGRAM_INTEGRATIONS[integration].label}: service accounts only.`;
}

/**
 * Checks a use of a mini program against the account's type and its linked mini program (the
 * caller passes the linked one with that AppID, or undefined). The page path is checked only
 * when `checkPage` (template messages: "要求该小程序已发布").
 */
export function checkLinkUse(
  account: AccountKind,
  integration: MiniProgramIntegration,
  use: LinkUse,
  linked: { pages: readonly string[]; releasedVersion: string } | undefined,
  checkPage = false,
): LinkCheck {
  if (!canIntegrate(account, integration)) return { ok: false, errcode: 48001, reason: refusedIntegration(integration) };
  if (!isWeappAppid(use.appid)) return { ok: false, errcode: 40166, reason: 'A mini program AppID is “wx” followed by 16 hexadecimal digits.' };
  if (!linked) return { ok: false, errcode: 85005, reason: `${use.appid} is not a mini program linked to this account.` };
  if (checkPage && (linked.releasedVersion === '' || !isReleasedPage(linked.pages, use.pagepath ?? ''))) {
    return { ok: false, errcode: 40165, reason: 'The page is not in the mini program’s released version.' };
  }
  return { ok: true };
}
