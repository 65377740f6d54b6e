import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { refusal } from '../../../protocol/errcodes.js';
import { ARTICLE_LIMITS, parseArticleInput, type ArticleInput } from '../rules/article.js';
import { createDraft } from '../commands/draftCreator.js';
import { replaceDraft } from '../commands/draftReplacer.js';
import type { ArticleRow } from '../store/articles.js';
import { findMaterial } from '../../media/store/materials.js';
import { findNewsGroup, type NewsGroupRow } from '../store/newsGroups.js';
import { articleProblem } from './articleProblem.js';

/**
 * Validates the editor's articles with the shared article rules (the ones the API's
 * draft/add applies), in the console's terms: a refusal names the article and the field.
 */
export function parseEditorArticles(raw: unknown[], publicUrl: string): ArticleInput[] {
  if (raw.length === 0) throw new DomainError('invalid_article', 'A push post needs at least one article.', { field: 'articles' });
  if (raw.length > ARTICLE_LIMITS.articlesPerGroup) throw articleProblem(refusal(45008), undefined);
  return raw.map((item, index) => {
    const bad = unstorableField(item);
    if (bad) throw new DomainError('invalid_article', 'Remove the invisible control characters or broken text from this field.', { field: bad, index });
    const parsed = parseArticleInput(item, { forConsole: true, requireThumb: false, single: raw.length === 1, publicUrl });
    if (parsed instanceof DomainError) throw articleProblem(parsed, index);
    return parsed;
  });
}

/** PostgreSQL stores no NUL; a lone surrogate is not text; other control characters only hide content. */
const UNSTORABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first text field of an article that cannot be stored as it is, if any. */
function unstorableField(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return undefined;
  for (const [key, value] of Object.entries(item)) if (typeof value === 'string' && UNSTORABLE.test(value)) return key;
  return undefined;
}

/** Covers must be the account's own image or thumb materials (40007 otherwise, as draft/add). */
async function checkCovers(services: Pick<Services, 'db'>, accountId: string, list: ArticleInput[]): Promise<void> {
  for (const [index, a] of list.entries()) {
    if (!a.thumbMediaId) continue;
    const m = await findMaterial(services.db, accountId, a.thumbMediaId);
    if (!m || (m.kind !== 'image' && m.kind !== 'thumb')) throw articleProblem(refusal(40007), index);
  }
}

/**
 * Saves a whole push post from the editor: a new draft (draftCreator), or every article of an
 * existing one, added, removed or reordered (draftReplacer). The articles are checked first
 * here so a refusal names the article and the field; the commands check them again.
 */
export async function saveDraftGroup(
  services: Pick<Services, 'db' | 'clock' | 'config'>,
  input: { accountId: string; mediaId?: string; raw: unknown[] },
): Promise<{ group: NewsGroupRow; articles: ArticleRow[] }> {
  const parsed = parseEditorArticles(input.raw, services.config.publicUrl);
  await checkCovers(services, input.accountId, parsed);
  // Drafts may be saved before a cover is chosen; publishing asks for one.
  const opts = { forConsole: true, requireThumb: false };
  if (input.mediaId === undefined) return createDraft(services, { accountId: input.accountId, articles: input.raw, ...opts });
  const articles = await replaceDraft(services, { accountId: input.accountId, mediaId: input.mediaId, articles: input.raw, ...opts });
  const group = await findNewsGroup(services.db, input.accountId, input.mediaId);
  if (!group) throw new DomainError('not_found', 'No such draft.');
  return { group, articles };
}
