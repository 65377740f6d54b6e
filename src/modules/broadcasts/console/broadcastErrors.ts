import { DomainError } from '../../../platform/errors.js';
import { errmsgOf } from '../../../protocol/errcodes.js';
import { isoInstant } from './broadcastPresenter.js';
import type { RefusalWording } from '../../../surfaces/console/wording.js';

/**
 * What the push composer shows when a push post is refused. The sender (commands/broadcastSender)
 * refuses with DomainErrors carrying WeChat's errcode in details; here they become the console's
 * stable codes, with details in the console's snake_case:
 * - `push_quota_exceeded` (409) with `next_available_at`,
 * - `content_blocked` (422) with `category`, `category_label`, `passage`, `term`, `article_idx`,
 * - `reprint_confirm` (409): an article reprints another account's original; sending again with
 *   `sendIgnoreReprint` pushes it as a reprint with attribution,
 * - `reprint_forbidden` (422): an original it reprints may not be reprinted at all.
 */

/**
 * The composer's sentences, by WeChat errcode or by the sender's code: what the operator reads
 * instead of the sender's generic text.
 */
export const PUSH_WORDING: RefusalWording = {
  40007: 'The material no longer exists or is not of this type. Pick another one.',
  article_gone: 'The published article no longer exists. Pick another one.',
  40050: 'The tag no longer exists. Pick another audience.',
  40003: 'None of the followers follows this account.',
  44002: 'The push post has no content.',
  44003: 'The push post has no articles.',
  44004: 'The text is empty.',
  45002: 'The text is too long.',
  48001: 'This account may not send push posts.',
  45028: 'This account has no push posts left in this period.',
  reprint_blocked: 'This push post reposts original articles of other accounts. Send it anyway to push them as reprints, with the original accounts credited.',
};

const QUOTA_ERRCODE = 45028;

const str = (v: unknown) => (typeof v === 'string' ? v : null);

function quotaError(message: string, d: Record<string, unknown>): DomainError {
  return new DomainError('push_quota_exceeded', message, {
    next_available_at: isoInstant(d.nextAvailableAt ?? d.next_available_at),
    ...(typeof d.retryAfterSec === 'number' ? { retryAfterSec: d.retryAfterSec } : {}),
  });
}

function blockedError(message: string, d: Record<string, unknown>): DomainError {
  const idx = d.articleIdx ?? d.article_idx;
  return new DomainError('content_blocked', message, {
    category: str(d.category),
    category_label: str(d.categoryLabel ?? d.category_label),
    passage: str(d.passage),
    term: str(d.term),
    article_idx: typeof idx === 'number' ? idx : null,
  });
}

/** A bare WeChat refusal (refusal() in protocol/errcodes.ts): it has no console wording of its own. */
function bareRefusal(err: DomainError, errcode: number): DomainError {
  if (errcode === QUOTA_ERRCODE) return quotaError(PUSH_WORDING[QUOTA_ERRCODE], err.extra ?? {});
  return new DomainError('invalid_request', PUSH_WORDING[errcode] ?? `The push post was refused: ${errmsgOf(errcode, err)}.`, { errcode });
}

/** Turns the sender's refusal into the console's error (anything unrecognised passes through). */
export function consolePushError(err: unknown): unknown {
  if (!(err instanceof DomainError)) return err;
  if (err.code === 'rejected' && err.errcode !== undefined) return bareRefusal(err, err.errcode);
  const d = err.details ?? {};
  const errcode = typeof d.errcode === 'number' ? d.errcode : null;
  if (err.code === 'content_blocked') return blockedError(err.message, d);
  if (err.code === 'reprint_blocked') {
    // err(30002): the original forbids reprinting, so sending anyway cannot help.
    if (d.status === 'err(30002)') return new DomainError('reprint_forbidden', err.message, { status: d.status });
    return new DomainError('reprint_confirm', PUSH_WORDING.reprint_blocked, { status: str(d.status) });
  }
  if (errcode === QUOTA_ERRCODE || 'nextAvailableAt' in d) return quotaError(err.message, d);
  const sentence = errcode === null ? undefined : PUSH_WORDING[errcode];
  if (errcode !== null && sentence) return new DomainError(errcode === 48001 ? 'forbidden' : err.code, sentence, { errcode });
  return err;
}
