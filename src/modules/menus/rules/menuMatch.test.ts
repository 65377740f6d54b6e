import { describe, expect, it } from 'vitest';
import { pickConditionalMenu, ruleMatches, validateMatchRule } from './menuMatch.js';

describe('validateMatchRule', () => {
  it('keeps tag_id and client_platform_type as decimal strings', () => {
    expect(validateMatchRule({ tag_id: '2' })).toEqual({ ok: true, rule: { tag_id: '2' } });
    expect(validateMatchRule({ tag_id: 101, client_platform_type: 1 })).toEqual({ ok: true, rule: { tag_id: '101', client_platform_type: '1' } });
    expect(validateMatchRule({ client_platform_type: '3', sex: '', country: '', province: '', city: '', language: '' })).toEqual({
      ok: true,
      rule: { client_platform_type: '3' },
    });
  });

  it('accepts the legacy group_id as the tag condition; tag_id wins when both are set', () => {
    expect(validateMatchRule({ group_id: '100' })).toEqual({ ok: true, rule: { tag_id: '100' } });
    expect(validateMatchRule({ group_id: '100', tag_id: '2' })).toEqual({ ok: true, rule: { tag_id: '2' } });
  });

  it('65304 when no condition is set', () => {
    for (const input of [undefined, null, {}, { tag_id: '' }, { tag_id: '', client_platform_type: '' }, { unknown_field: 'x' }]) {
      expect(validateMatchRule(input), JSON.stringify(input)).toMatchObject({ ok: false, errcode: 65304 });
    }
  });

  it('65320 for conditions on sex, region or language', () => {
    expect(validateMatchRule({ tag_id: '2', sex: '1' })).toEqual({ ok: false, errcode: 65320, at: 'matchrule.sex' });
    expect(validateMatchRule({ country: '中国' })).toMatchObject({ errcode: 65320, at: 'matchrule.country' });
    expect(validateMatchRule({ province: '广东' })).toMatchObject({ errcode: 65320 });
    expect(validateMatchRule({ city: '广州' })).toMatchObject({ errcode: 65320 });
    expect(validateMatchRule({ language: 'zh_CN' })).toMatchObject({ errcode: 65320 });
    expect(validateMatchRule({ sex: 2 })).toMatchObject({ errcode: 65320 });
  });

  it('45159 for a tag id that is not a number; 40035 for an unknown platform', () => {
    expect(validateMatchRule({ tag_id: 'abc' })).toEqual({ ok: false, errcode: 45159, at: 'matchrule.tag_id' });
    expect(validateMatchRule({ tag_id: '-1' })).toMatchObject({ errcode: 45159 });
    expect(validateMatchRule({ tag_id: '1'.repeat(40) })).toMatchObject({ errcode: 45159 });
    expect(validateMatchRule({ client_platform_type: '4' })).toEqual({ ok: false, errcode: 40035, at: 'matchrule.client_platform_type' });
    expect(validateMatchRule({ client_platform_type: 0 })).toMatchObject({ errcode: 40035 });
  });

  it('47001 for values of the wrong JSON type', () => {
    for (const input of ['rule', 3, [], [{ tag_id: '2' }], { tag_id: { id: 2 } }, { tag_id: ['2'] }, { sex: true }, { client_platform_type: [] }, { tag_id: Infinity }]) {
      expect(validateMatchRule(input), JSON.stringify(input)).toMatchObject({ ok: false, errcode: 47001 });
    }
  });
});

describe('ruleMatches / pickConditionalMenu', () => {
  const menus = [
    { id: 'newest', matchrule: { tag_id: '101' } },
    { id: 'ios-star', matchrule: { tag_id: '2', client_platform_type: '1' } },
    { id: 'star', matchrule: { tag_id: '2' } },
    { id: 'android', matchrule: { client_platform_type: '2' } },
  ];

  it('matches every condition of a rule', () => {
    expect(ruleMatches({ tag_id: '2' }, { tagIds: [2, 100] })).toBe(true);
    expect(ruleMatches({ tag_id: '2' }, { tagIds: [100] })).toBe(false);
    expect(ruleMatches({ tag_id: '2', client_platform_type: '1' }, { tagIds: [2] })).toBe(false);
    expect(ruleMatches({ tag_id: '2', client_platform_type: '1' }, { tagIds: [2], clientPlatformType: 1 })).toBe(true);
    expect(ruleMatches({}, { tagIds: [2] })).toBe(false);
  });

  it('picks the newest matching menu, or none for the default menu', () => {
    expect(pickConditionalMenu(menus, { tagIds: [2, 101] })?.id).toBe('newest');
    expect(pickConditionalMenu(menus, { tagIds: [2] })?.id).toBe('star');
    expect(pickConditionalMenu(menus, { tagIds: [2], clientPlatformType: 1 })?.id).toBe('ios-star');
    expect(pickConditionalMenu(menus, { tagIds: [], clientPlatformType: 2 })?.id).toBe('android');
    expect(pickConditionalMenu(menus, { tagIds: [100] })).toBeUndefined();
    expect(pickConditionalMenu([], { tagIds: [2] })).toBeUndefined();
  });
});
