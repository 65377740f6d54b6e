import { DomainError } from '../../../platform/errors.js';
import { WxError } from '../../../protocol/errcodes.js';

/**
 * What the operator is told when an article is refused: the field it concerns (shown next to
 * it) and a sentence, from the errcode the shared article rules (domain/article.ts) answer.
 */
const PROBLEMS: Record<number, { field: string; message: string }> = {
  44003: { field: 'title', message: 'Enter a title.' },
  45003: { field: 'title', message: 'The title is at most 32 characters.' },
  45110: { field: 'author', message: 'The author is at most 16 characters.' },
  45004: { field: 'digest', message: 'The digest is at most 128 characters.' },
  45002: { field: 'content', message: 'The article is too long (under 20,000 characters and 1 MB).' },
  44004: { field: 'content', message: 'Write something in the article.' },
  45005: { field: 'content_source_url', message: 'The original link is too long (at most 1,024 characters).' },
  40066: { field: 'content_source_url', message: 'The original link must be a web address starting with http:// or https://.' },
  40007: { field: 'thumb_media_id', message: 'Choose a cover from the materials library.' },
  53600: { field: 'reprint_of', message: 'The reposted article is not valid.' },
};

/** Turns a refused article (WxError from the shared rules or a command) into the console's error. */
export function articleProblem(err: WxError, index: number | undefined): DomainError {
  let problem = PROBLEMS[err.errcode];
  if (err.errcode === 40035 && /donation/.test(err.errmsg)) problem = { field: 'donations_enabled', message: 'Donations are only possible on original content.' };
  else if (err.errcode === 40035 && /original/.test(err.errmsg)) problem = { field: 'original', message: 'A repost cannot be declared original.' };
  if (err.errcode === 45008) return new DomainError('invalid_article', 'A push post has at most 8 articles.', { errcode: err.errcode, field: 'articles' });
  const where = index !== undefined ? `Article ${index + 1}: ` : '';
  if (!problem) return new DomainError('invalid_article', `${where}${err.errmsg} (${err.errcode}).`, { errcode: err.errcode, ...(index !== undefined ? { index } : {}) });
  return new DomainError('invalid_article', problem.message, { errcode: err.errcode, field: problem.field, ...(index !== undefined ? { index } : {}) });
}
