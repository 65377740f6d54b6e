import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { sentenceOf, type RefusalWording } from '../../../surfaces/console/wording.js';
import { lastWindowClosedAt } from '../store/serviceWindows.js';
import { MAX_CUSTOM_TEXT_BYTES } from '../rules/customMessage.js';
import { WINDOW_RULES } from '../rules/serviceWindow.js';

const HOUR = 3600 * 1000;
const afterMessage = WINDOW_RULES.message;

/**
 * The console's sentences for a refused reply, by DomainError code or WeChat errcode. The
 * window's figures come from its rule (rules/serviceWindow.ts), so the words cannot drift from it.
 */
export const REPLY_WORDING: RefusalWording = {
  window_exhausted: `You have sent every message this window allows (${afterMessage.limit} per ${afterMessage.durationMs / HOUR} hours after a follower message); the follower must message again before you can reply.`,
  45002: `The reply is too long: at most ${MAX_CUSTOM_TEXT_BYTES} bytes (about ${Math.floor(MAX_CUSTOM_TEXT_BYTES / 3)} Chinese characters).`,
  invalid_media: 'That image is not a media file of this account (temporary media expire after 3 days).',
  not_following: 'The follower no longer follows the account, so they cannot be sent messages.',
};

const dateTimeOf = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/**
 * Runs a customer-service send for the console (消息管理 and the customer-service inbox):
 * sendCustomMessage refuses with WeChat's errcodes; the console says what happened and what to
 * do, keeping the code and the errcode, and the window's closing time in details.closed_at.
 */
export async function explainRefusal<T>(services: Pick<Services, 'db' | 'clock'>, account: { id: string }, openid: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    const errcode = err.details?.errcode;
    const suffix = typeof errcode === 'number' ? ` (${errcode})` : '';
    if (err.code === 'window_closed') {
      const closedAt = await lastWindowClosedAt(services.db, account.id, openid, services.clock.now());
      const when = closedAt ? ` on ${dateTimeOf(closedAt)}` : '';
      throw new DomainError(err.code, `The ${afterMessage.durationMs / HOUR}-hour window closed${when}; the follower must message again before you can reply.${suffix}`, {
        ...err.details,
        closed_at: closedAt?.toISOString() ?? null,
      });
    }
    const sentence = sentenceOf(REPLY_WORDING, err);
    if (sentence === undefined) throw err;
    throw new DomainError(err.code, `${sentence}${suffix}`, err.details);
  }
}
