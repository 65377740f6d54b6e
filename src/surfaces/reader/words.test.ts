import { describe, expect, it } from 'vitest';
import { READER_WORDS, readerLanguage } from './words.js';

describe('the public pages’ language', () => {
  it('follows the first Chinese or English language the browser prefers', () => {
    expect(readerLanguage('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(readerLanguage('zh-TW')).toBe('zh-CN');
    expect(readerLanguage('en-GB,en;q=0.9,zh-CN;q=0.8')).toBe('en');
    expect(readerLanguage('fr-FR,fr;q=0.9,zh;q=0.5,en;q=0.4')).toBe('zh-CN');
    // q-values decide over the header's order; q=0 means "not this one".
    expect(readerLanguage('en;q=0.3,zh-CN;q=0.9')).toBe('zh-CN');
    expect(readerLanguage('zh;q=0,en')).toBe('en');
  });

  it('falls back to English for no header, other languages and malformed or hostile headers', () => {
    for (const h of [undefined, '', 'fr-FR', '*', ';;;,,,', 'zh;q=abc', 'en;q=', `${'x,'.repeat(100_000)}zh-CN`, '<script>zh</script>']) {
      expect(readerLanguage(h), String(h).slice(0, 40)).toBe('en');
    }
    expect(readerLanguage(['fr', 'zh-CN'])).toBe('zh-CN');
  });

  it('has every word in both languages', () => {
    expect(Object.keys(READER_WORDS['zh-CN']).sort()).toEqual(Object.keys(READER_WORDS.en).sort());
    for (const w of [...Object.values(READER_WORDS['zh-CN']), ...Object.values(READER_WORDS.en)]) expect(w.trim()).not.toBe('');
  });
});
