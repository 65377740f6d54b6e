import type { OutgoingMail } from '../../mail/index.js';

/**
 * The mails of sign-up and registration, in Chinese and English (Herald does not know the
 * reader's language when it writes). Plain text; every value in them is Herald's or checked.
 */

const consoleUrl = (publicUrl: string, path = '') => `${publicUrl.replace(/\/$/, '')}/console${path}`;

export function signupVerifyMail(to: string, link: string, hours: number): OutgoingMail {
  return {
    kind: 'signup_verify',
    to,
    subject: 'Herald：验证你的邮箱 / Verify your email',
    text: [
      '请打开以下链接验证邮箱，完成注册：',
      link,
      `链接 ${hours} 小时内有效，只能使用一次。如果不是你本人操作，请忽略此邮件。`,
      '',
      'Open this link to verify your email and finish signing up:',
      link,
      `The link works once, within ${hours} hours. If you did not sign up, ignore this mail.`,
    ].join('\n'),
  };
}

export function signupExistsMail(to: string, publicUrl: string): OutgoingMail {
  return {
    kind: 'signup_exists',
    to,
    subject: 'Herald：该邮箱已注册 / This email already has an account',
    text: [
      '有人用此邮箱申请注册，但该邮箱已经注册。请直接登录：',
      consoleUrl(publicUrl, '/login'),
      '如果不是你本人操作，请忽略此邮件。',
      '',
      'Someone asked to sign up with this email, which already has an account. Sign in instead:',
      consoleUrl(publicUrl, '/login'),
      'If it was not you, ignore this mail.',
    ].join('\n'),
  };
}

const REASON_TEXT: Record<string, [string, string]> = {
  document_inconsistency: ['材料信息不一致', 'Document inconsistencies'],
  low_quality_scan: ['扫描件不清晰', 'Low-quality scans'],
  mismatched_regional_data: ['地区信息不一致', 'Mismatched regional data'],
};

export function rejectedMail(to: string, app: { applicationId: string; name: string | null }, reasons: readonly string[], note: string, publicUrl: string): OutgoingMail {
  const link = consoleUrl(publicUrl, `/registration/${app.applicationId}`);
  return {
    kind: 'registration_rejected',
    to,
    subject: `Herald：注册申请未通过 / Registration not approved (${app.applicationId})`,
    text: [
      `你的公众号注册申请 ${app.applicationId}（${app.name ?? ''}）未通过审核。`,
      `原因：${reasons.map((r) => REASON_TEXT[r]?.[0] ?? r).join('；')}`,
      ...(note ? [`审核说明：${note}`] : []),
      `请修改后重新提交，或引用申请编号提出申诉：${link}`,
      '',
      `Your application ${app.applicationId} (${app.name ?? ''}) to register an official account was not approved.`,
      `Reasons: ${reasons.map((r) => REASON_TEXT[r]?.[1] ?? r).join('; ')}`,
      ...(note ? [`Reviewer's note: ${note}`] : []),
      `Correct it and resubmit, or appeal citing the application ID: ${link}`,
    ].join('\n'),
  };
}

export function approvedMail(to: string, app: { applicationId: string; name: string | null }, appid: string, publicUrl: string): OutgoingMail {
  const link = consoleUrl(publicUrl, `/accounts/${appid}`);
  return {
    kind: 'registration_approved',
    to,
    subject: `Herald：注册申请已通过 / Registration approved (${app.applicationId})`,
    text: [
      `你的公众号注册申请 ${app.applicationId}（${app.name ?? ''}）已通过审核。AppID：${appid}`,
      link,
      '',
      `Your application ${app.applicationId} (${app.name ?? ''}) was approved. AppID: ${appid}`,
      link,
    ].join('\n'),
  };
}

/** To a reviewer: an appeal is due soon (or past due) and waits for a decision. */
export function appealDueMail(to: string, app: { applicationId: string; name: string | null }, due: Date, publicUrl: string): OutgoingMail {
  const link = consoleUrl(publicUrl, '/admin/registrations');
  // China time, to the minute: the business calendar the due date is counted on.
  const when = new Date(due.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
  return {
    kind: 'registration_appeal_due',
    to,
    subject: `Herald：申诉即将到期 / Appeal due soon (${app.applicationId})`,
    text: [
      `注册申请 ${app.applicationId}（${app.name ?? ''}）的申诉将于 ${when}（北京时间）到期，请尽快处理：`,
      link,
      '',
      `The appeal of application ${app.applicationId} (${app.name ?? ''}) is due at ${when} China time. Decide it here:`,
      link,
    ].join('\n'),
  };
}
