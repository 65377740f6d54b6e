import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../platform/errors.js';
import { DEFAULT_USER_REGION, assertAvailableInRegion, availableInRegion, isRegionCode, seesMainlandHidden } from './region.js';

describe('who may see an account, by region', () => {
  const hidden = { mainlandVisible: false };
  const visible = { mainlandVisible: true };

  it('hides an account hidden from mainland China from mainland users only', () => {
    expect(availableInRegion(hidden, 'CN')).toBe(false);
    for (const region of ['HK', 'MO', 'TW', 'DE', 'US']) expect(availableInRegion(hidden, region)).toBe(true);
    for (const region of ['CN', 'HK', 'US']) expect(availableInRegion(visible, region)).toBe(true);
    expect(seesMainlandHidden('CN')).toBe(false);
    expect(seesMainlandHidden('HK')).toBe(true);
  });

  it('counts a user nobody set a region for as in mainland China', () => {
    expect(DEFAULT_USER_REGION).toBe('CN');
    expect(availableInRegion(hidden, DEFAULT_USER_REGION)).toBe(false);
  });

  it('refuses with region_unavailable', () => {
    expect(() => assertAvailableInRegion(visible, 'CN')).not.toThrow();
    try {
      assertAvailableInRegion(hidden, 'CN');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).code).toBe('region_unavailable');
    }
  });

  it('takes ISO 3166-1 alpha-2 codes in upper case only', () => {
    for (const ok of ['CN', 'US', 'HK']) expect(isRegionCode(ok)).toBe(true);
    for (const bad of ['cn', 'USA', 'C', '', '中国', 'C1', ' CN']) expect(isRegionCode(bad)).toBe(false);
  });
});
