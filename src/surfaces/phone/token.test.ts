import { describe, expect, it } from 'vitest';
import { phoneTokenUser, signPhoneToken } from './token.js';

const user = '3f0c9a4e-1b2d-4c5e-8f70-123456789abc';

describe('phone tokens', () => {
  it('name their user only under the secret that signed them', () => {
    const token = signPhoneToken('secret-one', user);
    expect(token.startsWith(`${user}.`)).toBe(true);
    expect(phoneTokenUser('secret-one', token)).toBe(user);
    expect(phoneTokenUser('secret-two', token)).toBeUndefined();
  });

  it('refuse anything malformed or altered', () => {
    const token = signPhoneToken('s', user);
    const other = '00000000-0000-0000-0000-000000000000';
    for (const bad of [undefined, null, 42, '', '.', user, `${user}.`, token.slice(0, -1), `${token}x`, token.replace(user, other), 'x'.repeat(10_000), `${user}.${token.split('.')[1]}.x`]) {
      expect(phoneTokenUser('s', bad), String(bad).slice(0, 40)).toBeUndefined();
    }
  });
});
