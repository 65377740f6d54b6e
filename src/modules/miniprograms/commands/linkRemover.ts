import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import type { AccountRow } from '../../accounts/index.js';
import { isWeappAppid, LINK_STATUS } from '../rules/miniProgram.js';
import { deleteLink, findLink, findMiniProgramByAppid, setLinkState } from '../store.js';

async function linkOf(services: Pick<Services, 'db'>, account: AccountRow, appid: unknown) {
  if (!isWeappAppid(appid)) throw new DomainError('invalid_appid', 'A mini program AppID is “wx” followed by 16 hexadecimal digits.', { at: 'appid' }, { errcode: 40166 });
  const mp = await findMiniProgramByAppid(services.db, appid);
  const link = mp ? await findLink(services.db, account.id, mp.id) : undefined;
  if (!mp || !link) throw new DomainError('not_linked', `${appid} is not linked to this account.`, { at: 'appid' }, { errcode: 85005 });
  return { mp, link };
}

/**
 * wxampunlink (commerce §1.3): the unlink waits for the account's admin, who confirms it in the
 * console; until then the mini program stays linked. A request not yet linked is withdrawn at once.
 */
export async function requestUnlink(services: Pick<Services, 'db' | 'clock'>, account: AccountRow, appid: unknown): Promise<void> {
  const { mp, link } = await linkOf(services, account, appid);
  if (link.status !== LINK_STATUS.linked) await deleteLink(services.db, account.id, mp.id);
  else await setLinkState(services.db, account.id, mp.id, { unlinkRequestedAt: services.clock.now() });
}

/** The account's admin unlinks in the console (or confirms an unlink wxampunlink asked for). */
export async function unlinkMiniProgram(services: Pick<Services, 'db'>, account: AccountRow, appid: unknown): Promise<void> {
  const { mp } = await linkOf(services, account, appid);
  await deleteLink(services.db, account.id, mp.id);
}
