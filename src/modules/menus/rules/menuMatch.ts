/**
 * Personalized (conditional) menu rules (reference §5, "Personalized matchrule"), as pure
 * functions: which matchrules are accepted, and which menu a follower sees.
 */

/**
 * A stored matchrule. Only the conditions WeChat still honours are kept: the follower's tag and
 * the phone's platform. Values are decimal strings, as the documented request shows them.
 */
export interface MatchRule {
  tag_id?: string;
  /** 1 iOS, 2 Android, 3 others. */
  client_platform_type?: string;
}

/** Conditions on private attributes, refused since WeChat stopped matching on them (65320). */
export const PRIVATE_CONDITIONS = ['sex', 'country', 'province', 'city', 'language'] as const;

export const CLIENT_PLATFORMS = ['1', '2', '3'] as const;

export type RuleCheck = { ok: true; rule: MatchRule } | { ok: false; errcode: number; at: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A condition's value as a string: '' when unset. Numbers are accepted as WeChat accepts both. */
function conditionValue(v: unknown): string | undefined {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/**
 * Validates a matchrule. At least one condition is required (65304); sex, region and language
 * conditions answer 65320; tag_id (or the legacy group_id) must be a tag id (45159);
 * client_platform_type must be 1, 2 or 3 (40035). Whether the tag exists is the caller's check.
 */
export function validateMatchRule(input: unknown): RuleCheck {
  if (input === undefined || input === null) return { ok: false, errcode: 65304, at: 'matchrule' };
  if (!isRecord(input)) return { ok: false, errcode: 47001, at: 'matchrule' };
  for (const field of PRIVATE_CONDITIONS) {
    const v = conditionValue(input[field]);
    if (v === undefined) return { ok: false, errcode: 47001, at: `matchrule.${field}` };
    if (v !== '') return { ok: false, errcode: 65320, at: `matchrule.${field}` };
  }
  const rule: MatchRule = {};
  // group_id is the pre-tags name of the same condition; tag_id wins when both are given.
  const tagField = conditionValue(input.tag_id) === '' ? 'group_id' : 'tag_id';
  const tag = conditionValue(input[tagField]);
  if (tag === undefined) return { ok: false, errcode: 47001, at: `matchrule.${tagField}` };
  if (tag !== '') {
    if (!/^\d{1,9}$/.test(tag)) return { ok: false, errcode: 45159, at: `matchrule.${tagField}` };
    rule.tag_id = String(Number(tag));
  }
  const platform = conditionValue(input.client_platform_type);
  if (platform === undefined) return { ok: false, errcode: 47001, at: 'matchrule.client_platform_type' };
  if (platform !== '') {
    if (!(CLIENT_PLATFORMS as readonly string[]).includes(platform)) {
      return { ok: false, errcode: 40035, at: 'matchrule.client_platform_type' };
    }
    rule.client_platform_type = platform;
  }
  if (rule.tag_id === undefined && rule.client_platform_type === undefined) return { ok: false, errcode: 65304, at: 'matchrule' };
  return { ok: true, rule };
}

/** What the menu matching knows of a follower. */
export interface FollowerTraits {
  tagIds: readonly number[];
  /** The phone's platform (1 iOS, 2 Android, 3 others); unknown matches no platform condition. */
  clientPlatformType?: 1 | 2 | 3;
}

/** Whether a follower meets every condition of a rule. */
export function ruleMatches(rule: MatchRule, traits: FollowerTraits): boolean {
  if (rule.tag_id !== undefined && !traits.tagIds.includes(Number(rule.tag_id))) return false;
  if (rule.client_platform_type !== undefined && String(traits.clientPlatformType ?? '') !== rule.client_platform_type) return false;
  return rule.tag_id !== undefined || rule.client_platform_type !== undefined;
}

/**
 * The conditional menu a follower sees: the newest one whose rule matches, as WeChat matches
 * newest first. `newestFirst` must be ordered newest first. Undefined means the default menu.
 */
export function pickConditionalMenu<T extends { matchrule: MatchRule }>(newestFirst: readonly T[], traits: FollowerTraits): T | undefined {
  return newestFirst.find((m) => ruleMatches(m.matchrule, traits));
}
