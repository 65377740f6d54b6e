import { DomainError } from '../../../platform/errors.js';
import { ERRMSG } from '../../../protocol/errcodes.js';
import {
  BLACKLIST_BATCH_MAX, MAX_TAGS, MAX_TAGS_PER_FOLLOWER, REMARK_MAX_CHARS, TAG_DELETE_MAX_FOLLOWERS, TAG_NAME_MAX_BYTES, TAGGING_BATCH_MAX,
} from './audience.js';

/**
 * The user-management refusals, shared by the WeChat API and the console. The API answers the
 * errcode (errmsg from the errcode table); the console answers the stable code and a sentence a
 * person can act on that still names the errcode, with `details.errcode`.
 */
type Batch = 'tagging' | 'blacklist';

const REFUSALS: Record<number, { code: string; message: (batch: Batch) => string }> = {
  40003: { code: 'not_a_follower', message: () => 'That openid is not a follower of this account.' },
  49003: { code: 'not_a_follower', message: () => 'That openid belongs to another account.' },
  40032: {
    code: 'invalid_selection',
    message: (batch) =>
      batch === 'blacklist'
        ? `Select 1 to ${BLACKLIST_BATCH_MAX} followers to blacklist at a time.`
        : `Select 1 to ${TAGGING_BATCH_MAX} followers to tag at a time.`,
  },
  40092: { code: 'invalid_remark', message: () => `A remark must be shorter than ${REMARK_MAX_CHARS} characters.` },
  45056: { code: 'too_many_tags', message: () => `An account can have at most ${MAX_TAGS} tags.` },
  45057: { code: 'tag_too_large', message: () => `A tag on more than ${TAG_DELETE_MAX_FOLLOWERS.toLocaleString('en')} followers cannot be deleted; untag them first.` },
  45058: { code: 'system_tag', message: () => 'System tags cannot be renamed or deleted.' },
  45059: { code: 'too_many_tags_on_follower', message: () => `A follower can carry at most ${MAX_TAGS_PER_FOLLOWER} tags.` },
  45157: { code: 'invalid_tag_name', message: () => 'Enter a tag name that is not already used (system tag names are reserved).' },
  45158: { code: 'tag_name_too_long', message: () => `A tag name is at most ${TAG_NAME_MAX_BYTES} bytes (about 10 Chinese characters).` },
  45159: { code: 'tag_not_found', message: () => 'That tag does not exist (it may have been deleted).' },
};

/**
 * A user-management refusal with WeChat's errcode. `batch` picks the wording of 40032 (which
 * batch limit was passed).
 */
export function followerRefusal(errcode: number, batch: Batch = 'tagging'): DomainError {
  const known = REFUSALS[errcode];
  const message = known ? known.message(batch) : (ERRMSG[errcode] ?? 'system error');
  return new DomainError(known?.code ?? 'rejected', `${message} (${errcode})`, { errcode });
}
