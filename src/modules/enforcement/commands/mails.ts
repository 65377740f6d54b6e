import type { OutgoingMail } from '../../mail/index.js';
import { RULES, type RuleId } from '../rules/violations.js';
import type { ViolationRecordRow } from '../store.js';

/**
 * The platform's notices of enforcement, by mail to the organization's owners and admins, in
 * Chinese and English. Plain text; the account's name is checked text.
 */

const pageUrl = (publicUrl: string, appid: string) => `${publicUrl.replace(/\/$/, '')}/console/accounts/${appid}/violations`;
const day = (d: Date) => d.toISOString().slice(0, 10);

const PENALTY: Record<string, [string, string]> = {
  warning: ['警告', 'a warning'],
  content_removed: ['删除违规内容', 'the content removed'],
  restricted: ['限制部分功能', 'features restricted'],
  suspended: ['暂停帐号使用', 'the account suspended'],
  banned: ['永久封号', 'a permanent ban'],
};

/** A violation was recorded and penalised. */
export function violationMail(to: string, account: { name: string; appid: string }, record: ViolationRecordRow, publicUrl: string): OutgoingMail {
  const rule = RULES[record.rule as RuleId] ?? { zh: record.rule, en: record.rule };
  const [pzh, pen] = PENALTY[record.penalty] ?? [record.penalty, record.penalty];
  const until = record.endsAt ? [`处罚至 ${day(record.endsAt)}（UTC）。`, `Until ${day(record.endsAt)} (UTC).`] : ['', ''];
  return {
    kind: `violation_${record.penalty}`,
    to,
    subject: `Herald：公众号违规通知 / Violation notice`,
    text: [
      `公众号「${account.name}」违反了《微信公众平台运营规范》${record.rule in RULES && record.rule !== 'response_48h' ? ` ${record.rule} ` : ''}「${rule.zh}」，处罚：${pzh}。${until[0]}`,
      `如有异议，可在 ${day(record.appealDeadline)}（UTC）前申诉一次：`,
      pageUrl(publicUrl, account.appid),
      '',
      `"${account.name}" broke the operating rule "${rule.en}"; the penalty is ${pen}. ${until[1]}`,
      `You may appeal once before ${day(record.appealDeadline)} (UTC):`,
      pageUrl(publicUrl, account.appid),
    ].join('\n'),
  };
}

/** An appeal was decided. */
export function appealMail(to: string, account: { name: string; appid: string }, record: ViolationRecordRow, publicUrl: string): OutgoingMail {
  const approved = record.appealState === 'approved';
  return {
    kind: approved ? 'violation_appeal_approved' : 'violation_appeal_rejected',
    to,
    subject: `Herald：申诉结果 / Appeal decided`,
    text: [
      approved ? `公众号「${account.name}」的申诉已通过，该违规记录已撤销，相应处罚已解除。` : `公众号「${account.name}」的申诉未通过，处罚维持不变。`,
      record.appealNote ? `说明：${record.appealNote}` : '',
      pageUrl(publicUrl, account.appid),
      '',
      approved ? `The appeal of "${account.name}" was approved: the record is overturned and its penalty lifted.` : `The appeal of "${account.name}" was rejected: the penalty stands.`,
      record.appealNote ? `Note: ${record.appealNote}` : '',
    ].filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== '')).join('\n'),
  };
}
