import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cardSignature, jsapiSignature, pageUrl } from './signature.js';

// The official vector (reference §11 / commerce §2.3).
const VECTOR = {
  ticket: 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg',
  noncestr: 'Wm3WZYTPz0wzccnW',
  timestamp: '1414587457',
  url: 'http://mp.weixin.qq.com?params=value',
};

describe('JS-SDK signature', () => {
  it('reproduces the official vector', () => {
    expect(jsapiSignature(VECTOR)).toBe('0f9de62fce790f9a083d5c99e95740ceb90c27ed');
    expect(jsapiSignature({ ...VECTOR, timestamp: 1414587457 })).toBe('0f9de62fce790f9a083d5c99e95740ceb90c27ed');
  });

  it('signs the url without its fragment; a signature over the fragment is the reference\'s wrong one', () => {
    expect(jsapiSignature({ ...VECTOR, url: `${VECTOR.url}#frag` })).toBe('0f9de62fce790f9a083d5c99e95740ceb90c27ed');
    const withHash = `jsapi_ticket=${VECTOR.ticket}&noncestr=${VECTOR.noncestr}&timestamp=${VECTOR.timestamp}&url=${VECTOR.url}#frag`;
    expect(createHash('sha1').update(withHash).digest('hex')).toBe('b739d84cd9d554c46eddcefc9204e9f2196ecafd');
  });

  it('pageUrl cuts at the first #', () => {
    expect(pageUrl('https://a.b/c?d=1#x#y')).toBe('https://a.b/c?d=1');
    expect(pageUrl('https://a.b/')).toBe('https://a.b/');
  });

  it('a different value changes the signature', () => {
    expect(jsapiSignature({ ...VECTOR, noncestr: 'other' })).not.toBe('0f9de62fce790f9a083d5c99e95740ceb90c27ed');
  });

  it('card signature sorts the values and drops empty ones', () => {
    const expected = createHash('sha1').update(['a', 'b', 'c'].join('')).digest('hex');
    expect(cardSignature(['c', 'a', '', 'b'])).toBe(expected);
  });
});
