/**
 * Original content and reprints in push posts (reference §3 MASSSENDJOBFINISH, CopyrightCheckResult;
 * WeChat's "originality check" of mass sends). An article whose `reprint_of` is set reposts another
 * account's original. The check runs when a push post is accepted:
 *
 * - an original that forbids reprinting (can_reprint false) stops the send: `err(30002)`;
 * - with send_ignore_reprint 0, any reprinted original stops the send: `err(30003)` (the sender
 *   chose not to send when an article is judged a reprint);
 * - with send_ignore_reprint 1 it goes on, the reprinted articles keep the attribution.
 *
 * The result is reported as WeChat does: one ResultList item per article judged a reprint
 * (UserDeclareState 0 not declared original, AuditState 2 judged a reprint, OriginalArticleType 1,
 * CanReprint, NeedReplaceContent and NeedShowReprintSource as 0/1) and CheckState 1 (not judged a
 * reprint, may be sent), 2 (judged a reprint, may be sent) or 3 (judged a reprint, not sent).
 */

/** The article being sent, with the original it reposts (when it reposts one). */
export interface CopyrightArticle {
  /** 0-based position in the group. */
  idx: number;
  reprintOf: string | null;
  /** The original reposted; null when reprint_of names an article that no longer exists. */
  original: { url: string; canReprint: boolean; original: boolean } | null;
}

/** One CopyrightCheckResult ResultList item, as the event carries it. */
export interface CopyrightItem {
  ArticleIdx: number;
  UserDeclareState: number;
  AuditState: number;
  OriginalArticleUrl: string;
  OriginalArticleType: number;
  CanReprint: number;
  NeedReplaceContent: number;
  NeedShowReprintSource: number;
}

/** CopyrightCheckResult as stored on the broadcast and pushed in MASSSENDJOBFINISH. */
export interface CopyrightResult {
  Count: number;
  ResultList: CopyrightItem[];
  CheckState: 1 | 2 | 3;
}

/** The outcome of the originality check. */
export interface CopyrightCheck {
  result: CopyrightResult;
  /** Null when the post may be sent; otherwise the MASSSENDJOBFINISH Status it ends with. */
  blockedStatus: 'err(30002)' | 'err(30003)' | null;
  /** A sentence for the console when blocked. */
  reason: string | null;
}

/** Runs the originality check over a push post's articles. */
export function checkCopyright(articles: readonly CopyrightArticle[], sendIgnoreReprint: boolean): CopyrightCheck {
  const reprints = articles.filter((a) => a.reprintOf !== null && a.original !== null);
  const forbidden = reprints.find((a) => !a.original!.canReprint);
  const blockedStatus = forbidden ? 'err(30002)' : reprints.length > 0 && !sendIgnoreReprint ? 'err(30003)' : null;
  const items = reprints.map((a): CopyrightItem => {
    const canReprint = a.original!.canReprint;
    return {
      ArticleIdx: a.idx + 1,
      UserDeclareState: 0,
      AuditState: 2,
      OriginalArticleUrl: a.original!.url,
      OriginalArticleType: 1,
      CanReprint: canReprint ? 1 : 0,
      NeedReplaceContent: canReprint && !blockedStatus ? 1 : 0,
      NeedShowReprintSource: canReprint && !blockedStatus ? 1 : 0,
    };
  });
  const checkState = reprints.length === 0 ? 1 : blockedStatus ? 3 : 2;
  const reason = forbidden
    ? `Article ${forbidden.idx + 1} reposts an original whose author does not allow reprinting.`
    : blockedStatus
      ? 'The post reposts original articles of other accounts; send it with send_ignore_reprint 1 to send them with attribution.'
      : null;
  return { result: { Count: items.length, ResultList: items, CheckState: checkState }, blockedStatus, reason };
}

/** CopyrightCheckResult for a post with no articles (text, image ... ): nothing checked. */
export const NO_COPYRIGHT_CHECK: CopyrightResult = { Count: 0, ResultList: [], CheckState: 1 };
