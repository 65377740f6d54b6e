import { randomBytes } from 'node:crypto';
import type { Services } from '../../../main/services.js';
import { refusal } from '../../../protocol/errcodes.js';
import { libraryTemplate, type LibraryKeyword } from '../rules/library.js';
import { MAX_PRIVATE_TEMPLATES } from '../rules/templateMessage.js';
import { countPrivateTemplates, findIndustries, insertPrivateTemplate, lockTemplates, type PrivateTemplateRow } from '../store.js';

/** A new template_id: 43 URL-safe characters, like WeChat's. */
export const newTemplateId = (): string => randomBytes(32).toString('base64url');

/**
 * template/api_add_template: adds a library template (template_id_short) to the account's
 * templates. 40037 for an id the library lacks; 45027 when the template's industry is not one of
 * the account's two (none set counts as a conflict); 45026 when the account already has 25.
 * `keyword_name_list` picks a category template's fields by name, in order (40035 for a name the
 * template lacks); without it every field is kept.
 */
export async function addTemplate(services: Pick<Services, 'db' | 'clock'>, accountId: string, body: Record<string, unknown>): Promise<PrivateTemplateRow> {
  const short = body.template_id_short;
  const lib = typeof short === 'string' ? libraryTemplate(short.trim()) : typeof short === 'number' ? libraryTemplate(String(short)) : undefined;
  if (!lib) throw refusal(40037, { hint: 'data.template_id_short' });
  let keywords: LibraryKeyword[] = [...lib.keywords];
  const names = body.keyword_name_list;
  if (names !== undefined && names !== null) {
    if (!Array.isArray(names) || names.length > lib.keywords.length || names.some((n) => typeof n !== 'string')) throw refusal(40035, { hint: 'data.keyword_name_list' });
    if (names.length > 0) {
      const picked = (names as string[]).map((n) => lib.keywords.find((k) => k.name === n));
      if (picked.some((k) => k === undefined) || new Set(names).size !== names.length) throw refusal(40035, { hint: 'data.keyword_name_list' });
      keywords = picked as LibraryKeyword[];
    }
  }
  return services.db.transaction(async (tx) => {
    await lockTemplates(tx, 'templates', accountId);
    const industries = await findIndustries(tx, accountId);
    if (!industries || (industries.industryId1 !== lib.industryId && industries.industryId2 !== lib.industryId)) throw refusal(45027);
    if ((await countPrivateTemplates(tx, accountId)) >= MAX_PRIVATE_TEMPLATES) throw refusal(45026);
    const row: PrivateTemplateRow = {
      templateId: newTemplateId(),
      accountId,
      libraryId: lib.id,
      kind: lib.kind,
      title: lib.title,
      industryId: lib.industryId,
      keywords,
      createdAt: services.clock.now(),
    };
    await insertPrivateTemplate(tx, row);
    return row;
  });
}
