import type { Services } from '../../../main/services.js';
import { findAccountByAppid } from '../../accounts/index.js';
import { resultOf } from '../rules/apis.js';
import { pageOf } from '../rules/page.js';
import { insertCall } from '../store.js';

/**
 * Records one JS-SDK call a page made and how it ended (the errMsg the page received), or a
 * share the follower made from the browser's menu (`share`). An unknown appId is not recorded
 * (there is no account to show it under).
 */
export async function recordCall(
  services: Pick<Services, 'db' | 'clock'>,
  userId: string,
  input: { appid: string; api: string; errMsg: string; url: string },
): Promise<{ recorded: boolean }> {
  const account = /^wx[0-9a-f]{16}$/.test(input.appid) ? await findAccountByAppid(services.db, input.appid) : undefined;
  if (!account) return { recorded: false };
  await insertCall(services.db, {
    accountId: account.id,
    userId,
    api: input.api,
    result: resultOf(input.errMsg),
    errMsg: input.errMsg,
    page: pageOf(input.url),
    at: services.clock.now(),
  });
  return { recorded: true };
}
