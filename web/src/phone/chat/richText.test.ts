import { describe, expect, it } from 'vitest';
import { parseRichText } from './richText.js';

describe('text message links', () => {
  it('keeps plain text as text', () => {
    expect(parseRichText('hello <b>there</b>')).toEqual([{ kind: 'text', text: 'hello <b>there</b>' }]);
  });
  it('finds anchors and bare URLs', () => {
    expect(parseRichText('see <a href="https://example.com/a?x=1&amp;y=2">docs</a> or https://herald.test/x.')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'docs', href: 'https://example.com/a?x=1&y=2' },
      { kind: 'text', text: ' or ' },
      { kind: 'link', text: 'https://herald.test/x', href: 'https://herald.test/x' },
      { kind: 'text', text: '.' },
    ]);
  });
  it('turns mini-program and msgmenu anchors into actions', () => {
    expect(parseRichText('<a data-miniprogram-appid="wxabc" data-miniprogram-path="pages/i" href="http://x.y">open</a>')).toEqual([
      { kind: 'miniprogram', text: 'open', appid: 'wxabc', path: 'pages/i' },
    ]);
    expect(parseRichText('<a href="weixin://bizmsgmenu?msgmenucontent=Yes&msgmenuid=101">Yes</a>')).toEqual([
      { kind: 'msgmenu', text: 'Yes', id: '101', content: 'Yes' },
    ]);
  });
  it('never lets a script URL through as a link', () => {
    expect(parseRichText('<a href="javascript:alert(1)">x</a>')).toEqual([{ kind: 'text', text: 'x' }]);
  });
});
