import { describe, expect, it } from 'vitest';
import { checkUpload, newMediaId, safeFilename, sniffFormat } from './media.js';
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
    expect(safeFilename('photo "1".JPG', 'jpg', 'image')).toBe('photo__1_.jpg');
    expect(safeFilename(undefined, 'amr', 'voice')).toBe('voice.amr');
    expect(safeFilename('x'.repeat(500), 'mp4', 'video')).toMatch(/^x{90}\.mp4$/);
    expect(safeFilename('a\r\nContent-Type: text/html', 'png', 'image')).not.toMatch(/[\r\n"]/);
  });
});
