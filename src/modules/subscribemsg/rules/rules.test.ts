import { describe, expect, it } from 'vitest';
import { valueFits } from '../../templates/rules/typedValues.js';
import { PUBLIC_TEMPLATES, SUBSCRIBE_CATEGORIES, keywordKey, subscribeCategory, subscribeContent } from './library.js';
import { formBody, parseAddTemplate, parseBizsend, parseTitlesQuery, subscribeCard } from './requests.js';
import { legacyRedirect, parseLegacyPage } from './legacyPage.js';
import { changeEvent, popupEvent, sentEvent } from './events.js';
import { ALL_CATEGORY_IDS, changesLeft, parseCategoryChoice } from './categories.js';

describe('the public library of subscribe templates', () => {
  it('unique tids; every category known; long-term only where the category allows; examples fit their rules', () => {
    expect(new Set(PUBLIC_TEMPLATES.map((t) => t.tid)).size).toBe(PUBLIC_TEMPLATES.length);
    expect(new Set(SUBSCRIBE_CATEGORIES.map((c) => c.id)).size).toBe(SUBSCRIBE_CATEGORIES.length);
    for (const t of PUBLIC_TEMPLATES) {
      const c = subscribeCategory(t.categoryId);
      expect(c, `${t.tid}`).toBeDefined();
      if (t.type === 3) expect(c!.longTerm, `${t.tid} is long-term`).toBe(true);
      expect(t.keywords.length).toBeGreaterThanOrEqual(2);
      expect(new Set(t.keywords.map((k) => k.kid)).size).toBe(t.keywords.length);
      for (const k of t.keywords) expect(valueFits(keywordKey(k), k.example), `${t.tid} ${k.name} ${k.example}`).toBe(true);
    }
    // Every typed rule appears somewhere in the library.
    const rules = new Set(PUBLIC_TEMPLATES.flatMap((t) => t.keywords.map((k) => k.rule)));
    for (const r of ['thing', 'number', 'character_string', 'time', 'date', 'amount', 'phone_number', 'car_number', 'name', 'phrase']) expect(rules, r).toContain(r);
  });

  it('content lists the chosen keywords in order, each line ending in a newline', () => {
    const t = PUBLIC_TEMPLATES.find((x) => x.tid === 6801)!;
    expect(subscribeContent([t.keywords[1], t.keywords[0]])).toBe('缴费金额:{{amount2.DATA}}\n车牌号:{{car_number1.DATA}}\n');
  });
});

describe('request checks', () => {
  it('titles query', () => {
    expect(parseTitlesQuery({ ids: '2, 616,2', start: '0', limit: '30' })).toEqual({ ok: true, value: { categoryIds: [2, 616], start: 0, limit: 30 } });
    expect(parseTitlesQuery({ start: '0', limit: '1' })).toMatchObject({ errcode: 200018 });
    expect(parseTitlesQuery({ ids: '2,x', start: '0', limit: '1' })).toMatchObject({ errcode: 200019 });
    expect(parseTitlesQuery({ ids: Array(51).fill('2').join(','), start: '0', limit: '1' })).toMatchObject({ errcode: 200019 });
    expect(parseTitlesQuery({ ids: '2', start: '1.5', limit: '1' })).toMatchObject({ errcode: 200016 });
    expect(parseTitlesQuery({ ids: '2', start: '0' })).toMatchObject({ errcode: 200017 });
  });

  it('addtemplate and its form body', () => {
    expect(formBody('tid=401&kidList=1&kidList=2&sceneDesc=%E6%B5%8B')).toEqual({ tid: '401', kidList: ['1', '2'], sceneDesc: '测' });
    expect(formBody('kidList[0]=3&kidList[1]=1&tid=9')).toEqual({ tid: '9', kidList: ['3', '1'] });
    expect(formBody('{"tid":1}')).toBeUndefined();
    const ok = parseAddTemplate({ tid: '3541', kidList: ['3', 1] });
    expect(ok).toMatchObject({ ok: true, value: { sceneDesc: '', keywords: [{ kid: 3 }, { kid: 1 }] } });
    expect(parseAddTemplate({ tid: 3541, kidList: [1, 2, 3, 4, 5, 6] })).toMatchObject({ errcode: 200020 });
    expect(parseAddTemplate({ tid: 3541, kidList: [1, 2], sceneDesc: '\ud83d\ude00'.repeat(15) })).toMatchObject({ ok: true });
    expect(parseAddTemplate({ tid: 3541, kidList: [1, 2], sceneDesc: '\ud83d\ude00'.repeat(16) })).toMatchObject({ errcode: 200021 });
  });

  it('bizsend body and card', () => {
    const t = PUBLIC_TEMPLATES.find((x) => x.tid === 5121)!;
    const parsed = parseBizsend({ touser: 'o1', template_id: 'p', url: 'https://a.example/', data: { amount2: { value: '¥1.00' }, zz: { value: 'ignored' } } });
    expect(parsed).toMatchObject({ ok: true, value: { page: 'https://a.example/' } });
    if (!parsed.ok) return;
    expect(subscribeCard(t.keywords, parsed.value.data)).toMatchObject({ ok: true, value: [{ key: 'character_string1', value: '' }, { key: 'amount2', value: '¥1.00' }, { key: 'thing3', value: '' }, { key: 'time4', value: '' }] });
    expect(subscribeCard(t.keywords, { thing3: { value: '一'.repeat(21), color: null } })).toMatchObject({ ok: false, errcode: 47003, errmsg: 'argument invalid! data.thing3.value invalid' });
    expect(parseBizsend({ touser: 'o', template_id: 'p', miniprogram: { appid: 'x', pagepath: '' } })).toMatchObject({ errcode: 40166 });
  });

  it('the legacy page\'s query and redirect', () => {
    const q = { action: 'get_confirm', appid: 'wx0123456789abcdef', scene: '1000', template_id: 'tpl_1', redirect_url: 'https://example.com/x?a=1', reserved: 'r' };
    expect(parseLegacyPage(q)).toEqual({ ok: true, value: { appid: q.appid, scene: 1000, templateId: 'tpl_1', redirectUrl: q.redirect_url, reserved: 'r' } });
    expect(parseLegacyPage({ ...q, action: 'x' })).toEqual({ ok: false, problem: 'action' });
    expect(parseLegacyPage({ ...q, scene: '10001' })).toEqual({ ok: false, problem: 'scene' });
    expect(parseLegacyPage({ ...q, redirect_url: 'javascript:alert(1)' })).toEqual({ ok: false, problem: 'redirect_url' });
    expect(parseLegacyPage({ ...q, redirect_url: 'https://u:p@example.com/' })).toEqual({ ok: false, problem: 'redirect_url' });
    expect(parseLegacyPage({ ...q, template_id: '<b>' })).toEqual({ ok: false, problem: 'template_id' });
    expect(legacyRedirect(q.redirect_url, { openid: 'o1', templateId: 'tpl_1', action: 'confirm', scene: 1000, reserved: 'r&x' })).toBe('https://example.com/x?a=1&openid=o1&template_id=tpl_1&action=confirm&scene=1000&reserved=r%26x');
  });
});

describe('the events', () => {
  const base = { toUser: 'gh_1', openid: 'o1', createTime: 1_700_000_000 };
  it('popup, change and sent events as WeChat builds them', () => {
    const popup = popupEvent(base, 1, [{ templateId: 'a', status: 'accept' }, { templateId: 'b', status: 'reject' }]);
    expect(popup.label).toBe('event:subscribe_msg_popup_event');
    expect(popup.xml).toContain('<Event><![CDATA[subscribe_msg_popup_event]]></Event>');
    expect(popup.xml).toContain('<SubscribeMsgPopupEvent><List><TemplateId><![CDATA[a]]></TemplateId><SubscribeStatusString><![CDATA[accept]]></SubscribeStatusString><PopupScene>1</PopupScene></List><List><TemplateId><![CDATA[b]]></TemplateId><SubscribeStatusString><![CDATA[reject]]></SubscribeStatusString><PopupScene>1</PopupScene></List></SubscribeMsgPopupEvent>');
    expect(changeEvent(base, ['a']).xml).toContain('<SubscribeMsgChangeEvent><List><TemplateId><![CDATA[a]]></TemplateId><SubscribeStatusString><![CDATA[reject]]></SubscribeStatusString></List></SubscribeMsgChangeEvent>');
    expect(sentEvent(base, { templateId: 'a', msgid: 1700827132819554304n, errorCode: 0, errorStatus: 'success' }).xml).toContain('<MsgID>1700827132819554304</MsgID><ErrorCode>0</ErrorCode><ErrorStatus><![CDATA[success]]></ErrorStatus>');
  });
});

describe('service categories (服务类目)', () => {
  it('1 to 5 different known categories; 5 changes a month, counted per China month', () => {
    expect(ALL_CATEGORY_IDS).toEqual(SUBSCRIBE_CATEGORIES.map((c) => c.id));
    expect(parseCategoryChoice([367, 616])).toEqual({ ok: true, ids: [367, 616] });
    expect(parseCategoryChoice([])).toMatchObject({ ok: false });
    expect(parseCategoryChoice([367, 367])).toMatchObject({ ok: false, reason: 'A category appears twice.' });
    expect(parseCategoryChoice([1])).toMatchObject({ ok: false, reason: 'No service category has the id 1.' });
    expect(parseCategoryChoice([2, 367, 410, 616, 688, 680])).toMatchObject({ ok: false });
    expect(changesLeft(undefined, '2026-12')).toBe(5);
    expect(changesLeft({ month: '2026-12', changes: 3 }, '2026-12')).toBe(2);
    expect(changesLeft({ month: '2026-11', changes: 5 }, '2026-12')).toBe(5);
    expect(changesLeft({ month: '2026-12', changes: 9 }, '2026-12')).toBe(0);
  });
});
