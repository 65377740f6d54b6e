import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password.js';

describe('password hashing', () => {
  it('hashes with scrypt parameters and a salt, and verifies', async () => {
    const h = await hashPassword('correct horse battery');
    expect(h).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('correct horse battery', h)).toBe(true);
    expect(await verifyPassword('correct horse batterY', h)).toBe(false);
    expect(await verifyPassword('', h)).toBe(false);
  });

  it('salts: the same password hashes differently each time', async () => {
    const [a, b] = await Promise.all([hashPassword('same-password'), hashPassword('same-password')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same-password', a)).toBe(true);
    expect(await verifyPassword('same-password', b)).toBe(true);
  });

  it('treats unicode by its normalized form', async () => {
    const h = await hashPassword('pässwörd-ünïcode');
    expect(await verifyPassword('pa\u0308sswo\u0308rd-u\u0308ni\u0308code', h)).toBe(true);
  });

  it('never matches (and never throws on) malformed or hostile stored hashes', async () => {
    const good = await hashPassword('password1');
    const parts = good.split('$');
    const bad = [
      '',
      'plain',
      'bcrypt$10$abc',
      parts.slice(0, 5).join('$'),
      ['scrypt', '0', '8', '1', parts[4], parts[5]].join('$'),
      ['scrypt', '1000', '8', '1', parts[4], parts[5]].join('$'), // not a power of two
      ['scrypt', String(1 << 24), '8', '1', parts[4], parts[5]].join('$'), // would need gigabytes
      ['scrypt', '16384', '99', '1', parts[4], parts[5]].join('$'),
      ['scrypt', '16384', '8', '1', '', parts[5]].join('$'),
      ['scrypt', '16384', '8', '1', parts[4], 'AA=='].join('$'),
      ['scrypt', '16384', '8', '1e3', parts[4], parts[5]].join('$'),
    ];
    for (const b of bad) expect(await verifyPassword('password1', b)).toBe(false);
  });

  it('refuses oversized passwords without hashing them', async () => {
    const h = await hashPassword('password1');
    expect(await verifyPassword('x'.repeat(1_000_000), h)).toBe(false);
  });
});
