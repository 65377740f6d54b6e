import { describe, expect, it } from 'vitest';
import { parseYuan, yuan } from './money.js';

describe('phone money', () => {
  it('reads yuan amounts as fen', () => {
    expect(parseYuan('5')).toBe(500);
    expect(parseYuan(' 12.5 ')).toBe(1250);
    expect(parseYuan('0.01')).toBe(1);
    expect(parseYuan('500.00')).toBe(50_000);
  });

  it('refuses what is not an amount', () => {
    for (const bad of ['', ' ', '-1', '1.234', '1e3', 'abc', '¥5', '1,000', '9999999', '0x10', '.5']) expect(parseYuan(bad)).toBeNull();
  });

  it('prints fen as yuan with two decimals', () => {
    expect(yuan(500)).toBe('¥5.00');
    expect(yuan(1)).toBe('¥0.01');
  });
});
