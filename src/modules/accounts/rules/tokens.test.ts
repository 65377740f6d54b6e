import { describe, expect, it } from 'vitest';
import { TOKEN_LIFETIME_SEC, TOKEN_OVERLAP_MS, tokenExpiry, tokenState } from './tokens.js';

describe('access_token lifetime and overlap', () => {
  const issued = Date.UTC(2026, 0, 1, 8, 0, 0);

  it('lives 7200 s, as WeChat says in expires_in', () => {
    expect(TOKEN_LIFETIME_SEC).toBe(7200);
    expect(tokenExpiry(issued).getTime() - issued).toBe(7200 * 1000);
  });

  it('is valid until the second it expires, then expired (42001)', () => {
    const token = { expiresAt: tokenExpiry(issued), supersededAt: null };
    expect(tokenState(token, issued)).toBe('valid');
    expect(tokenState(token, issued + 7200 * 1000 - 1)).toBe('valid');
    expect(tokenState(token, issued + 7200 * 1000)).toBe('expired');
  });

  it('keeps a replaced token working 5 minutes, then refuses it as superseded (40001)', () => {
    expect(TOKEN_OVERLAP_MS).toBe(5 * 60 * 1000);
    const replacedAt = new Date(issued + 3600 * 1000);
    const token = { expiresAt: tokenExpiry(issued), supersededAt: replacedAt };
    expect(tokenState(token, replacedAt.getTime())).toBe('valid');
    expect(tokenState(token, replacedAt.getTime() + 5 * 60 * 1000 - 1)).toBe('valid');
    expect(tokenState(token, replacedAt.getTime() + 5 * 60 * 1000)).toBe('superseded');
  });

  it('calls a replaced token superseded, not expired, once both have passed', () => {
    const replacedAt = new Date(issued + 7200 * 1000 - 60 * 1000);
    const token = { expiresAt: tokenExpiry(issued), supersededAt: replacedAt };
    expect(tokenState(token, issued + 7200 * 1000)).toBe('expired');
    expect(tokenState(token, replacedAt.getTime() + 5 * 60 * 1000)).toBe('superseded');
  });
});
