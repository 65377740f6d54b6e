import { describe, expect, it } from 'vitest';
import { previewParts, previewText } from './conversation.js';

describe('a message’s preview', () => {
  it('is a kind and the message’s own words, with no language in it', () => {
    expect(previewParts('text', { content: '你好' })).toEqual({ kind: 'text', text: '你好' });
    expect(previewParts('image', { media_id: 'm', url: '/media/m' })).toEqual({ kind: 'image', text: '' });
    expect(previewParts('voice', { recognition: '好的' })).toEqual({ kind: 'voice', text: '好的' });
    expect(previewParts('shortvideo', {})).toEqual({ kind: 'video', text: '' });
    expect(previewParts('location', { label: '人民广场' })).toEqual({ kind: 'location', text: '人民广场' });
    expect(previewParts('link', { title: '官网' })).toEqual({ kind: 'link', text: '官网' });
    expect(previewParts('miniprogrampage', { title: '点单' })).toEqual({ kind: 'miniprogram', text: '点单' });
    expect(previewParts('news', { articles: [{ title: '早报' }] })).toEqual({ kind: 'news', text: '早报' });
    expect(previewParts('msgmenu', { head_content: '请选择' })).toEqual({ kind: 'text', text: '请选择' });
    expect(previewParts('msgmenu', {})).toEqual({ kind: 'menu', text: '' });
    expect(previewParts('wxcard', { card_id: 'c' })).toEqual({ kind: 'card', text: '' });
    expect(previewParts('something_new', {})).toEqual({ kind: 'other', text: '' });
  });

  it('reads hostile content without failing: fields of the wrong type are left out', () => {
    expect(previewParts('text', { content: 42 })).toEqual({ kind: 'text', text: '' });
    expect(previewParts('news', { articles: 'x' })).toEqual({ kind: 'news', text: '' });
    expect(previewParts('news', { articles: [null] })).toEqual({ kind: 'news', text: '' });
    expect(previewParts('location', { label: { a: 1 } })).toEqual({ kind: 'location', text: '' });
  });

  it('keeps the records’ plain line for customer service and the console', () => {
    expect(previewText('image', {})).toBe('[image]');
    expect(previewText('voice', { recognition: 'ok' })).toBe('[voice] ok');
    expect(previewText('link', { title: 'Site' })).toBe('[link] Site');
    expect(previewText('wxcard', {})).toBe('[wxcard]');
    expect(previewText('something_new', {})).toBe('[something_new]');
    expect(previewText('text', { content: 'hi' })).toBe('hi');
  });
});
