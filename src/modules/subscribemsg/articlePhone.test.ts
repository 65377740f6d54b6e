/**
 * An article's subscribe block in the phone (PopupScene 2): the sheet the block opens, the
 * reader's answer recorded as consents with subscribe_msg_popup_event, the block's markup kept by
 * the article sanitizer and turned into the phone's link on the page, and hostile input. Both
 * databases.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { describeEachDb, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { accountWithToken, expectWxError, wxCall } from '../../../test/wxClient.js';
import { phoneUser } from '../../../test/phoneFixtures.js';
import { deliveries } from '../callbacks/schema.js';
import { sanitizeArticleHtml } from '../../protocol/articleHtml.js';
import { renderArticleBody } from '../../surfaces/reader/html.js';

describeEachDb('the article subscribe block in the phone', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterAll(async () => {
    await herald?.close();
  });

  async function ready(opts: Parameters<typeof accountWithToken>[1] = {}) {
    const a = await accountWithToken(herald, opts);
    const add = async (tid: number, kidList: number[]) => {
      const r = await wxCall(herald, 'POST', `/wxaapi/newtmpl/addtemplate?access_token=${encodeURIComponent(a.token)}`, { body: { tid: String(tid), kidList, sceneDesc: '文章订阅' } });
      expect(r.errcode, JSON.stringify(r)).toBe(0);
      return String(r.priTmplId);
    };
    return { ...a, add };
  }

  it('keeps the block in articles and turns it into the phone’s subscribe link', () => {
    const stored = sanitizeArticleHtml('<mp-subscribemsg data-template-ids="abc_1,def-2" data-title="订阅快递通知" onclick="x()"></mp-subscribemsg>');
    expect(stored).toBe('<mp-subscribemsg data-template-ids="abc_1,def-2" data-title="订阅快递通知"></mp-subscribemsg>');
    expect(renderArticleBody(stored)).toBe('<a class="mp-subscribe" href="/phone/article-subscribe?template=abc_1%2Cdef-2" rel="noopener noreferrer nofollow">订阅快递通知</a>');
    // Hostile ids are dropped from the link; no title gives WeChat's words.
    expect(renderArticleBody('<mp-subscribemsg data-template-ids="&quot;&gt;<script>,ok,javascript:alert(1)"></mp-subscribemsg>')).toBe(
      '<a class="mp-subscribe" href="/phone/article-subscribe?template=ok" rel="noopener noreferrer nofollow">订阅通知</a>',
    );
  });

  it('the sheet lists the block’s templates; the answer records consents with PopupScene 2; bizsend then succeeds', async () => {
    const a = await ready();
    const once1 = await a.add(3541, [1, 2]);
    const once2 = await a.add(1021, [1, 2]);
    const reader = await phoneUser(herald.app, 'Reader');
    const sheet = await reader.client.post('/article-subscribe/sheet', { appid: a.appid, template: `${once2}, ${once1}` });
    expect(sheet.json).toEqual({
      ok: true,
      account_name: a.account.name,
      templates: [expect.objectContaining({ template_id: once2, long_term: false }), expect.objectContaining({ template_id: once1, title: '快递签收通知', long_term: false })],
    });
    const answer = await reader.client.post('/article-subscribe', { appid: a.appid, answers: [{ template_id: once1, status: 'accept' }, { template_id: once2, status: 'reject' }] });
    expect([answer.status, answer.json]).toEqual([200, { answers: [{ template_id: once1, status: 'accept', long_term: false }, { template_id: once2, status: 'reject', long_term: false }] }]);
    const [popup] = await herald.services.db.select().from(deliveries).where(and(eq(deliveries.accountId, a.account.id), eq(deliveries.label, 'event:subscribe_msg_popup_event')));
    expect(popup.payloadXml).toContain(`<TemplateId><![CDATA[${once1}]]></TemplateId><SubscribeStatusString><![CDATA[accept]]></SubscribeStatusString><PopupScene>2</PopupScene>`);
    expect(popup.payloadXml).toContain(`<TemplateId><![CDATA[${once2}]]></TemplateId><SubscribeStatusString><![CDATA[reject]]></SubscribeStatusString><PopupScene>2</PopupScene>`);
    // The reader need not follow: the consent gave them an openid, and one notification goes out.
    const openid = /<FromUserName><!\[CDATA\[([^\]]+)\]\]><\/FromUserName>/.exec(popup.payloadXml)?.[1];
    const data = { character_string1: { value: 'SF1234567890123' }, phrase2: { value: '已签收' } };
    expect(await a.call('POST', 'message/subscribe/bizsend', { touser: openid, template_id: once1, data })).toMatchObject({ errcode: 0 });
    expectWxError(await a.call('POST', 'message/subscribe/bizsend', { touser: openid, template_id: once1, data }), 43101);
    expectWxError(await a.call('POST', 'message/subscribe/bizsend', { touser: openid, template_id: once2, data: { character_string1: { value: 'x' } } }), 43101);
  });

  it('the popup’s errors, accounts without subscribe notifications, and hostile bodies: no 500, nothing recorded', async () => {
    const a = await ready();
    const once = await a.add(3541, [1, 2]);
    const long = await a.add(7002, [1, 2]);
    const reader = await phoneUser(herald.app);
    const sheet = (template: string, appid = a.appid) => reader.client.post('/article-subscribe/sheet', { appid, template });
    expect((await sheet('')).json).toEqual({ ok: false, err_code: 10001, err_msg: "subscribe:fail TmplIds can't be empty" });
    expect((await sheet('a,b,c,d,e,f')).json).toMatchObject({ ok: false, err_code: 20003 });
    expect((await sheet(`${once},nope`)).json).toMatchObject({ ok: false, err_code: 20001 });
    expect((await sheet(`${once},${long}`)).json).toMatchObject({ ok: false, err_code: 20002 });
    expect((await sheet('<img src=x onerror=alert(1)>')).json).toMatchObject({ ok: false, err_code: 10004 });
    expect((await sheet(once, 'wx0000000000000000')).status).toBe(404);
    const other = await ready({ type: 'subscription', verified: true });
    expect((await sheet(once, other.appid)).json).toMatchObject({ ok: false, err_code: 20001 });
    for (const body of [
      '{"appid":',
      '[]',
      { appid: a.appid, template: 'x'.repeat(2001) },
      { appid: a.appid, template: 1 },
      { appid: a.appid, template: once, extra: 1 },
      { appid: { $ne: 1 }, template: once },
    ]) {
      const r = await reader.client.post('/article-subscribe/sheet', body);
      expect(r.status, `${JSON.stringify(body).slice(0, 60)} ${r.body.slice(0, 200)}`).toBe(400);
      expect(r.json.error?.code).toBeTypeOf('string');
    }
    for (const body of [
      '{"appid":',
      { appid: a.appid, answers: [] },
      { appid: a.appid, answers: [{ template_id: once, status: 'maybe' }] },
      { appid: a.appid, answers: [{ template_id: once, status: 'accept' }, { template_id: once, status: 'reject' }] },
      { appid: a.appid, answers: Array.from({ length: 6 }, (_, i) => ({ template_id: `t${i}`, status: 'accept' })) },
      { appid: a.appid, answers: [{ template_id: 'x'.repeat(129), status: 'accept' }] },
      { appid: a.appid, answers: [{ template_id: once, status: 'accept', scene: 1 }] },
    ]) {
      const r = await reader.client.post('/article-subscribe', body);
      expect(r.status, `${JSON.stringify(body).slice(0, 60)} ${r.body.slice(0, 200)}`).toBe(400);
    }
    expect((await reader.client.post('/article-subscribe', { appid: a.appid, answers: [{ template_id: 'nope', status: 'accept' }] })).status).toBe(404);
    expect((await reader.client.post('/article-subscribe', { appid: a.appid, answers: [{ template_id: once, status: 'accept' }, { template_id: long, status: 'accept' }] })).status).toBe(404);
    expect((await reader.client.post('/article-subscribe', { appid: other.appid, answers: [{ template_id: once, status: 'accept' }] })).status).toBe(404);
    expect(await herald.services.db.select().from(deliveries).where(and(eq(deliveries.accountId, a.account.id), eq(deliveries.label, 'event:subscribe_msg_popup_event')))).toEqual([]);
    // Without a phone token: 401.
    const anon = await herald.app.inject({ method: 'POST', url: '/phone/api/article-subscribe', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ appid: a.appid, answers: [{ template_id: once, status: 'accept' }] }) });
    expect(anon.statusCode).toBe(401);
  });
});
