import type { Executor } from '../../../platform/db/connect.js';
import { DEFAULT_ICP_DOMAINS, domainOf } from '../rules/icp.js';
import { getSetting, putSetting } from '../../../platform/db/settings.js';

/** The list of ICP-filed domains (settings key `icp.domains`). */

const KEY = 'icp.domains';

/**
 * The filed domains: the stored list, or, until an administrator saves one, the default list
 * with Herald's own public host (its article pages are served there).
 */
export async function loadIcpDomains(db: Executor, publicUrl: string): Promise<string[]> {
  const stored = await getSetting<unknown>(db, KEY);
  if (Array.isArray(stored) && stored.every((d) => typeof d === 'string')) return stored as string[];
  const own = domainOf(publicUrl);
  return own && !DEFAULT_ICP_DOMAINS.includes(own) ? [...DEFAULT_ICP_DOMAINS, own] : [...DEFAULT_ICP_DOMAINS];
}

/** Stores the filed domains (already cleaned with cleanDomainList). */
export async function saveIcpDomains(db: Executor, domains: readonly string[]): Promise<void> {
  await putSetting(db, KEY, domains);
}
