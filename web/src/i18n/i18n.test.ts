import { afterEach, describe, expect, it } from 'vitest';
import { refusalMessage } from '../api/client.js';
import { chinaShort } from '../console/broadcasts/chinaTime.js';
import { dateTime } from '../console/format.js';
import { span, windowLabel } from '../console/inbox/time.js';
import { currentLanguage, i18n, languageFor, t } from './index.js';
import { chinaParts, formatTime } from './time.js';

const speak = (lang: 'en' | 'zh-CN') => void i18n.changeLanguage(lang);

describe('the web app’s language', () => {
  afterEach(() => speak('en'));

  it('follows the browser: any zh* is Simplified Chinese, anything else English', () => {
    expect(languageFor(['zh-CN'])).toBe('zh-CN');
    expect(languageFor(['zh-TW', 'en-US'])).toBe('zh-CN');
    expect(languageFor(['zh'])).toBe('zh-CN');
    expect(languageFor(['en-GB', 'zh-CN'])).toBe('en');
    expect(languageFor(['fr-FR', 'de'])).toBe('en');
    expect(languageFor(['fr-FR', 'zh-HK'])).toBe('zh-CN');
    expect(languageFor([])).toBe('en');
    expect(languageFor([''])).toBe('en');
  });

  it('counts with ICU plurals in both languages', () => {
    expect(t('broadcasts.followerCount', { count: 1 })).toBe('1 follower');
    expect(t('broadcasts.followerCount', { count: 2 })).toBe('2 followers');
    expect(t('broadcasts.whatArticles', { title: 'Beans', more: 1 })).toBe('“Beans” and 1 more article');
    expect(t('broadcasts.whatArticles', { title: 'Beans', more: 3 })).toBe('“Beans” and 3 more articles');
    expect(t('revenue.donations2', { count: 1 })).toBe('1 donation');
    expect(t('revenue.donations2', { count: 1200 })).toBe('1,200 donations');
    expect(t('broadcasts.whatText')).toBe('This text');
    speak('zh-CN');
    expect(currentLanguage()).toBe('zh-CN');
    expect(t('broadcasts.followerCount', { count: 1 })).toBe('1 位用户');
    expect(t('broadcasts.whatArticles', { title: '新豆', more: 2 })).toBe('“新豆”及另外 2 篇文章');
    expect(t('frame.signOut')).toBe('退出登录');
  });

  it('uses the MP backend’s words for the console’s pages in Chinese', () => {
    speak('zh-CN');
    expect(t('articles.drafts')).toBe('草稿箱');
    expect(t('articles.published2')).toBe('发表记录');
    expect(t('menu.customMenu')).toBe('自定义菜单');
    expect(t('autoreply.autoReplies')).toBe('自动回复');
    expect(t('materials.materials')).toBe('素材库');
    expect(t('phoneKit.chats')).toBe('微信');
    expect(t('phoneKit.contacts')).toBe('通讯录');
    expect(t('phoneProfile.follow')).toBe('关注公众号');
  });

  it('shows server refusals by their code in the reader’s language, else the server’s text', () => {
    expect(refusalMessage('invalid_credentials', 'Incorrect email or password.')).toBe('Incorrect email or password.');
    expect(refusalMessage('rate_limited', 'x', { retryAfterSec: 30 })).toBe('Too many failed attempts. Try again in 30 s.');
    speak('zh-CN');
    expect(refusalMessage('invalid_credentials', 'Incorrect email or password.')).toBe('邮箱或密码错误。');
    expect(refusalMessage('rate_limited', 'x', { retryAfterSec: 30 })).toBe('失败次数过多，请 30 秒后再试。');
    expect(refusalMessage('rate_limited', 'Previews are limited.', {})).toBe('Previews are limited.');
    expect(refusalMessage('not_found', 'No such draft.')).toBe('No such draft.');
    expect(refusalMessage('toString', 'The server said so.')).toBe('The server said so.');
  });
});

describe('the one date/time formatter', () => {
  afterEach(() => speak('en'));
  const iso = '2026-12-07T00:01:13.000Z';

  it('shows China time with the zone named, whatever the viewer’s zone', () => {
    expect(formatTime(iso)).toBe('2026-12-07 08:01 (UTC+8)');
    expect(formatTime(iso, 'seconds')).toBe('2026-12-07 08:01:13 (UTC+8)');
    expect(formatTime(iso, 'short')).toBe('7 Dec 08:01');
    expect(formatTime(iso, 'date')).toBe('2026-12-07');
    expect(formatTime(iso, 'time')).toBe('08:01');
    expect(formatTime(Date.parse(iso))).toBe('2026-12-07 08:01 (UTC+8)');
    expect(dateTime(iso)).toBe('2026-12-07 08:01:13 (UTC+8)');
    expect(chinaShort(iso)).toBe('7 Dec 08:01');
    speak('zh-CN');
    expect(formatTime(iso)).toBe('2026-12-07 08:01（北京时间）');
    expect(formatTime(iso, 'short')).toBe('12月7日 08:01');
  });

  it('turns the China day at 16:00 UTC, and answers a dash for nothing or nonsense', () => {
    expect(formatTime('2026-12-06T15:59:59Z', 'date')).toBe('2026-12-06');
    expect(formatTime('2026-12-06T16:00:00Z', 'date')).toBe('2026-12-07');
    expect(formatTime('2026-12-31T16:30:00Z')).toBe('2027-01-01 00:30 (UTC+8)');
    expect(chinaParts('2026-12-06T16:00:00Z')?.weekday).toBe(1);
    for (const bad of [null, undefined, '', 'not a date', Number.NaN, '9999-99-99T00:00:00Z']) expect(formatTime(bad)).toBe('—');
  });

  it('writes inbox spans in the reader’s language', () => {
    const now = Date.UTC(2024, 4, 1, 12);
    speak('zh-CN');
    expect(span(49 * 3600 * 1000)).toBe('2 天 1 小时');
    expect(windowLabel({ state: 'open', closes_at: new Date(now + 3600 * 1000).toISOString(), messages_left: 1, closed_at: null }, now)).toBe('窗口开启 · 还可回复 1 条 · 1 小时后关闭');
  });
});
