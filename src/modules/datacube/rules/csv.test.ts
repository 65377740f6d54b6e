import { describe, expect, it } from 'vitest';
import { csvField, csvOf } from './csv.js';

describe('CSV', () => {
  it('starts with a BOM, ends lines with CRLF and writes numbers as they are', () => {
    expect(csvOf(['ref_date', 'new_user'], [['2026-03-01', 3], ['2026-03-02', 0]])).toBe('\uFEFFref_date,new_user\r\n2026-03-01,3\r\n2026-03-02,0\r\n');
    expect(csvField(-5)).toBe('-5');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(null)).toBe('');
  });
  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('咖啡，拿铁')).toBe('咖啡，拿铁');
  });
  it('neutralises formulas and drops control characters', () => {
    expect(csvField('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvField('+1+2')).toBe("'+1+2");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tcmd')).toBe("'\tcmd");
    expect(csvField('a\u0000b\u001bc')).toBe('abc');
    expect(csvField('\r\n=1')).toBe(`"'\r\n=1"`);
  });
});
