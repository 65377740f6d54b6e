import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import type { AccountRow } from '../../accounts/index.js';
import { findAccountByAppid } from '../../accounts/index.js';
import { isWeappAppid, LINK_STATUS } from '../rules/miniProgram.js';
import { findLink, findMiniProgramByAppid, setLinkState, type MiniProgramRow } from '../store.js';
import { runLinkHandlers } from '../ports.js';

const noLink = () => new DomainError('not_found', 'No such link request.');

async function miniProgramOf(services: Pick<Services, 'db'>, appid: unknown): Promise<MiniProgramRow> {
  const mp = isWeappAppid(appid) ? await findMiniProgramByAppid(services.db, appid) : undefined;
  if (!mp) throw noLink();
  return mp;
}

/**
 * The account's admin agrees to a link wxamplink asked for (status 12 → 2): the invitation then
 * waits for the mini program's admin in the phone.
 */
export async function confirmLinkAsAccount(services: Pick<Services, 'db'>, account: AccountRow, appid: unknown): Promise<void> {
  const mp = await miniProgramOf(services, appid);
  await services.db.transaction(async (tx) => {
    const link = await findLink(tx, account.id, mp.id, true);
    if (!link || link.status !== LINK_STATUS.awaitingAccount) throw new DomainError('conflict', 'This link is not waiting for the account’s admin.');
    await setLinkState(tx, account.id, mp.id, { status: LINK_STATUS.awaitingMiniProgram });
  });
}

/**
 * The mini program's admin (a phone user) accepts (status 2 → 1, linked) or refuses (→ 3) an
 * invitation. Only that admin may answer; anyone else is told there is no such invitation. An
 * accepted link runs the link handlers in its transaction (with `notify_users`, the account's
 * followers get a notice in the chat: messaging); their effects run after the commit.
 */
export async function answerLinkAsMiniProgram(
  services: Pick<Services, 'db' | 'clock'>,
  userId: string,
  input: { appid: unknown; account_appid: unknown },
  accept: boolean,
): Promise<{ status: number }> {
  const mp = await miniProgramOf(services, input.appid);
  // An account's AppID has the form of a mini program's (wx + 16 hex); anything else names no account.
  if (mp.adminUserId !== userId || !isWeappAppid(input.account_appid)) throw noLink();
  const account = await findAccountByAppid(services.db, input.account_appid);
  if (!account) throw noLink();
  const { status, effects } = await services.db.transaction(async (tx) => {
    const link = await findLink(tx, account.id, mp.id, true);
    if (!link || link.status !== LINK_STATUS.awaitingMiniProgram) throw noLink();
    const status = accept ? LINK_STATUS.linked : LINK_STATUS.refused;
    const now = services.clock.now();
    await setLinkState(tx, account.id, mp.id, { status, linkedAt: accept ? now : null });
    const effects = accept
      ? await runLinkHandlers(services, tx, { account, miniProgram: { appid: mp.appid, name: mp.name, pages: mp.pages }, notifyUsers: link.notifyUsers, now })
      : [];
    return { status, effects };
  });
  for (const effect of effects) effect();
  return { status };
}
