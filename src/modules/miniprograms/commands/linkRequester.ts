import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import type { AccountRow } from '../../accounts/index.js';
import { canIntegrate } from '../../accounts/rules/capabilities.js';
import { refusedIntegration } from '../rules/integration.js';
import { flag, isWeappAppid, LINK_LIMITS, LINK_STATUS } from '../rules/miniProgram.js';
import { findLink, findMiniProgramByAppid, linkedCounts, linkRequestsSince, lockAccountLinks, recordLinkRequest, upsertLink } from '../store.js';

/** A link request: wxamplink's body, or the console's form. */
export interface LinkRequest {
  appid: unknown;
  notify_users?: unknown;
  show_profile?: unknown;
}

const MONTH_MS = 30 * 24 * 3600 * 1000;

/**
 * Asks to link a mini program (commerce §1.2, §1.3). From wxamplink the link waits for the
 * account's admin (status 12), who agrees in the console; from the console the operator is that
 * admin, so it waits for the mini program's admin (status 2), who accepts in the phone. Refuses
 * a malformed AppID (40166), one that names no mini program (-1, as WeChat answers an account's
 * AppID), `show_profile` from an account that cannot show linked mini programs (48001), and the
 * limits: 10 mini programs of the account's own organization, 3 of others (89407), 13 requests
 * in 30 days (-1). Asking again for a linked mini program changes nothing; a refused or pending
 * one is asked anew.
 */
export async function requestLink(services: Pick<Services, 'db' | 'clock'>, account: AccountRow, input: LinkRequest, source: 'api' | 'console'): Promise<{ status: number }> {
  if (!isWeappAppid(input.appid)) throw new DomainError('invalid_appid', 'A mini program AppID is “wx” followed by 16 hexadecimal digits.', { at: 'appid' }, { errcode: 40166 });
  const showProfile = flag(input.show_profile);
  const notifyUsers = flag(input.notify_users);
  if (showProfile === undefined) throw new DomainError('invalid_request', 'show_profile is 0 or 1.', { at: 'show_profile' }, { errcode: 40035 });
  if (notifyUsers === undefined) throw new DomainError('invalid_request', 'notify_users is 0 or 1.', { at: 'notify_users' }, { errcode: 40035 });
  if (showProfile && !canIntegrate(account, 'profile')) {
    throw new DomainError('not_allowed', refusedIntegration('profile'), { at: 'show_profile' }, { errcode: 48001 });
  }
  return services.db.transaction(async (tx) => {
    const mp = await findMiniProgramByAppid(tx, input.appid as string);
    if (!mp) throw new DomainError('unknown_mini_program', 'No mini program has this AppID.', { at: 'appid' }, { errcode: -1 });
    await lockAccountLinks(tx, account.id);
    const prior = await findLink(tx, account.id, mp.id, true);
    if (prior?.status === LINK_STATUS.linked) return { status: prior.status };
    const now = services.clock.now();
    if ((await linkRequestsSince(tx, account.id, new Date(now.getTime() - MONTH_MS))) >= LINK_LIMITS.requestsPerMonth) {
      throw new DomainError('limit_reached', `An account asks for at most ${LINK_LIMITS.requestsPerMonth} links a month.`, {}, { errcode: -1, hint: 'link requests per month' });
    }
    if (!prior || prior.status === LINK_STATUS.refused) {
      const counts = await linkedCounts(tx, account.id, account.orgId);
      if (mp.orgId === account.orgId && counts.same >= LINK_LIMITS.sameSubject) {
        throw new DomainError('limit_reached', `An account links at most ${LINK_LIMITS.sameSubject} mini programs of its own organization.`, {}, { errcode: -1, hint: 'same-subject links' });
      }
      if (mp.orgId !== account.orgId && counts.other >= LINK_LIMITS.otherSubject) {
        throw new DomainError('limit_reached', `An account links at most ${LINK_LIMITS.otherSubject} mini programs of other organizations.`, {}, { errcode: 89407 });
      }
    }
    const status = source === 'api' ? LINK_STATUS.awaitingAccount : LINK_STATUS.awaitingMiniProgram;
    await upsertLink(tx, { accountId: account.id, miniProgramId: mp.id, status, showProfile, notifyUsers, source, requestedAt: now });
    await recordLinkRequest(tx, account.id, mp.id, now);
    return { status };
  });
}
