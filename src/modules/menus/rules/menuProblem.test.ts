import { describe, expect, it } from 'vitest';
import { validateMenuButtons } from './menu.js';
import { byteLength, describeMenuProblem, menuLocation } from './menuProblem.js';

/** The message the console shows for what menu/create would refuse. */
function messageFor(buttons: unknown): string {
  const check = validateMenuButtons(buttons);
  if (check.ok) throw new Error('expected a problem');
  return describeMenuProblem(check, buttons);
}

const click = (name: string, key = 'K') => ({ type: 'click', name, key });

describe('describeMenuProblem', () => {
  it('names the button and sub-button, what is wrong, and the errcode', () => {
    const buttons = [click('A'), { name: 'More', sub_button: [click('a'), click('b'), click('x'.repeat(61))] }];
    expect(messageFor(buttons)).toBe('Button 2 › Sub-button 3: name is longer than 60 bytes (40025)');
    expect(messageFor([click('一二三四五六')])).toBe('Button 1: name is longer than 16 bytes (40018)');
    expect(messageFor([click('')])).toBe('Button 1: name is required (40018)');
  });

  it('tells a missing field from a too long one', () => {
    expect(messageFor([{ type: 'click', name: 'A' }])).toBe('Button 1: key is required (40019)');
    expect(messageFor([click('A', 'k'.repeat(129))])).toBe('Button 1: key is longer than 128 bytes (40019)');
    expect(messageFor([{ type: 'view', name: 'A' }])).toBe('Button 1: URL is required (40020)');
    expect(messageFor([{ type: 'view', name: 'A', url: 'example.com' }])).toBe('Button 1: URL must be a full http:// or https:// link without spaces or credentials (40055)');
    expect(messageFor([{ name: 'M', sub_button: [{ type: 'view', name: 'a', url: `https://a.example/${'x'.repeat(1024)}` }] }])).toBe(
      'Button 1 › Sub-button 1: URL is longer than 1024 bytes (40027)',
    );
  });

  it('explains types, sizes and the other menu errcodes', () => {
    expect(messageFor([])).toBe('Menu: a menu has 1 to 3 buttons (40016)');
    expect(messageFor([click('a'), click('b'), click('c'), click('d')])).toBe('Menu: a menu has 1 to 3 buttons (40016)');
    expect(messageFor([{ name: 'A' }])).toBe('Button 1: choose what the button does (type) (40017)');
    expect(messageFor([{ name: 'A', type: 'teleport' }])).toBe('Button 1: “teleport” is not a menu button type (40017)');
    expect(messageFor([{ name: 'A', type: 'click', key: 'k', sub_button: [click('a')] }])).toBe('Button 1: a button that opens a sub-menu has no type of its own (40017)');
    expect(messageFor([{ name: 'A', sub_button: Array.from({ length: 6 }, (_, i) => click(`s${i}`)) }])).toBe('Button 1: a sub-menu holds 1 to 5 buttons (40023)');
    expect(messageFor([{ name: 'A', sub_button: [{ name: 'b', sub_button: [click('c')] }] }])).toBe('Button 1 › Sub-button 1: a sub-button cannot open a sub-menu of its own (40022)');
    expect(messageFor([{ type: 'miniprogram', name: 'A', url: 'https://a.example', appid: 'wx1', pagepath: 'p' }])).toContain('(40166)');
    expect(messageFor([{ type: 'miniprogram', name: 'A', url: 'https://a.example', appid: 'wx0123456789abcdef' }])).toBe('Button 1: Mini Program page path is required (41030)');
    expect(messageFor([{ type: 'media_id', name: 'A' }])).toBe('Button 1: media_id is required (40007)');
    expect(messageFor([{ type: 'article_id', name: 'A' }])).toBe('Button 1: article_id is required (53600)');
    expect(messageFor([{ name: 'A', sub_button: ['x'.repeat(3)] }])).toBe('Button 1 › Sub-button 1: the menu is not in the expected format (47001)');
    expect(messageFor([{ name: 5, type: 'click', key: 'k' }])).toBe('Button 1: name is not in the expected format (47001)');
    const domains = ['a', 'b', 'c', 'd'].map((d) => ({ type: 'view', name: d, url: `https://${d}.example/` }));
    expect(messageFor([domains[0], domains[1], { name: 'M', sub_button: [domains[2], domains[3]] }])).toBe(
      "Menu: the menu's links lead to more than 3 different domains (65316)",
    );
  });

  it('locates paths and counts bytes like WeChat', () => {
    expect(menuLocation('button')).toBe('Menu');
    expect(menuLocation('button.0.key')).toBe('Button 1');
    expect(menuLocation('button.2.sub_button.4.url')).toBe('Button 3 › Sub-button 5');
    expect(byteLength('菜单')).toBe(6);
    expect(byteLength('😀')).toBe(4);
  });
});
