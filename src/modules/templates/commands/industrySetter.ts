import type { Services } from '../../../main/services.js';
import { chinaMonth } from '../../../platform/clock.js';
import { refusal } from '../../../protocol/errcodes.js';
import { parseIndustryId } from '../rules/industries.js';
import { findIndustries, lockTemplates, saveIndustries, type IndustryRow } from '../store.js';

/**
 * template/api_set_industry: the account's primary and secondary industries, codes 1–41 as
 * numbers or numeric strings (40035 otherwise, or when both are the same). Once set, they may be
 * changed again only in a later China calendar month on the Herald clock (43100); setting the same
 * pair again is not a change.
 */
export async function setIndustry(services: Pick<Services, 'db' | 'clock'>, accountId: string, body: Record<string, unknown>): Promise<IndustryRow> {
  const id1 = parseIndustryId(body.industry_id1);
  if (id1 === undefined) throw refusal(40035, { hint: 'data.industry_id1' });
  const id2 = parseIndustryId(body.industry_id2);
  if (id2 === undefined || id2 === id1) throw refusal(40035, { hint: 'data.industry_id2' });
  return services.db.transaction(async (tx) => {
    await lockTemplates(tx, 'industry', accountId);
    const now = services.clock.now();
    const current = await findIndustries(tx, accountId);
    if (current && current.industryId1 === id1 && current.industryId2 === id2) return current;
    if (current && chinaMonth(current.changedAt.getTime()) === chinaMonth(now.getTime())) throw refusal(43100);
    await saveIndustries(tx, accountId, id1, id2, now);
    return { accountId, industryId1: id1, industryId2: id2, changedAt: now };
  });
}
