import { describe, expect, it } from 'vitest';
import { isSystemTag, isTaggableSystemTag, openidListError, remarkAcceptable, tagIdOf, tagNameError } from './audience.js';

describe('tag rules', () => {
  it('tag names: 1–30 UTF-8 bytes, not a system tag name', () => {
    expect(tagNameError('广东')).toBe(0);
    expect(tagNameError('a'.repeat(30))).toBe(0);
    expect(tagNameError('字'.repeat(10))).toBe(0);
    expect(tagNameError('a'.repeat(31))).toBe(45158);
    expect(tagNameError('字'.repeat(11))).toBe(45158);
    expect(tagNameError('')).toBe(45157);
    expect(tagNameError('   ')).toBe(45157);
    expect(tagNameError('星标组')).toBe(45157);
    expect(tagNameError(undefined)).toBe(45157);
    expect(tagNameError(12)).toBe(45157);
    expect(tagNameError({ name: 'x' })).toBe(45157);
  });

  it('tag ids: numbers or digit strings', () => {
    expect(tagIdOf(100)).toBe(100);
    expect(tagIdOf('134')).toBe(134);
    expect(tagIdOf(0)).toBe(0);
    for (const v of [-1, 1.5, '1e3', 'abc', '', null, undefined, {}, [], 2 ** 40, '9'.repeat(20)]) expect(tagIdOf(v), String(v)).toBeUndefined();
  });

  it('system tags 0, 1, 2; only the star group can be put on followers', () => {
    expect([0, 1, 2].every(isSystemTag)).toBe(true);
    expect(isSystemTag(100)).toBe(false);
    expect(isTaggableSystemTag(2)).toBe(true);
    expect(isTaggableSystemTag(0)).toBe(false);
    expect(isTaggableSystemTag(1)).toBe(false);
  });
});

describe('remarkAcceptable', () => {
  it('fewer than 30 characters, counted as code points', () => {
    expect(remarkAcceptable('')).toBe(true);
    expect(remarkAcceptable('a'.repeat(29))).toBe(true);
    expect(remarkAcceptable('备'.repeat(29))).toBe(true);
    expect(remarkAcceptable('🙂'.repeat(29))).toBe(true);
    expect(remarkAcceptable('a'.repeat(30))).toBe(false);
  });
});

describe('openidListError', () => {
  const here = 'acct-1';
  const found = [
    { accountId: here, openid: 'oFollowing000000000000000000', subscribed: true },
    { accountId: here, openid: 'oUnfollowed00000000000000000', subscribed: false },
    { accountId: 'acct-2', openid: 'oOtherAccount000000000000000', subscribed: true },
  ];
  const tagging = { requireSubscribed: true, foreignErrcode: 49003 } as const;

  it('passes followers of the account', () => {
    expect(openidListError(here, ['oFollowing000000000000000000'], found, tagging)).toBe(0);
    expect(openidListError(here, ['oUnfollowed00000000000000000'], found, { requireSubscribed: false, foreignErrcode: 40003 })).toBe(0);
  });

  it('40003 for malformed, unknown or unfollowed openids; the foreign code for another account', () => {
    expect(openidListError(here, ['oUnfollowed00000000000000000'], found, tagging)).toBe(40003);
    expect(openidListError(here, ['oUnknown0000000000000000000'], found, tagging)).toBe(40003);
    expect(openidListError(here, ['bad openid!'], found, tagging)).toBe(40003);
    expect(openidListError(here, [42, null, {}], found, tagging)).toBe(40003);
    expect(openidListError(here, ['oOtherAccount000000000000000'], found, tagging)).toBe(49003);
    expect(openidListError(here, ['oOtherAccount000000000000000'], found, { requireSubscribed: false, foreignErrcode: 40003 })).toBe(40003);
    // The first problem decides.
    expect(openidListError(here, ['oFollowing000000000000000000', 'oOtherAccount000000000000000', 'x'], found, tagging)).toBe(49003);
  });
});
