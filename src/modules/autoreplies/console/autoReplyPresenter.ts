import type { AccountRow } from '../../accounts/index.js';
import {
  KEYWORD_MAX_CHARS, MAX_KEYWORD_RULES, MAX_KEYWORDS_PER_RULE, MAX_REPLIES_PER_RULE, TEXT_REPLY_MAX_CHARS,
  type AutoReply, type AutoReplyRule,
} from '../rules.js';
import { readOnlyReason } from '../../../surfaces/console/ownership.js';

/** One reply, with exactly the fields of its type. */
export function presentReply(r: AutoReply) {
  switch (r.type) {
    case 'text':
      return { type: r.type, content: r.content };
    case 'image':
    case 'voice':
    case 'video':
      return { type: r.type, media_id: r.media_id };
    case 'article':
      return { type: r.type, article_id: r.article_id };
    case 'news':
      return { type: r.type, title: r.title, description: r.description, url: r.url, picurl: r.picurl };
    case 'miniprogrampage':
      return { type: r.type, title: r.title, appid: r.appid, pagepath: r.pagepath, thumb_media_id: r.thumb_media_id };
  }
}

/** A rule of any kind: keywords are empty for the follow and default replies. */
export function presentRule(rule: AutoReplyRule) {
  return {
    id: rule.id,
    kind: rule.kind,
    name: rule.name,
    keywords: rule.keywords.map((k) => ({ text: k.text, match: k.match })),
    reply_mode: rule.replyMode,
    replies: rule.replies.map(presentReply),
    enabled: rule.enabled,
  };
}

/** The auto-reply page: the follow reply, keyword rules in priority order, the default reply. */
export function presentAutoReplies(account: AccountRow, rules: AutoReplyRule[]) {
  const reason = readOnlyReason(account, 'auto_replies');
  const one = (kind: 'subscribe' | 'default') => {
    const r = rules.find((x) => x.kind === kind);
    return r ? presentRule(r) : null;
  };
  return {
    read_only: reason !== null,
    read_only_reason: reason,
    subscribe: one('subscribe'),
    default: one('default'),
    keyword_rules: rules.filter((r) => r.kind === 'keyword').map(presentRule),
    limits: {
      keyword_rules: MAX_KEYWORD_RULES,
      keywords_per_rule: MAX_KEYWORDS_PER_RULE,
      keyword_chars: KEYWORD_MAX_CHARS,
      replies_per_rule: MAX_REPLIES_PER_RULE,
      text_chars: TEXT_REPLY_MAX_CHARS,
    },
  };
}

/** The console API's shapes, as the web app imports them (type-only). */
export type ConsoleReply = ReturnType<typeof presentReply>;
export type ConsoleRule = ReturnType<typeof presentRule>;
export type AutoRepliesView = ReturnType<typeof presentAutoReplies>;
