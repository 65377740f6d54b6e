import { describe, expect, it } from 'vitest';
import { checkUpload, newMediaId, safeFilename, sniffFormat } from './media.js';
import { contentDisposition } from '../../../platform/http/contentDisposition.js';
import { LONE_SURROGATE } from '../../../platform/text.js';
import { PLACEHOLDER_AMR, PLACEHOLDER_JPEG, PLACEHOLDER_MP4, PLACEHOLDER_PNG } from '../../../surfaces/sim/placeholders.js';

describe('temporary media rules', () => {
  it('recognise files from their bytes only', () => {
    expect(sniffFormat(PLACEHOLDER_PNG)).toBe('png');
    expect(sniffFormat(PLACEHOLDER_JPEG)).toBe('jpg');
    expect(sniffFormat(PLACEHOLDER_AMR)).toBe('amr');
    expect(sniffFormat(PLACEHOLDER_MP4)).toBe('mp4');
    expect(sniffFormat(Buffer.from('GIF89a....'))).toBe('gif');
    expect(sniffFormat(Buffer.from('ID3\u0004\u0000'))).toBe('mp3');
    expect(sniffFormat(Buffer.from('OggS\u0000\u0002'))).toBe('speex');
    for (const junk of ['', '<svg/>', '<html>', 'PK\u0003\u0004', '\u00ff', 'ftyp']) expect(sniffFormat(Buffer.from(junk, 'latin1'))).toBeUndefined();
  });

  it('check each kind’s formats and size with WeChat’s errcodes', () => {
    expect(checkUpload('image', PLACEHOLDER_PNG)).toMatchObject({ ok: true, contentType: 'image/png' });
    expect(checkUpload('thumb', PLACEHOLDER_JPEG)).toMatchObject({ ok: true, contentType: 'image/jpeg' });
    expect(checkUpload('thumb', PLACEHOLDER_PNG)).toEqual({ ok: false, errcode: 40005 });
    expect(checkUpload('voice', PLACEHOLDER_MP4)).toEqual({ ok: false, errcode: 40005 });
    expect(checkUpload('image', Buffer.alloc(0))).toEqual({ ok: false, errcode: 44001 });
    expect(checkUpload('thumb', Buffer.concat([PLACEHOLDER_JPEG, Buffer.alloc(64 * 1024)]))).toEqual({ ok: false, errcode: 40012 });
    expect(checkUpload('voice', Buffer.concat([PLACEHOLDER_AMR, Buffer.alloc(2 * 1024 * 1024)]))).toEqual({ ok: false, errcode: 40010 });
  });

  it('mint unguessable ids and safe file names', () => {
    const ids = new Set(Array.from({ length: 100 }, newMediaId));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(safeFilename('../../etc/passwd', 'png', 'image')).toBe('passwd.png');
    expect(safeFilename('photo "1".JPG', 'jpg', 'image')).toBe('photo _1_.jpg');
    expect(safeFilename(undefined, 'amr', 'voice')).toBe('voice.amr');
    expect(safeFilename('x'.repeat(500), 'mp4', 'video')).toMatch(/^x{96}\.mp4$/);
    expect(safeFilename('a\r\nContent-Type: text/html', 'png', 'image')).not.toMatch(/[\r\n"]/);
  });

  it('keep Unicode file names and strip what is hostile in them', () => {
    expect(safeFilename('春季菜单.png', 'png', 'image')).toBe('春季菜单.png');
    expect(safeFilename('C:\\Users\\李雷\\桌面\\新品 海报.JPG', 'jpg', 'image')).toBe('新品 海报.jpg');
    expect(safeFilename('/tmp/../咖啡.jpeg', 'jpg', 'image')).toBe('咖啡.jpg');
    expect(safeFilename('菜单 ☕️🍰.png', 'png', 'image')).toBe('菜单 ☕️🍰.png');
    // NFC: a decomposed é is stored composed.
    expect(safeFilename('cafe\u0301.png', 'png', 'image')).toBe('caf\u00e9.png');
    // Controls, bidi overrides (gnp.exe shown as exe.png), zero-width and lone surrogates go.
    expect(safeFilename('a\u0000b\u0007c\u007f\u0085d.png', 'png', 'image')).toBe('abcd.png');
    expect(safeFilename('photo\u202egnp.exe', 'png', 'image')).toBe('photognp.png');
    expect(safeFilename('x\u200by\ufeff.png', 'png', 'image')).toBe('xy.png');
    expect(safeFilename('bad\ud800name.png', 'png', 'image')).toBe('badname.png');
    expect(safeFilename('line\u2028break.png', 'png', 'image')).toBe('linebreak.png');
    // Separators and characters reserved somewhere become _; leading dots and spaces go.
    expect(safeFilename('a:b*c?d<e>f|g.png', 'png', 'image')).toBe('a_b_c_d_e_f_g.png');
    expect(safeFilename('  ...隐藏.png', 'png', 'image')).toBe('隐藏.png');
    // Nothing left: the kind's name.
    expect(safeFilename('\u202e\u0000.png', 'png', 'image')).toBe('image.png');
    expect(safeFilename('../', 'png', 'image')).toBe('image.png');
    // Long names are cut by characters (an emoji is never split), extension included.
    const long = safeFilename('春'.repeat(300), 'png', 'image');
    expect(Array.from(long)).toHaveLength(100);
    expect(long).toMatch(/^春{96}\.png$/);
    const emoji = safeFilename('😀'.repeat(200), 'mp4', 'video');
    expect(emoji).toMatch(/^(😀){96}\.mp4$/u);
    expect(LONE_SURROGATE.test(emoji)).toBe(false);
  });

  it('build a Content-Disposition header any client reads, whatever the name', () => {
    expect(contentDisposition('inline', 'menu.png')).toBe('inline; filename="menu.png"');
    expect(contentDisposition('attachment', '春季菜单.png')).toBe(`attachment; filename="____.png"; filename*=UTF-8''${encodeURIComponent('春季菜单')}.png`);
    expect(contentDisposition('inline', "it's (1).png")).toBe(`inline; filename="it's (1).png"`);
    expect(contentDisposition('inline', 'é"\\.png')).toBe(`inline; filename="___.png"; filename*=UTF-8''%C3%A9%22%5C.png`);
    // Whatever it is given, the header is one line of visible ASCII.
    for (const name of ['a\r\nSet-Cookie: x', '\ud800', '春\u0000', '"; filename="evil.html']) {
      expect(contentDisposition('inline', name)).toMatch(/^[\x20-\x7e]+$/);
    }
  });
});
