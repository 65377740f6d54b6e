import type { OutgoingMail } from '../../mail/index.js';
import type { ReminderOffset } from '../rules/verification.js';

/**
 * The mails of verification (微信认证), in Chinese and English (Herald does not know the reader's
 * language when it writes). Plain text; the account's name is the only value an operator chose,
 * and it is checked text (no control characters).
 */

const pageUrl = (publicUrl: string, appid: string) => `${publicUrl.replace(/\/$/, '')}/console/accounts/${appid}/verification`;
const day = (d: Date) => d.toISOString().slice(0, 10);

const LEFT: Record<ReminderOffset, [string, string]> = {
  '3m': ['3 个月', '3 months'],
  '2m': ['2 个月', '2 months'],
  '1m': ['1 个月', '1 month'],
  '7d': ['7 天', '7 days'],
};

export function reminderMail(to: string, account: { name: string; appid: string }, offset: ReminderOffset, until: Date, publicUrl: string): OutgoingMail {
  const [zh, en] = LEFT[offset];
  return {
    kind: `verification_reminder_${offset}`,
    to,
    subject: `Herald：微信认证将在 ${zh}后到期 / Verification ends in ${en}`,
    text: [
      `公众号「${account.name}」的微信认证将于 ${day(until)}（UTC）到期，还有约 ${zh}。请及时年审：`,
      pageUrl(publicUrl, account.appid),
      '到期未年审，认证标识和需要认证的接口权限将立即失效。',
      '',
      `The verification of "${account.name}" ends on ${day(until)} (UTC), in about ${en}. Renew it here:`,
      pageUrl(publicUrl, account.appid),
      'If it is not renewed, the verified mark and every API that needs verification end at once.',
    ].join('\n'),
  };
}

export function expiredMail(to: string, account: { name: string; appid: string }, until: Date, publicUrl: string): OutgoingMail {
  return {
    kind: 'verification_expired',
    to,
    subject: 'Herald：微信认证已过期 / Verification has ended',
    text: [
      `公众号「${account.name}」的微信认证已于 ${day(until)}（UTC）过期，需要认证的接口现在返回 48001。重新认证后即可恢复：`,
      pageUrl(publicUrl, account.appid),
      '',
      `The verification of "${account.name}" ended on ${day(until)} (UTC); APIs that need verification now answer 48001. Verify again to get them back:`,
      pageUrl(publicUrl, account.appid),
    ].join('\n'),
  };
}

export function decidedMail(to: string, account: { name: string; appid: string }, approved: boolean, reason: string, publicUrl: string): OutgoingMail {
  return {
    kind: approved ? 'verification_approved' : 'verification_rejected',
    to,
    subject: approved ? 'Herald：微信认证成功 / Verification succeeded' : 'Herald：微信认证未通过 / Verification failed',
    text: (approved
      ? [`公众号「${account.name}」的微信认证已通过，有效期一年。`, '', `The verification of "${account.name}" succeeded; it lasts one year.`]
      : [`公众号「${account.name}」的微信认证未通过：${reason}`, '', `The verification of "${account.name}" failed: ${reason}`]
    ).concat(['', pageUrl(publicUrl, account.appid)]).join('\n'),
  };
}
