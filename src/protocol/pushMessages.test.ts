import { describe, expect, it } from 'vitest';
import { newMsgId, subscribeEvent, textMessage, unsubscribeEvent } from './pushMessages.js';
import { parseXml } from './xml.js';

const env = { originalId: 'gh_0123456789ab', openid: 'oABC', createTime: 1700000000 };

describe('push builders', () => {
  it('builds a text message as WeChat does', () => {
    const m = textMessage(env, { content: 'hello & <you>', msgId: '8000000000000000001' });
    expect(m).toMatchObject({ kind: 'message', label: 'text', msgId: '8000000000000000001' });
    expect(m.xml).toBe(
      '<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName>\n<FromUserName><![CDATA[oABC]]></FromUserName>\n' +
        '<CreateTime>1700000000</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[hello & <you>]]></Content>\n' +
        '<MsgId>8000000000000000001</MsgId>\n</xml>',
    );
    expect(parseXml(m.xml).fields.Content).toBe('hello & <you>');
  });

  it('builds subscribe events, with the QR scene when given', () => {
    const plain = subscribeEvent(env);
    expect(plain).toMatchObject({ kind: 'event', label: 'event:subscribe', msgId: null });
    expect(parseXml(plain.xml).fields).toEqual({ ToUserName: env.originalId, FromUserName: 'oABC', CreateTime: '1700000000', MsgType: 'event', Event: 'subscribe' });
    const qr = subscribeEvent(env, { eventKey: 'qrscene_123', ticket: 'TICKET' });
    expect(parseXml(qr.xml).fields).toMatchObject({ Event: 'subscribe', EventKey: 'qrscene_123', Ticket: 'TICKET' });
  });

  it('builds unsubscribe events', () => {
    const m = unsubscribeEvent(env);
    expect(m.label).toBe('event:unsubscribe');
    expect(parseXml(m.xml).fields).toMatchObject({ MsgType: 'event', Event: 'unsubscribe' });
  });

  it('mints unique 64-bit MsgIds beyond 2^53 and below 2^63', () => {
    const now = Date.now();
    const ids = new Set<string>();
    for (let i = 0; i < 50_000; i++) ids.add(newMsgId(now));
    expect(ids.size).toBe(50_000);
    for (const id of [...ids].slice(0, 100)) {
      expect(id).toMatch(/^\d{17,19}$/);
      expect(BigInt(id) > 2n ** 53n).toBe(true);
      expect(BigInt(id) < 2n ** 63n).toBe(true);
    }
    // Grows with time, and stays in range for a far-future (time-travelled) clock.
    expect(BigInt(newMsgId(now + 1000)) > BigInt(newMsgId(now))).toBe(true);
    expect(BigInt(newMsgId(now + 50 * 365 * 86_400_000)) < 2n ** 63n).toBe(true);
  });
});
