import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../i18n/index.js';
import { summaryText } from './StatusBadge.js';

const speak = (lang: 'en' | 'zh-CN') => void i18n.changeLanguage(lang);

describe('a push post’s summary in the history', () => {
  afterEach(() => speak('en'));

  it('is its own line when it has one', () => {
    expect(summaryText({ msgtype: 'mpnews', summary: '本周精选' })).toBe('本周精选');
    expect(summaryText({ msgtype: 'voice', summary: '早间新闻.amr' })).toBe('早间新闻.amr');
  });

  it('words the type from the catalogs otherwise, never the raw msgtype', () => {
    speak('zh-CN');
    expect(summaryText({ msgtype: 'mpnews', summary: '' })).toBe('图文消息');
    expect(summaryText({ msgtype: 'voice', summary: '' })).toBe('语音消息');
    expect(summaryText({ msgtype: 'mpvideo', summary: '' })).toBe('视频消息');
    expect(summaryText({ msgtype: 'something_new', summary: '' })).toBe('群发消息');
    speak('en');
    expect(summaryText({ msgtype: 'mpnews', summary: '' })).toBe('Article');
    expect(summaryText({ msgtype: 'image', summary: '' })).toBe('Image');
    for (const msgtype of ['mpnews', 'text', 'image', 'voice', 'mpvideo', 'wxcard', 'other']) {
      expect(summaryText({ msgtype, summary: '' })).not.toBe(msgtype);
    }
  });
});
