import { describe, expect, it } from 'vitest';
import { DEFAULT_REGISTRATION_CAPS, capProblems, organizationCap } from './caps.js';

describe('registration caps', () => {
  const caps = DEFAULT_REGISTRATION_CAPS;

  it('has the platform figures since 2018 as defaults: 1 per email, 5 per organization, 50 per government or media', () => {
    expect(caps).toEqual({ perEmail: 1, perOrganization: 5, perPublicOrganization: 50 });
    expect(organizationCap('enterprise', caps)).toBe(5);
    expect(organizationCap('other', caps)).toBe(5);
    expect(organizationCap('government', caps)).toBe(50);
    expect(organizationCap('media', caps)).toBe(50);
    expect(organizationCap('individual', caps)).toBeNull();
  });

  it('refuses at the cap, not before', () => {
    const wide = { perEmail: 10, perOrganization: 5, perPublicOrganization: 50 };
    expect(capProblems({ sameEmail: 0, sameOrganization: 4 }, 'enterprise', wide)).toEqual([]);
    expect(capProblems({ sameEmail: 0, sameOrganization: 5 }, 'enterprise', wide)).toEqual([{ cap: 'organization', limit: 5 }]);
    expect(capProblems({ sameEmail: 0, sameOrganization: 49 }, 'media', wide)).toEqual([]);
    expect(capProblems({ sameEmail: 0, sameOrganization: 50 }, 'government', wide)).toEqual([{ cap: 'organization', limit: 50 }]);
    expect(capProblems({ sameEmail: 0, sameOrganization: 0 }, 'enterprise', caps)).toEqual([]);
    expect(capProblems({ sameEmail: 1, sameOrganization: 1 }, 'enterprise', caps)).toEqual([{ cap: 'email', limit: 1 }]);
  });

  it('caps individuals by email only', () => {
    const wide = { perEmail: 3, perOrganization: 1, perPublicOrganization: 1 };
    expect(capProblems({ sameEmail: 2, sameOrganization: 99 }, 'individual', wide)).toEqual([]);
    expect(capProblems({ sameEmail: 3, sameOrganization: 99 }, 'individual', wide)).toEqual([{ cap: 'email', limit: 3 }]);
  });
});
