import { describe, expect, it } from 'vitest';
import { CUSTOM_MSG_TYPES, checkCustomMessage } from './customMessage.js';

const touser = 'oABCDEFGHIJKLMNOPQRSTUVWXYZa';
const errcode = (body: unknown) => {
  const r = checkCustomMessage(body);
  return r.ok ? 0 : r.errcode;
};

describe('customer-service message bodies', () => {
  it('accept every msgtype of the reference and shape its content', () => {
    const bodies: Record<string, object> = {
      text: { content: '<a href="https://example.com">hi</a>' },
      image: { media_id: 'IMG' },
      voice: { media_id: 'VOICE' },
      video: { media_id: 'VID', thumb_media_id: 'TH', title: 't', description: 'd' },
      music: { title: 't', description: 'd', musicurl: 'http://m/a.mp3', hqmusicurl: 'http://m/hq.mp3', thumb_media_id: 'TH' },
      news: { articles: [{ title: 'T', description: 'D', url: 'http://e/x', picurl: 'http://e/p.png' }] },
      mpnews: { media_id: 'NEWS' },
      mpnewsarticle: { article_id: 'ART' },
      msgmenu: { head_content: 'h', list: [{ id: 101, content: 'yes' }], tail_content: 't' },
      wxcard: { card_id: 'CARD' },
      miniprogrampage: { title: 'T', appid: 'wx0123456789abcdef', pagepath: 'pages/a', thumb_media_id: 'TH' },
      link: { title: 'T', description: 'D', url: 'https://e/x', thumb_url: 'https://e/t.png' },
    };
    expect(Object.keys(bodies).sort()).toEqual([...CUSTOM_MSG_TYPES].sort());
    for (const [msgtype, payload] of Object.entries(bodies)) {
      const r = checkCustomMessage({ touser, msgtype, [msgtype]: payload });
      expect(r.ok, msgtype).toBe(true);
    }
    const video = checkCustomMessage({ touser, msgtype: 'video', video: bodies.video });
    expect(video).toMatchObject({ ok: true, message: { media: [{ mediaId: 'VID', kinds: ['video'] }, { mediaId: 'TH' }] } });
    const menu = checkCustomMessage({ touser, msgtype: 'msgmenu', msgmenu: bodies.msgmenu, customservice: { kf_account: 'a@b' } });
    expect(menu).toMatchObject({ ok: true, message: { content: { list: [{ id: '101', content: 'yes' }] }, kfAccount: 'a@b' } });
  });

  it('answer WeChat errcodes for what is wrong', () => {
    expect(errcode(null)).toBe(47001);
    expect(errcode({ msgtype: 'text', text: { content: 'x' } })).toBe(40003);
    expect(errcode({ touser: 'a b', msgtype: 'text', text: { content: 'x' } })).toBe(40003);
    expect(errcode({ touser, msgtype: 'TEXT', text: { content: 'x' } })).toBe(40008);
    expect(errcode({ touser, text: { content: 'x' } })).toBe(40008);
    expect(errcode({ touser, msgtype: 'text' })).toBe(44004);
    expect(errcode({ touser, msgtype: 'text', text: { content: '   ' } })).toBe(44004);
    expect(errcode({ touser, msgtype: 'text', text: { content: 'a'.repeat(2048) } })).toBe(0);
    expect(errcode({ touser, msgtype: 'text', text: { content: 'a'.repeat(2049) } })).toBe(45002);
    expect(errcode({ touser, msgtype: 'text', text: { content: ['x'] } })).toBe(47001);
    expect(errcode({ touser, msgtype: 'text', text: { content: 'nul\u0000' } })).toBe(47001);
    expect(errcode({ touser, msgtype: 'image', image: {} })).toBe(40007);
    expect(errcode({ touser, msgtype: 'image', image: { media_id: '../etc' } })).toBe(40007);
    expect(errcode({ touser, msgtype: 'music', music: { musicurl: 'http://m/a' } })).toBe(40007);
    expect(errcode({ touser, msgtype: 'music', music: { thumb_media_id: 'T', musicurl: 'ftp://x' } })).toBe(45005);
    expect(errcode({ touser, msgtype: 'news', news: {} })).toBe(44003);
    expect(errcode({ touser, msgtype: 'news', news: { articles: [{ title: '' }] } })).toBe(44003);
    expect(errcode({ touser, msgtype: 'news', news: { articles: [{ title: 'a' }, { title: 'b' }] } })).toBe(45008);
    expect(errcode({ touser, msgtype: 'news', news: { articles: [{ title: 'x'.repeat(65) }] } })).toBe(45003);
    expect(errcode({ touser, msgtype: 'news', news: { articles: [{ title: 'a', picurl: 'not a url' }] } })).toBe(45006);
    expect(errcode({ touser, msgtype: 'msgmenu', msgmenu: { list: [] } })).toBe(44004);
    expect(errcode({ touser, msgtype: 'msgmenu', msgmenu: { list: Array.from({ length: 11 }, (_, i) => ({ id: i, content: 'x' })) } })).toBe(45002);
    expect(errcode({ touser, msgtype: 'msgmenu', msgmenu: { list: [{ id: 'a b', content: 'x' }] } })).toBe(47001);
    expect(errcode({ touser, msgtype: 'wxcard', wxcard: {} })).toBe(40073);
    expect(errcode({ touser, msgtype: 'mpnewsarticle', mpnewsarticle: { article_id: '' } })).toBe(53600);
    expect(errcode({ touser, msgtype: 'miniprogrampage', miniprogrampage: { title: 't', appid: 'wx1', pagepath: 'p', thumb_media_id: 'x' } })).toBe(40013);
    expect(errcode({ touser, msgtype: 'miniprogrampage', miniprogrampage: { title: 't', appid: 'wx0123456789abcdef', thumb_media_id: 'x' } })).toBe(41030);
    expect(errcode({ touser, msgtype: 'text', text: { content: 'x' }, customservice: 'kf' })).toBe(47001);
    expect(errcode({ touser, msgtype: 'text', text: { content: 'x' }, customservice: { kf_account: 5 } })).toBe(65401);
    expect(errcode({ touser, msgtype: '__proto__', __proto__: { content: 'x' } })).toBe(40008);
  });
});
