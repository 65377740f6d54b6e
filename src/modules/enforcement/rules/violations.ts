/**
 * What a violation is recorded against (the 微信公众平台运营规范's sections, governance §7.1),
 * where it comes from, the report categories a follower chooses from, and the appeal rule.
 * Pure: no I/O.
 */

/**
 * The rules Herald records, by the section of the operating rules (运营规范) they cite. Section
 * numbers other than 3.3 and 4.1–4.25 are not verified (governance §7.1); `response_48h` is the
 * seed's rule that inquiries are answered within 48 hours.
 */
export const RULES = {
  '3.3': { zh: '诱导分享、关注', en: 'Inducing shares or follows' },
  '3.12': { zh: '欺诈、网赚及可疑服务', en: 'Fraud and suspicious services' },
  '4.1': { zh: '侵权或侵犯隐私', en: 'Infringement or privacy violation' },
  '4.2': { zh: '色情低俗', en: 'Pornographic or vulgar content' },
  '4.3': { zh: '暴力恐怖、血腥', en: 'Violent, terrorist or gory content' },
  '4.4': { zh: '赌博', en: 'Gambling' },
  '4.7': { zh: '非法物品', en: 'Illegal goods' },
  '4.8': { zh: '过度营销', en: 'Excessive marketing' },
  '4.9': { zh: '不实信息', en: 'False information' },
  '4.10': { zh: '骚扰', en: 'Harassment' },
  '4.12': { zh: '违法内容', en: 'Illegal content' },
  '4.13': { zh: '其他违规内容', en: 'Other violating content' },
  response_48h: { zh: '用户咨询 48 小时未回复', en: 'Inquiries unanswered for 48 hours' },
} as const;

export type RuleId = keyof typeof RULES;

export const SOURCES = ['moderation', 'report', 'response_time', 'platform'] as const;
export type ViolationSource = (typeof SOURCES)[number];

/** The moderation module's categories (moderation/rules) and the rule each breaks. */
export const MODERATION_RULES: Record<string, RuleId> = {
  political: '4.12',
  adult: '4.2',
  gambling: '4.4',
  misleading_ads: '4.8',
  copyright: '4.1',
  drugs: '4.7',
};

/**
 * The categories of the phone's 投诉 sheet (WeChat's own list is not in the reference; this is
 * the list its report page shows in common, documented in docs/ACCOUNTS.md) and the rule each
 * report counts against.
 */
export const REPORT_CATEGORIES = {
  porn: { rule: '4.2', zh: '色情低俗', en: 'Pornographic or vulgar' },
  illegal: { rule: '4.12', zh: '违法犯罪', en: 'Illegal or criminal' },
  fraud: { rule: '3.12', zh: '欺诈', en: 'Fraud' },
  infringement: { rule: '4.1', zh: '侵权（抄袭、冒名、隐私）', en: 'Infringement (plagiarism, impersonation, privacy)' },
  rumor: { rule: '4.9', zh: '谣言及不实信息', en: 'Rumours and false information' },
  inducement: { rule: '3.3', zh: '诱导分享、关注', en: 'Inducing shares or follows' },
  harassment: { rule: '4.10', zh: '骚扰及营销广告', en: 'Harassment and spam' },
  gambling: { rule: '4.4', zh: '赌博', en: 'Gambling' },
  violence: { rule: '4.3', zh: '暴力恐怖', en: 'Violence or terrorism' },
  other: { rule: '4.13', zh: '其他', en: 'Other' },
} as const satisfies Record<string, { rule: RuleId; zh: string; en: string }>;

export type ReportCategory = keyof typeof REPORT_CATEGORIES;
export const REPORT_CATEGORY_IDS = Object.keys(REPORT_CATEGORIES) as ReportCategory[];

/** What a follower can report. */
export const REPORT_TARGETS = ['article', 'account', 'message'] as const;
export type ReportTarget = (typeof REPORT_TARGETS)[number];

/** The category most reports in a batch chose (ties: the first in the list), and its rule. */
export function ruleOfReports(categories: readonly string[]): RuleId {
  const counts = new Map<ReportCategory, number>();
  for (const c of categories) if (c in REPORT_CATEGORIES) counts.set(c as ReportCategory, (counts.get(c as ReportCategory) ?? 0) + 1);
  let best: ReportCategory = 'other';
  let most = 0;
  for (const id of REPORT_CATEGORY_IDS) {
    const n = counts.get(id) ?? 0;
    if (n > most) {
      best = id;
      most = n;
    }
  }
  return REPORT_CATEGORIES[best].rule;
}

/**
 * Appeal states: none → pending → approved | rejected (the mini program's appeal_status 1 processing,
 * 2 approved, 3 rejected). Why an appeal cannot be made now, or null when it can (one appeal per record, before its deadline). */
export function appealRefusal(record: { appealState: string; appealDeadline: Date }, nowMs: number): 'already_appealed' | 'appeal_closed' | null {
  if (record.appealState !== 'none') return 'already_appealed';
  if (record.appealDeadline.getTime() <= nowMs) return 'appeal_closed';
  return null;
}

/**
 * `account_status` as WeChat's authorizer info reports it (governance §7.2): 16 banned, 19 frozen
 * (a suspension in force), 18 warned (a standing violation within the strike window), 1 normal.
 */
export function accountStatusCode(state: { banned: boolean; suspended: boolean; standingViolations: number }): 1 | 16 | 18 | 19 {
  if (state.banned) return 16;
  if (state.suspended) return 19;
  return state.standingViolations > 0 ? 18 : 1;
}
