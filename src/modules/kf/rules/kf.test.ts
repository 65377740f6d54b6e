import { describe, expect, it } from 'vitest';
import {
  INVITE_TTL_MS, canonicalKfAccount, charCount, checkRecordRange, inviteStatusAt, isOpenidShaped, isValidKfNickname, isValidWechatId, sniffAvatarType,
} from './kf.js';

describe('kf_account format', () => {
  it('accepts prefix@wechatid and keeps the stored WeChat id spelling', () => {
    expect(canonicalKfAccount('anna@shopwx', 'shopwx')).toBe('anna@shopwx');
    expect(canonicalKfAccount('A_1@SHOPWX', 'shopWx')).toBe('A_1@shopWx');
    expect(canonicalKfAccount('abcdefghij@shopwx', 'shopwx')).toBe('abcdefghij@shopwx');
  });

  it('refuses anything else', () => {
    for (const bad of [
      '', '@shopwx', 'anna', 'anna@', 'anna@other', 'abcdefghijk@shopwx', 'an-na@shopwx', 'an na@shopwx', 'anna@shopwx@shopwx',
      'ännä@shopwx', '../x@shopwx', "a'--@shopwx", 'anna@shopwx\u0000', ' anna@shopwx',
    ]) {
      expect(canonicalKfAccount(bad, 'shopwx'), bad).toBeUndefined();
    }
    expect(canonicalKfAccount(42, 'shopwx')).toBeUndefined();
    expect(canonicalKfAccount(null, 'shopwx')).toBeUndefined();
    expect(canonicalKfAccount({ toString: () => 'anna@shopwx' }, 'shopwx')).toBeUndefined();
    expect(canonicalKfAccount('anna@shopwx', null)).toBeUndefined();
    expect(canonicalKfAccount('anna@', '')).toBeUndefined();
  });
});

describe('nickname', () => {
  it('is 1–16 characters counted as a person counts them', () => {
    expect(isValidKfNickname('Anna')).toBe(true);
    expect(isValidKfNickname('客服小王')).toBe(true);
    expect(isValidKfNickname('😀'.repeat(16))).toBe(true);
    expect(charCount('😀'.repeat(16))).toBe(16);
    expect(isValidKfNickname('😀'.repeat(17))).toBe(false);
    expect(isValidKfNickname('x'.repeat(16))).toBe(true);
    expect(isValidKfNickname('x'.repeat(17))).toBe(false);
  });

  it('refuses blank, control characters and non-strings', () => {
    for (const bad of ['', '   ', 'a\u0000b', 'a\nb', 'a\u2028b', 5, null, undefined, ['a']]) expect(isValidKfNickname(bad), String(bad)).toBe(false);
  });
});

describe('WeChat ids and openids', () => {
  it('checks a personal WeChat id', () => {
    expect(isValidWechatId('kfwx_01')).toBe(true);
    expect(isValidWechatId('a-b_c9d')).toBe(true);
    for (const bad of ['kfwx', '1abcdef', 'a'.repeat(21), 'abc def', 'abcdéf', '', 7]) expect(isValidWechatId(bad), String(bad)).toBe(false);
  });

  it('checks the shape of an openid', () => {
    expect(isOpenidShaped('oAbc-_123')).toBe(true);
    for (const bad of ['', 'a b', 'x'.repeat(65), '../etc', "o'1", 12]) expect(isOpenidShaped(bad), String(bad)).toBe(false);
  });
});

describe('invitation state', () => {
  const now = Date.UTC(2025, 0, 10);
  it('shows a waiting invitation as expired once its 7 days pass', () => {
    const row = { inviteStatus: 'waiting', inviteExpiresAt: new Date(now + INVITE_TTL_MS) };
    expect(inviteStatusAt(row, now)).toBe('waiting');
    expect(inviteStatusAt(row, now + INVITE_TTL_MS - 1)).toBe('waiting');
    expect(inviteStatusAt(row, now + INVITE_TTL_MS)).toBe('expired');
  });
  it('keeps answered invitations and reports none without one', () => {
    expect(inviteStatusAt({ inviteStatus: 'rejected', inviteExpiresAt: null }, now)).toBe('rejected');
    expect(inviteStatusAt({ inviteStatus: 'accepted', inviteExpiresAt: null }, now)).toBe('accepted');
    expect(inviteStatusAt({ inviteStatus: null, inviteExpiresAt: null }, now)).toBeNull();
    expect(inviteStatusAt({ inviteStatus: 'bogus', inviteExpiresAt: null }, now)).toBeNull();
  });
});

describe('avatar type', () => {
  it('reads JPEG and PNG from the bytes, nothing else', () => {
    expect(sniffAvatarType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('jpg');
    expect(sniffAvatarType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('png');
    expect(sniffAvatarType(Buffer.from('GIF89a....'))).toBeUndefined();
    expect(sniffAvatarType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(sniffAvatarType(Buffer.from([0xff, 0xd8]))).toBeUndefined();
    expect(sniffAvatarType(Buffer.alloc(0))).toBeUndefined();
  });
});

describe('chat-history time range', () => {
  // 2025-01-10 00:00 in China (UTC+8).
  const dayStart = Date.UTC(2025, 0, 9, 16) / 1000;
  it('allows up to one China calendar day, the next midnight included', () => {
    expect(checkRecordRange(dayStart, dayStart + 3600)).toBe('ok');
    expect(checkRecordRange(dayStart, dayStart + 86400)).toBe('ok');
    expect(checkRecordRange(dayStart + 100, dayStart + 100)).toBe('ok');
  });
  it('refuses more than 24 hours or crossing midnight', () => {
    expect(checkRecordRange(dayStart, dayStart + 86401)).toBe('too_long');
    expect(checkRecordRange(dayStart + 80000, dayStart + 90000)).toBe('too_long');
    expect(checkRecordRange(dayStart - 1, dayStart + 1)).toBe('too_long');
  });
  it('refuses reversed, negative and impossible values', () => {
    expect(checkRecordRange(dayStart + 10, dayStart)).toBe('invalid');
    expect(checkRecordRange(-5, 10)).toBe('invalid');
    expect(checkRecordRange(1.5, 10)).toBe('invalid');
    expect(checkRecordRange(Number.MAX_SAFE_INTEGER + 2, Number.MAX_SAFE_INTEGER + 2)).toBe('invalid');
    expect(checkRecordRange(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)).toBe('invalid');
    expect(checkRecordRange(253_402_300_800, 253_402_300_800)).toBe('invalid');
  });
});
