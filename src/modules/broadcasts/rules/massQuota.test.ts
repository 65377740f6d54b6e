import { describe, expect, it } from 'vitest';
import { massQuotaRule, quotaKeys, quotaState } from './massQuota.js';
import { checkClientMsgId, checkFilter, checkMassContent, checkOpenidList, moderationStatus, msgStatusOf, postPlacement } from './massMessage.js';

const ms = (iso: string) => new Date(iso).getTime();

describe('push-post quotas', () => {
  it('one a China day for subscription accounts, four a China month for service accounts', () => {
    expect(massQuotaRule('subscription')).toEqual({ period: 'day', limit: 1 });
    expect(massQuotaRule('service')).toEqual({ period: 'month', limit: 4 });
  });

  it('counts in the Asia/Shanghai day and month: 16:00 UTC is midnight', () => {
    expect(quotaKeys(ms('2026-03-31T15:59:59Z'))).toEqual({ chinaDay: '2026-03-31', chinaMonth: '2026-03' });
    expect(quotaKeys(ms('2026-03-31T16:00:00Z'))).toEqual({ chinaDay: '2026-04-01', chinaMonth: '2026-04' });
    expect(quotaKeys(ms('2026-12-31T16:00:00Z'))).toEqual({ chinaDay: '2027-01-01', chinaMonth: '2027-01' });
  });

  it('says when the next push post is possible once none is left', () => {
    expect(quotaState('subscription', 0, ms('2026-03-10T10:00:00Z'))).toEqual({ period: 'day', used: 0, limit: 1, remaining: 1, nextAvailableAt: null });
    expect(quotaState('subscription', 1, ms('2026-03-10T10:00:00Z')).nextAvailableAt).toEqual(new Date('2026-03-10T16:00:00Z'));
    expect(quotaState('subscription', 1, ms('2026-03-10T17:00:00Z')).nextAvailableAt).toEqual(new Date('2026-03-11T16:00:00Z'));
    expect(quotaState('service', 3, ms('2026-02-27T00:00:00Z'))).toMatchObject({ remaining: 1, nextAvailableAt: null });
    expect(quotaState('service', 4, ms('2026-02-27T00:00:00Z')).nextAvailableAt).toEqual(new Date('2026-02-28T16:00:00Z'));
    expect(quotaState('service', 5, ms('2026-02-27T00:00:00Z')).remaining).toBe(0);
  });
});

describe('mass-send content and audience', () => {
  it('accepts each msgtype and refuses what WeChat refuses', () => {
    expect(checkMassContent({ msgtype: 'text', text: { content: 'hi' } })).toMatchObject({ ok: true, value: { msgtype: 'text', payload: { content: 'hi' } } });
    expect(checkMassContent({ msgtype: 'mpnews', mpnews: { media_id: 'abc' } })).toMatchObject({ ok: true, value: { newsMediaId: 'abc' } });
    expect(checkMassContent({ msgtype: 'image', images: { media_ids: ['a', 'b'], recommend: 'r', need_open_comment: 1 } })).toMatchObject({
      ok: true,
      value: { payload: { media_ids: ['a', 'b'], recommend: 'r', need_open_comment: 1, only_fans_can_comment: 0 }, mediaIds: ['a', 'b'] },
    });
    expect(checkMassContent({ msgtype: 'mpvideo', mpvideo: { media_id: 'v', title: 't' } })).toMatchObject({ ok: true, value: { payload: { media_id: 'v', title: 't' } } });
    expect(checkMassContent({ msgtype: 'news', news: {} })).toMatchObject({ ok: false, errcode: 40008 });
    expect(checkMassContent({ msgtype: '__proto__' })).toMatchObject({ ok: false, errcode: 40008 });
    expect(checkMassContent({ msgtype: 'text', text: { content: '  ' } })).toMatchObject({ ok: false, errcode: 44004 });
    expect(checkMassContent({ msgtype: 'text', text: { content: '字'.repeat(700) } })).toMatchObject({ ok: false, errcode: 45002 });
    expect(checkMassContent({ msgtype: 'voice', voice: { media_id: '../etc' } })).toMatchObject({ ok: false, errcode: 40007 });
    expect(checkMassContent({ msgtype: 'image', images: { media_ids: [] } })).toMatchObject({ ok: false, errcode: 40007 });
    expect(checkMassContent({ msgtype: 'wxcard', wxcard: { card_id: 'c' } })).toMatchObject({ ok: false, errcode: 48001 });
  });

  it('reads filters, openid lists and clientmsgid', () => {
    expect(checkFilter({ is_to_all: true })).toEqual({ ok: true, value: { kind: 'all' } });
    expect(checkFilter({ is_to_all: false, tag_id: 101 })).toEqual({ ok: true, value: { kind: 'tag', tagId: 101 } });
    expect(checkFilter({ tag_id: '102' })).toEqual({ ok: true, value: { kind: 'tag', tagId: 102 } });
    expect(checkFilter({ is_to_all: false })).toMatchObject({ ok: false, errcode: 40050 });
    expect(checkFilter('all')).toMatchObject({ ok: false, errcode: 40050 });
    expect(checkOpenidList(['oAAAAAAAA', 'oBBBBBBBB', 'oAAAAAAAA'])).toEqual({ ok: true, value: ['oAAAAAAAA', 'oBBBBBBBB'] });
    expect(checkOpenidList(['oAAAAAAAA', 'oAAAAAAAA'])).toMatchObject({ ok: false, errcode: 40130 });
    expect(checkOpenidList(Array.from({ length: 10_001 }, (_, i) => `o${i}xxxxxx`))).toMatchObject({ ok: false, errcode: 40032 });
    expect(checkOpenidList('oAAAAAAAA')).toMatchObject({ ok: false, errcode: 40031 });
    expect(checkOpenidList([1, 2])).toMatchObject({ ok: false, errcode: 40031 });
    expect(checkClientMsgId(undefined)).toEqual({ ok: true, value: undefined });
    expect(checkClientMsgId(12)).toEqual({ ok: true, value: '12' });
    expect(checkClientMsgId('x'.repeat(64))).toMatchObject({ ok: true });
    expect(checkClientMsgId('x'.repeat(65))).toMatchObject({ ok: false, errcode: 45067 });
    expect(checkClientMsgId({})).toMatchObject({ ok: false, errcode: 47001 });
  });

  it('maps moderation categories, placement and msg_status', () => {
    expect(moderationStatus('adult')).toBe('err(20002)');
    expect(moderationStatus('political')).toBe('err(20001)');
    expect(moderationStatus('misleading_ads')).toBe('err(10001)');
    expect(moderationStatus('copyright')).toBe('err(20013)');
    expect(moderationStatus('drugs')).toBe('err(20006)');
    expect(postPlacement('service')).toEqual({ placement: 'chats', notify: true });
    expect(postPlacement('subscription')).toEqual({ placement: 'subscriptions', notify: false });
    expect(msgStatusOf('done', 'send success')).toBe('SEND_SUCCESS');
    expect(msgStatusOf('done', 'send fail')).toBe('SEND_FAIL');
    expect(msgStatusOf('failed', 'err(20002)')).toBe('SEND_FAIL');
    expect(msgStatusOf('sending', null)).toBe('SENDING');
    expect(msgStatusOf('scheduled', null)).toBe('SENDING');
    expect(msgStatusOf('deleted', 'send success')).toBe('DELETE');
  });
});

describe('each push-post rule is written once', () => {
  it('the fan-out filters by PER_FOLLOWER_MONTHLY_LIMIT, passed to the SQL as a parameter', async () => {
    const { PER_FOLLOWER_MONTHLY_LIMIT, SERVICE_MONTHLY_POSTS, SUBSCRIPTION_DAILY_POSTS } = await import('./massQuota.js');
    expect(PER_FOLLOWER_MONTHLY_LIMIT).toBe(4);
    expect(massQuotaRule('service').limit).toBe(SERVICE_MONTHLY_POSTS);
    expect(massQuotaRule('subscription').limit).toBe(SUBSCRIPTION_DAILY_POSTS);
    const { readFileSync } = await import('node:fs');
    const fanout = readFileSync(new URL('../store/broadcastFanout.ts', import.meta.url), 'utf8');
    expect(fanout).toContain('>= ${PER_FOLLOWER_MONTHLY_LIMIT}::int');
    expect(fanout).not.toMatch(/[>=<]=?\s*4\b/);
  });

  it("a post's placement is the conversation's placement", async () => {
    const { placementOf } = await import('../../messaging/rules/conversation.js');
    for (const type of ['service', 'subscription']) expect(postPlacement(type).placement).toBe(placementOf(type));
  });
});
