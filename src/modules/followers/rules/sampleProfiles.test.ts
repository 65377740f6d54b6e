import { describe, expect, it } from 'vitest';
import { defaultNickname, sampleProfile, sampleProfiles, speaksChinese } from './sampleProfiles.js';

const HAN = /\p{Script=Han}/u;

describe('sample names and places for simulated users', () => {
  it('are Chinese when the language is Chinese, English otherwise', () => {
    for (const lang of ['zh_CN', 'zh_TW', 'zh_HK', 'zh-CN', 'zh']) expect(speaksChinese(lang), lang).toBe(true);
    for (const lang of ['en', 'en-US', 'fr', '', 'zhx', 'xzh_CN']) expect(speaksChinese(lang), lang).toBe(false);
    for (const p of sampleProfiles('zh_CN')) for (const v of Object.values(p)) expect(v).toMatch(HAN);
    for (const p of sampleProfiles('en')) for (const v of Object.values(p)) expect(v).not.toMatch(HAN);
  });

  it('pick one by a random number, whatever the number', () => {
    expect(sampleProfile('zh-CN', 0).nickname).toBe('李雷');
    expect(sampleProfile('en', 0).nickname).toBe('Emma Brown');
    for (const r of [0.5, 0.9999, 1, 7, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(sampleProfiles('zh_CN')).toContain(sampleProfile('zh_CN', r));
      expect(sampleProfiles('en')).toContain(sampleProfile('en', r));
    }
  });

  it('name a user created without a nickname in its language', () => {
    expect(defaultNickname('zh_CN', 0)).toBe('用户1000');
    expect(defaultNickname('en', 0.5)).toBe('User 5500');
    for (const r of [1, 2, -3, Number.NaN]) expect(defaultNickname('en', r)).toMatch(/^User \d{4}$/);
  });
});
