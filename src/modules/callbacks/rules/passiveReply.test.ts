import { describe, expect, it } from 'vitest';
import { encrypt, msgSignature } from '../../../protocol/crypto.js';
import { buildXml, type XmlFields } from '../../../protocol/xml.js';
import { createTimeSeconds, interpretReply, type ReplyContext } from './passiveReply.js';

const ctx: ReplyContext = {
  openid: 'oUSER000000000000000000000001',
  originalId: 'gh_0123456789ab',
  appid: 'wx0123456789abcdef',
  token: 'tok123',
  encodingAesKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR',
  mode: 'plaintext',
  replyingTo: 'message',
};

const head = (msgType: string, extra: Partial<XmlFields> = {}): XmlFields => ({
  ToUserName: ctx.openid,
  FromUserName: ctx.originalId,
  CreateTime: 1700000000,
  MsgType: msgType,
  ...extra,
});

function envelope(inner: string, opts: { token?: string; appid?: string; timestamp?: string; nonce?: string } = {}): string {
  const enc = encrypt(ctx.encodingAesKey!, opts.appid ?? ctx.appid, inner);
  const timestamp = opts.timestamp ?? '1700000000123';
  const nonce = opts.nonce ?? '987654321';
  return buildXml({ Encrypt: enc, MsgSignature: msgSignature(opts.token ?? ctx.token, timestamp, nonce, enc), TimeStamp: BigInt(timestamp), Nonce: nonce });
}

const invalidReason = (body: string, c: ReplyContext = ctx): string => {
  const r = interpretReply(body, c);
  if (r.status !== 'invalid') throw new Error(`expected invalid, got ${JSON.stringify(r)}`);
  return r.error;
};

describe('interpretReply', () => {
  it.each([[''], ['success'], ['  success\n'], ['\uFEFFsuccess'], ['   ']])('treats %j as no reply', (body) => {
    expect(interpretReply(body, ctx)).toEqual({ status: 'none' });
  });

  it('parses a plain text reply', () => {
    const r = interpretReply(buildXml({ ...head('text'), Content: '你好 <b>' }), ctx);
    expect(r).toEqual({
      status: 'valid',
      reply: { msgType: 'text', content: '你好 <b>', toUserName: ctx.openid, fromUserName: ctx.originalId, createTime: 1700000000, encrypted: false },
    });
  });

  it('accepts CreateTime in milliseconds (node-webot) and converts it', () => {
    const r = interpretReply(buildXml({ ...head('text', { CreateTime: 1700000000123 }), Content: 'x' }), ctx);
    expect(r.status === 'valid' && r.reply.createTime).toBe(1700000000);
    expect(createTimeSeconds('1700000000')).toBe(1700000000);
    expect(createTimeSeconds('1700000000999')).toBe(1700000000);
    expect(createTimeSeconds('-1')).toBeUndefined();
    expect(createTimeSeconds('12345678901234')).toBeUndefined();
    expect(createTimeSeconds('abc')).toBeUndefined();
  });

  it('parses every reply type', () => {
    const cases: Array<[XmlFields, Record<string, unknown>]> = [
      [{ ...head('image'), Image: { MediaId: 'm1' } }, { msgType: 'image', mediaId: 'm1' }],
      [{ ...head('voice'), Voice: { MediaId: 'm2' } }, { msgType: 'voice', mediaId: 'm2' }],
      [{ ...head('video'), Video: { MediaId: 'm3', Title: 't', Description: 'd' } }, { msgType: 'video', mediaId: 'm3', title: 't', description: 'd' }],
      [
        { ...head('music'), Music: { Title: 't', Description: 'd', MusicUrl: 'http://a/1.mp3', HQMusicUrl: 'http://a/2.mp3', ThumbMediaId: 'th' } },
        { msgType: 'music', title: 't', description: 'd', musicUrl: 'http://a/1.mp3', hqMusicUrl: 'http://a/2.mp3', thumbMediaId: 'th' },
      ],
      [
        { ...head('news'), ArticleCount: 1, Articles: { item: { Title: 'T', Description: 'D', PicUrl: 'http://p', Url: 'http://u' } } },
        { msgType: 'news', articles: [{ title: 'T', description: 'D', picUrl: 'http://p', url: 'http://u' }] },
      ],
      [{ ...head('transfer_customer_service') }, { msgType: 'transfer_customer_service', kfAccount: null }],
      [{ ...head('transfer_customer_service'), TransInfo: { KfAccount: 'kf1@x' } }, { msgType: 'transfer_customer_service', kfAccount: 'kf1@x' }],
    ];
    for (const [fields, expected] of cases) {
      const r = interpretReply(buildXml(fields), ctx);
      expect(r.status, JSON.stringify(r)).toBe('valid');
      if (r.status === 'valid') expect(r.reply).toMatchObject(expected);
    }
  });

  it('allows up to 8 articles when replying to an event, only 1 when replying to a message', () => {
    const items = Array.from({ length: 8 }, (_, i) => ({ Title: `T${i}`, Url: `http://u/${i}` }));
    const body = buildXml({ ...head('news'), ArticleCount: 8, Articles: { item: items } });
    const r = interpretReply(body, { ...ctx, replyingTo: 'event' });
    expect(r.status === 'valid' && r.reply.msgType === 'news' && r.reply.articles.length).toBe(8);
    expect(invalidReason(body)).toMatch(/only 1 article/);
    const nine = buildXml({ ...head('news'), ArticleCount: 9, Articles: { item: [...items, { Title: 'x' }] } });
    expect(invalidReason(nine, { ...ctx, replyingTo: 'event' })).toMatch(/1 to 8/);
    expect(invalidReason(buildXml({ ...head('news'), ArticleCount: 0, Articles: {} }), { ...ctx, replyingTo: 'event' })).toMatch(/1 to 8/);
    expect(invalidReason(buildXml({ ...head('news'), ArticleCount: 2, Articles: { item: items.slice(0, 1) } }), { ...ctx, replyingTo: 'event' })).toMatch(
      /holds 1 <item>/,
    );
    expect(invalidReason(buildXml({ ...head('news'), ArticleCount: 1, Articles: { item: { Url: 'u' } } }))).toMatch(/needs a Title/);
    expect(invalidReason(buildXml({ ...head('news'), ArticleCount: 'many' }))).toMatch(/ArticleCount/);
  });

  it('checks the addresses', () => {
    expect(invalidReason(buildXml({ ...head('text'), ToUserName: 'someoneelse', Content: 'x' }))).toMatch(/ToUserName must be the user's openid/);
    expect(invalidReason(buildXml({ ...head('text'), FromUserName: 'gh_other', Content: 'x' }))).toMatch(/FromUserName must be the account's original id/);
    // Swapped addresses, the classic mistake.
    expect(invalidReason(buildXml({ ...head('text'), ToUserName: ctx.originalId, FromUserName: ctx.openid, Content: 'x' }))).toMatch(/ToUserName/);
    expect(invalidReason(buildXml({ FromUserName: ctx.originalId, CreateTime: 1, MsgType: 'text', Content: 'x' }))).toMatch(/ToUserName is missing/);
  });

  it('explains missing or wrong fields', () => {
    expect(invalidReason(buildXml({ ...head('text') }))).toMatch(/non-empty Content/);
    expect(invalidReason(buildXml({ ...head('image') }))).toMatch(/<Image><MediaId>/);
    expect(invalidReason(buildXml({ ...head('voice'), Voice: { MediaId: '' } }))).toMatch(/<Voice><MediaId>/);
    expect(invalidReason(buildXml({ ...head('video'), Video: { Title: 't' } }))).toMatch(/<Video><MediaId>/);
    expect(invalidReason(buildXml({ ...head('music'), Music: { Title: 't' } }))).toMatch(/ThumbMediaId/);
    expect(invalidReason(buildXml({ ...head('music') }))).toMatch(/<Music>/);
    expect(invalidReason(buildXml({ ...head('location'), Content: 'x' }))).toMatch(/not a passive reply type/);
    expect(invalidReason(buildXml({ ...head('text'), MsgType: undefined, Content: 'x' }))).toMatch(/MsgType is missing/);
    expect(invalidReason(buildXml({ ...head('text', { CreateTime: 'yesterday' }), Content: 'x' }))).toMatch(/CreateTime/);
  });

  it.each([
    ['JSON', '{"touser":"x","msgtype":"text"}', /looks like JSON/],
    ['a JSON array', '[1,2]', /looks like JSON/],
    ['plain words', 'hello there', /not valid XML/],
    ['HTML', '<html><body>error</body></html>', /root element is <html>/],
    ['broken XML', '<xml><Content>x</xml>', /not valid XML/],
    ['a billion laughs', '<!DOCTYPE x [<!ENTITY a "aaaa">]><xml><Content>&a;</Content></xml>', /not valid XML: DOCTYPE/],
    ['deep nesting', `<xml>${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</xml>`, /nested/],
    ['a huge body', `<xml><Content>${'x'.repeat(300_000)}</Content></xml>`, /bytes/],
  ])('rejects %s with a clear reason', (_n, body, re) => {
    expect(invalidReason(body)).toMatch(re);
  });

  describe('encrypted replies', () => {
    const safe: ReplyContext = { ...ctx, mode: 'safe' };
    const inner = buildXml({ ...head('text', { CreateTime: 1700000000123 }), Content: 'secret hi' });

    it('verifies msg_signature, decrypts and validates', () => {
      const r = interpretReply(envelope(inner), safe);
      expect(r).toMatchObject({ status: 'valid', reply: { msgType: 'text', content: 'secret hi', encrypted: true, createTime: 1700000000 } });
      expect(interpretReply(envelope(inner), { ...ctx, mode: 'compatible' }).status).toBe('valid');
    });

    it('accepts a plaintext reply in compatible mode but not in safe mode', () => {
      expect(interpretReply(inner, { ...ctx, mode: 'compatible' }).status).toBe('valid');
      expect(invalidReason(inner, safe)).toMatch(/must be encrypted/);
    });

    it('rejects an encrypted reply in plaintext mode', () => {
      expect(invalidReason(envelope(inner))).toMatch(/plaintext mode/);
    });

    it('rejects a wrong signature, a wrong appid, a wrong key and missing parts', () => {
      expect(invalidReason(envelope(inner, { token: 'othertoken' }), safe)).toMatch(/MsgSignature does not match/);
      expect(invalidReason(envelope(inner, { appid: 'wxffffffffffffffff' }), safe)).toMatch(/another AppID/);
      expect(invalidReason(envelope(inner), { ...safe, encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' })).toMatch(/could not be decrypted/);
      expect(invalidReason(buildXml({ Encrypt: 'abc' }), safe)).toMatch(/MsgSignature, TimeStamp and Nonce/);
      const tampered = envelope(inner).replace(/<Encrypt><!\[CDATA\[(.)/, (_m, c: string) => `<Encrypt><![CDATA[${c === 'A' ? 'B' : 'A'}`);
      expect(invalidReason(tampered, safe)).toMatch(/MsgSignature does not match/);
    });

    it('rejects garbage inside a correctly signed envelope', () => {
      const enc = encrypt(ctx.encodingAesKey!, ctx.appid, 'not xml at all');
      const body = buildXml({ Encrypt: enc, MsgSignature: msgSignature(ctx.token, '1', '2', enc), TimeStamp: 1, Nonce: '2' });
      expect(invalidReason(body, safe)).toMatch(/decrypted reply is not valid XML/);
      const bad = encrypt(ctx.encodingAesKey!, ctx.appid, buildXml({ ...head('news'), ArticleCount: 3 }));
      expect(invalidReason(buildXml({ Encrypt: bad, MsgSignature: msgSignature(ctx.token, '1', '2', bad), TimeStamp: 1, Nonce: '2' }), safe)).toMatch(
        /only 1 article/,
      );
    });
  });

  it('never throws on random input', () => {
    const alphabet = '<>/![]CDATxmlEncrypt=&;" \nsuccess{}';
    for (let n = 0; n < 1000; n++) {
      let s = '';
      for (let i = 0; i < 40; i++) s += alphabet[Math.floor(Math.random() * alphabet.length)];
      const r = interpretReply(s, { ...ctx, mode: n % 2 ? 'safe' : 'plaintext' });
      expect(['none', 'valid', 'invalid']).toContain(r.status);
    }
  });
});
