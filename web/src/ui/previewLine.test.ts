import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../i18n/index.js';
import { previewLine } from './previewLine.js';

const speak = (lang: 'en' | 'zh-CN') => void i18n.changeLanguage(lang);

describe('a chat’s preview line', () => {
  afterEach(() => speak('en'));

  it('words the kind in the phone’s language, as WeChat shows it', () => {
    speak('zh-CN');
    expect(previewLine({ kind: 'image', text: '' })).toBe('[图片]');
    expect(previewLine({ kind: 'voice', text: '好的' })).toBe('[语音] 好的');
    expect(previewLine({ kind: 'location', text: '人民广场' })).toBe('[位置] 人民广场');
    expect(previewLine({ kind: 'news', text: '早报' })).toBe('[图文] 早报');
    expect(previewLine({ kind: 'link', text: '' })).toBe('[链接]');
    expect(previewLine({ kind: 'text', text: '你好' })).toBe('你好');
    speak('en');
    expect(previewLine({ kind: 'image', text: '' })).toBe('[Image]');
    expect(previewLine({ kind: 'miniprogram', text: 'Order' })).toBe('[Mini Program] Order');
    expect(previewLine({ kind: 'news', text: 'Brief' })).toBe('[Article] Brief');
  });

  it('is empty for nothing yet, and words a kind it does not know as a message', () => {
    expect(previewLine(null)).toBe('');
    expect(previewLine(undefined)).toBe('');
    expect(previewLine({ kind: 'unheard-of' as never, text: '' })).toBe('[Message]');
  });
});
