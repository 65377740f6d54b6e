import { Alert } from '../../ui/index.js';
import { t } from '../../i18n/index.js';
import { moderationLabel } from '../format.js';

export interface BlockDetails {
  category: string | null;
  category_label: string | null;
  passage: string | null;
  term: string | null;
  article_idx: number | null;
}

/** The passage with the matched term marked (case-insensitive; the passage as the reader sees it). */
export function Highlighted({ passage, term }: { passage: string; term: string | null }) {
  const at = term ? passage.toLowerCase().indexOf(term.toLowerCase()) : -1;
  if (!term || at < 0) return <mark className="blocked-term">{passage}</mark>;
  return (
    <>
      {passage.slice(0, at)}
      <mark className="blocked-term">{passage.slice(at, at + term.length)}</mark>
      {passage.slice(at + term.length)}
    </>
  );
}

/** A push post stopped by moderation: which category, and the passage that triggered it. */
export function BlockedNotice({ details }: { details: BlockDetails }) {
  const where = details.article_idx === null || details.article_idx === undefined ? t('broadcasts.whereText') : t('broadcasts.whereArticle', { n: details.article_idx + 1 });
  return (
    <Alert tone="error" title={t('broadcasts.blockedByContentModeration', { value: moderationLabel(details.category, details.category_label) || t('broadcasts.prohibitedContent') })}>
      <p className="blocked-lead">{t('broadcasts.thisPushPostWas')} {where} {t('broadcasts.containsATermOn')}{moderationLabel(details.category, details.category_label)}{t('broadcasts.listTheFlaggedPassage')}</p>
      {details.passage && (
        <blockquote className="blocked-passage" data-testid="blocked-passage">
          <Highlighted passage={details.passage} term={details.term} />
        </blockquote>
      )}
      <p className="blocked-foot">{t('broadcasts.editTheContentAnd')}</p>
    </Alert>
  );
}
