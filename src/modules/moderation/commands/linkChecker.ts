import type { Services } from '../../../main/services.js';
import { articleLinks } from '../../../protocol/articleHtml.js';
import { UNFILED_MESSAGE, domainOf, unfiledLinks } from '../rules/icp.js';
import { loadIcpDomains } from '../store/icpDomains.js';

/** A link that may not open for readers in mainland China. */
export interface LinkWarning {
  url: string;
  domain: string;
  message: string;
}

/**
 * The links in article HTML whose site has no ICP filing on Herald's list (a warning, never a
 * refusal: the operator decides). Herald's own host always counts as filed.
 */
export async function checkArticleLinks(services: Pick<Services, 'db' | 'config'>, input: { html: string }): Promise<LinkWarning[]> {
  const filed = await loadIcpDomains(services.db, services.config.publicUrl);
  const own = domainOf(services.config.publicUrl);
  return unfiledLinks(articleLinks(input.html), own ? [...filed, own] : filed).map((l) => ({ ...l, message: UNFILED_MESSAGE }));
}
