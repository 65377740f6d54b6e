import { describe, expect, it } from 'vitest';
import { kfEventMessage } from './kfEvents.js';
import { parseXml } from '../../protocol/xml.js';

const env = { originalId: 'gh_0123456789ab', openid: 'oUser0000000000000000000000', createTime: 1700000000 };

describe('kf session events', () => {
  it('builds kf_create_session and kf_close_session with KfAccount', () => {
    const e = kfEventMessage(env, { event: 'kf_create_session', kfAccount: 'anna@shopwx' });
    expect(e).toMatchObject({ kind: 'event', label: 'event:kf_create_session', msgId: null });
    expect(e.xml).toBe(
      [
        '<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName>',
        '<FromUserName><![CDATA[oUser0000000000000000000000]]></FromUserName>',
        '<CreateTime>1700000000</CreateTime>',
        '<MsgType><![CDATA[event]]></MsgType>',
        '<Event><![CDATA[kf_create_session]]></Event>',
        '<KfAccount><![CDATA[anna@shopwx]]></KfAccount>',
        '</xml>',
      ].join('\n'),
    );
    const closed = parseXml(kfEventMessage(env, { event: 'kf_close_session', kfAccount: 'anna@shopwx' }).xml).fields;
    expect(closed).toEqual({ ToUserName: env.originalId, FromUserName: env.openid, CreateTime: '1700000000', MsgType: 'event', Event: 'kf_close_session', KfAccount: 'anna@shopwx' });
  });

  it('builds kf_switch_session with FromKfAccount and ToKfAccount', () => {
    const fields = parseXml(kfEventMessage(env, { event: 'kf_switch_session', fromKfAccount: 'anna@shopwx', toKfAccount: 'bob@shopwx' }).xml).fields;
    expect(fields).toEqual({
      ToUserName: env.originalId,
      FromUserName: env.openid,
      CreateTime: '1700000000',
      MsgType: 'event',
      Event: 'kf_switch_session',
      FromKfAccount: 'anna@shopwx',
      ToKfAccount: 'bob@shopwx',
    });
  });

  it('keeps hostile account names inside CDATA', () => {
    const fields = parseXml(kfEventMessage(env, { event: 'kf_close_session', kfAccount: 'a]]><Evil/>@x' }).xml).fields;
    expect(fields.KfAccount).toBe('a]]><Evil/>@x');
    expect(fields.Evil).toBeUndefined();
  });
});
