import { describe, expect, it } from 'vitest';
import { invalidValueErrmsg, typeOfKey, valueFits } from './typedValues.js';
import { buildCard, parseTemplateSend } from './templateMessage.js';
import { TEMPLATE_LIBRARY } from './library.js';
import { INDUSTRIES, parseIndustryId } from './industries.js';

describe('typed template values (2023 category templates)', () => {
  it('a key\'s type is its name without the number; historical keys have none', () => {
    expect(typeOfKey('thing1')).toBe('thing');
    expect(typeOfKey('character_string21')).toBe('character_string');
    expect(typeOfKey('phone_number4')).toBe('phone_number');
    expect(typeOfKey('keyword1')).toBeUndefined();
    expect(typeOfKey('first')).toBeUndefined();
    expect(typeOfKey('constructor1')).toBeUndefined();
  });

  it.each([
    ['thing1', '一'.repeat(20), true], ['thing1', '一'.repeat(21), false], ['thing1', '', false],
    ['number2', '3.1415', true], ['number2', '1'.repeat(33), false], ['number2', '12a', false],
    ['letter3', 'abcXYZ', true], ['letter3', 'ab1', false],
    ['symbol4', '%$#', true], ['symbol4', '%%%%%%', false],
    ['character_string5', 'SO-2023_0518#1', true], ['character_string5', '订单1', false], ['character_string5', 'a b', false],
    ['time6', '15:01', true], ['time6', '2019-10-01 15:01', true], ['time6', '2019年10月1日 15:01', true], ['time6', '15:01 ~ 16:30', true], ['time6', '24:00', false], ['time6', '下午三点', false],
    ['date7', '2019-10-01', true], ['date7', '2019年10月1日', true], ['date7', '2019-10-01 ~ 2019-10-07', true], ['date7', '10月1日', false],
    ['amount8', '¥99.00', true], ['amount8', '￥1,000', false], ['amount8', '$1234567890', true], ['amount8', '¥100元', true], ['amount8', '100元', false], ['amount8', '¥12345678901', false],
    ['phone_number9', '+86-021-12345678', true], ['phone_number9', '1'.repeat(18), false],
    ['car_number10', '沪A12345', true], ['car_number10', '粤B1234学', true], ['car_number10', '沪A123456789', false],
    ['name11', '张三', true], ['name11', 'Zhang San', true], ['name11', '张'.repeat(11), false], ['name11', 'x'.repeat(21), false],
    ['phrase12', '已签收', true], ['phrase12', '已经签收了啊', false], ['phrase12', 'done', false],
    ['const13', '已发货', true], ['const13', 'x'.repeat(21), false],
    ['keyword1', 'anything at all, long or 中文', true],
  ])('%s = %j fits: %s', (key, value, fits) => {
    expect(valueFits(key, value)).toBe(fits);
  });

  it('the refusal text names the key as WeChat does', () => {
    expect(invalidValueErrmsg('character_string21')).toBe('argument invalid! data.character_string21.value invalid');
  });
});

describe('the send body and the card', () => {
  it('drops first and remark, ignores unknown keys, keeps the template\'s order, cuts long values', () => {
    const tm = TEMPLATE_LIBRARY.find((t) => t.id === 'TM00015')!;
    const parsed = parseTemplateSend({ touser: 'o1', template_id: 't', data: { remark: { value: 'r' }, orderProductName: { value: 'x'.repeat(300) }, first: { value: 'f' }, zzz: { value: 'z' } } });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const card = buildCard(tm.keywords, parsed.value.data);
    expect(card).toEqual({ ok: true, value: [
      { key: 'orderMoneySum', name: '支付金额', value: '', color: null },
      { key: 'orderProductName', name: '商品信息', value: 'x'.repeat(200), color: null },
    ] });
  });

  it('refuses shapes WeChat refuses', () => {
    expect(parseTemplateSend(null)).toMatchObject({ ok: false, errcode: 47001 });
    expect(parseTemplateSend({ touser: 1 })).toMatchObject({ ok: false, errcode: 40003 });
    expect(parseTemplateSend({ touser: 'o', template_id: 't', data: { k: 'v' } })).toMatchObject({ ok: false, errcode: 47003, errmsg: 'argument invalid! data.k.value invalid' });
    expect(parseTemplateSend({ touser: 'o', template_id: 't', data: { k: { value: 'v', color: 'red; x' } } })).toMatchObject({ ok: true, value: { data: { k: { value: 'v', color: null } } } });
  });

  it('the library: unique ids, every category key typed, every industry known', () => {
    expect(new Set(TEMPLATE_LIBRARY.map((t) => t.id)).size).toBe(TEMPLATE_LIBRARY.length);
    for (const t of TEMPLATE_LIBRARY) {
      expect(INDUSTRIES[t.industryId - 1]).toBeDefined();
      for (const k of t.keywords) {
        if (t.kind === 'category') expect(typeOfKey(k.key), `${t.id} ${k.key}`).toBeDefined();
        expect(valueFits(k.key, k.example), `${t.id} ${k.key} example ${k.example}`).toBe(true);
      }
    }
    expect(parseIndustryId('41')).toBe(41);
    expect(parseIndustryId(' 7 ')).toBe(7);
    expect(parseIndustryId('042')).toBeUndefined();
    expect(parseIndustryId(true)).toBeUndefined();
  });
});
