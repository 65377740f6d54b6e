import { describe, expect, it } from 'vitest';
import { checkCopyright, type CopyrightArticle } from './copyright.js';

const plain = (idx: number): CopyrightArticle => ({ idx, reprintOf: null, original: null });
const reprint = (idx: number, canReprint: boolean): CopyrightArticle => ({ idx, reprintOf: 'orig', original: { url: 'https://h/s/orig', canReprint, original: true } });

describe('the originality check of push posts', () => {
  it('passes posts without reprints (CheckState 1)', () => {
    expect(checkCopyright([plain(0), plain(1)], false)).toEqual({ result: { Count: 0, ResultList: [], CheckState: 1 }, blockedStatus: null, reason: null });
  });

  it('stops reprints unless send_ignore_reprint is 1', () => {
    const stopped = checkCopyright([plain(0), reprint(1, true)], false);
    expect(stopped.blockedStatus).toBe('err(30003)');
    expect(stopped.result).toEqual({
      Count: 1,
      CheckState: 3,
      ResultList: [{ ArticleIdx: 2, UserDeclareState: 0, AuditState: 2, OriginalArticleUrl: 'https://h/s/orig', OriginalArticleType: 1, CanReprint: 1, NeedReplaceContent: 0, NeedShowReprintSource: 0 }],
    });
    const sent = checkCopyright([plain(0), reprint(1, true)], true);
    expect(sent.blockedStatus).toBeNull();
    expect(sent.result).toMatchObject({ Count: 1, CheckState: 2, ResultList: [{ ArticleIdx: 2, CanReprint: 1, NeedReplaceContent: 1, NeedShowReprintSource: 1 }] });
  });

  it('never sends an original whose author forbids reprinting', () => {
    const c = checkCopyright([reprint(0, false), reprint(1, true)], true);
    expect(c.blockedStatus).toBe('err(30002)');
    expect(c.reason).toContain('Article 1');
    expect(c.result.CheckState).toBe(3);
    expect(c.result.ResultList.map((i) => i.CanReprint)).toEqual([0, 1]);
  });

  it('ignores reprint_of pointing at an article that no longer exists', () => {
    expect(checkCopyright([{ idx: 0, reprintOf: 'gone', original: null }], false).blockedStatus).toBeNull();
  });
});
