import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { charCount, CONTROL_MULTILINE, CONTROL_SINGLE_LINE, LONE_SURROGATE, XML_ILLEGAL } from './text.js';

const SRC = path.resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('the text rules', () => {
  it('counts characters as people do (code points)', () => {
    expect(charCount('')).toBe(0);
    expect(charCount('abc')).toBe(3);
    expect(charCount('公众号')).toBe(3);
    expect(charCount('😀😀')).toBe(2);
    expect('😀😀'.length).toBe(4);
  });

  it('XML_ILLEGAL refuses what XML 1.0 cannot carry and keeps tab, newline and carriage return', () => {
    for (const c of ['\u0000', '\u0001', '\u0008', '\u000b', '\u000c', '\u000e', '\u001f', '\ufffe', '\uffff']) expect(XML_ILLEGAL.test(`a${c}b`), JSON.stringify(c)).toBe(true);
    for (const c of ['\t', '\n', '\r', '\u007f', 'é', '😀']) expect(XML_ILLEGAL.test(`a${c}b`), JSON.stringify(c)).toBe(false);
  });

  it('CONTROL_MULTILINE allows line breaks and tabs; CONTROL_SINGLE_LINE allows none', () => {
    for (const c of ['\u0000', '\u0007', '\u001b', '\u007f']) {
      expect(CONTROL_MULTILINE.test(c)).toBe(true);
      expect(CONTROL_SINGLE_LINE.test(c)).toBe(true);
    }
    for (const c of ['\t', '\n', '\r']) {
      expect(CONTROL_MULTILINE.test(c)).toBe(false);
      expect(CONTROL_SINGLE_LINE.test(c)).toBe(true);
    }
    expect(CONTROL_MULTILINE.test('plain 文本 😀')).toBe(false);
  });

  it('LONE_SURROGATE finds a half pair and accepts a whole one', () => {
    expect(LONE_SURROGATE.test('\ud83d')).toBe(true);
    expect(LONE_SURROGATE.test('x\ude00y')).toBe(true);
    expect(LONE_SURROGATE.test('\ud83d\ude00')).toBe(false);
  });

  it('is written once: no other source file spells these character classes again', () => {
    const classes = ['\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\ufffe\\uffff]', '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]', '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])'];
    const again = sources(SRC)
      .filter((f) => !f.endsWith(`platform${path.sep}text.ts`))
      .flatMap((f) => {
        const text = readFileSync(f, 'utf8');
        return classes.filter((c) => text.includes(c)).map((c) => `${path.relative(SRC, f)}: ${c}`);
      });
    expect(again).toEqual([]);
    const counters = sources(SRC).filter((f) => /export (const|function) charCount\b/.test(readFileSync(f, 'utf8')));
    expect(counters.map((f) => path.relative(SRC, f))).toEqual([`platform${path.sep}text.ts`]);
  });
});
