import { describe, expect, it } from 'vitest';
import { foreignEntityProblems, registersOverseasEntity, visibleInMainland, type EntityFacts } from './foreign.js';

const base: EntityFacts = { accountType: 'service', operatingRegion: 'DE', jurisdiction: 'DE', chineseLicence: false, partnerEntity: false };

describe('foreign-entity rules', () => {
  it('lets a foreign business register a service account when the region is its jurisdiction', () => {
    expect(foreignEntityProblems(base)).toEqual([]);
    expect(registersOverseasEntity(base)).toBe(true);
  });

  it('refuses a service account whose operating region differs from the jurisdiction', () => {
    expect(foreignEntityProblems({ ...base, operatingRegion: 'FR' })).toEqual([{ field: 'operating_region', code: 'region_jurisdiction_mismatch' }]);
    expect(foreignEntityProblems({ ...base, operatingRegion: 'CN' })).toEqual([{ field: 'operating_region', code: 'region_jurisdiction_mismatch' }]);
  });

  it('needs a Chinese business licence for a subscription account', () => {
    expect(foreignEntityProblems({ ...base, accountType: 'subscription' })).toEqual([{ field: 'account_type', code: 'foreign_subscription_needs_licence' }]);
    expect(foreignEntityProblems({ ...base, accountType: 'subscription', chineseLicence: true })).toEqual([]);
  });

  it('keeps an overseas entity out of mainland China unless it has a Chinese entity or a partner opened it', () => {
    expect(visibleInMainland(base)).toBe(false);
    expect(visibleInMainland({ ...base, chineseLicence: true })).toBe(true);
    expect(visibleInMainland({ ...base, partnerEntity: true })).toBe(true);
    expect(foreignEntityProblems({ ...base, partnerEntity: true, accountType: 'subscription', operatingRegion: 'CN' })).toEqual([]);
  });

  it('does not apply to businesses registered in mainland China (Hong Kong, Macao and Taiwan register overseas)', () => {
    const cn: EntityFacts = { ...base, jurisdiction: 'CN', operatingRegion: 'CN', accountType: 'subscription' };
    expect(foreignEntityProblems(cn)).toEqual([]);
    expect(visibleInMainland(cn)).toBe(true);
    expect(foreignEntityProblems({ ...cn, jurisdiction: 'HK', operatingRegion: 'HK' })).toEqual([{ field: 'account_type', code: 'foreign_subscription_needs_licence' }]);
  });
});
