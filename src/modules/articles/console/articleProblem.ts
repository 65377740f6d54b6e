import { DomainError } from '../../../platform/errors.js';

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

/** Turns an article the shared rules (or a command) refused into the console's error. */
export function articleProblem(err: DomainError, index: number | undefined): DomainError {
  const errcode = err.errcode ?? -1;
  let problem = PROBLEMS[errcode];
  if (errcode === 40035 && /donation/.test(err.message)) problem = { field: 'donations_enabled', message: 'Donations are only possible on original content.' };
  else if (errcode === 40035 && /original/.test(err.message)) problem = { field: 'original', message: 'A repost cannot be declared original.' };
  if (errcode === 45008) return new DomainError('invalid_article', 'A push post has at most 8 articles.', { errcode, field: 'articles' });
  const where = index !== undefined ? `Article ${index + 1}: ` : '';
  if (!problem) return new DomainError('invalid_article', `${where}${err.message} (${errcode}).`, { errcode, ...(index !== undefined ? { index } : {}) });
  return new DomainError('invalid_article', problem.message, { errcode, field: problem.field, ...(index !== undefined ? { index } : {}) });
}
