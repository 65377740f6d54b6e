import type { Executor } from '../../src/platform/db/connect.js';
import { newAppid, newOriginalId } from '../../src/protocol/ids.js';
import { miniProgramLinks, miniPrograms } from '../../src/modules/miniprograms/schema.js';
import { accounts } from '../../src/modules/accounts/schema.js';
import { eq } from 'drizzle-orm';

/**
 * A mini program linked to an account (status 1), registered under the account's organization
 * unless it exists: for tests of the integrations (menus, cards, template messages).
 */
export async function linkMiniProgram(
  db: Executor,
  accountId: string,
  opts: { appid?: string; name?: string; pages?: string[]; showProfile?: boolean; adminUserId?: string } = {},
): Promise<{ appid: string; id: string }> {
  const appid = (opts.appid ?? newAppid()).toLowerCase();
  const [account] = await db.select({ orgId: accounts.orgId }).from(accounts).where(eq(accounts.id, accountId));
  let [mp] = await db.select().from(miniPrograms).where(eq(miniPrograms.appid, appid));
  if (!mp) {
    [mp] = await db
      .insert(miniPrograms)
      .values({
        appid,
        username: newOriginalId(),
        name: opts.name ?? 'Tea Shop',
        orgId: account.orgId,
        adminUserId: opts.adminUserId ?? null,
        releasedVersion: '1.0.0',
        pages: opts.pages ?? ['pages/index/index', 'pages/index', 'pages/cards/index', 'pages/shop/index', 'pages/lunar/index', 'pages/a', 'pages/item', 'pages/home', 'pages/menu/index', 'pages/rates/index', 'pages/shop', 'p'],
      })
      .returning();
  }
  await db
    .insert(miniProgramLinks)
    .values({ accountId, miniProgramId: mp.id, status: 1, showProfile: opts.showProfile ?? false, notifyUsers: false, source: 'console', requestedAt: new Date(), linkedAt: new Date() })
    .onConflictDoNothing();
  return { appid, id: mp.id };
}
