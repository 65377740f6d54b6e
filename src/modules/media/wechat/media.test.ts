import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { expectWxError, fetchToken, wxCall } from '../../../../test/wxClient.js';
import { PLACEHOLDER_AMR, PLACEHOLDER_JPEG, PLACEHOLDER_MP4, PLACEHOLDER_PNG } from '../../../surfaces/sim/placeholders.js';

function form(parts: Array<{ name: string; filename?: string; type?: string; data: Buffer | string }>, boundary = 'HeraldBoundary7MA4YWxk') {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disp = `form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disp}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`));
    chunks.push(Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const file = (data: Buffer, filename = 'f.bin', type = 'application/octet-stream') => form([{ name: 'media', filename, type, data }]);

describeEachDb('media/upload and media/get', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterAll(async () => {
    await herald.close();
  });

  async function tokenFor(opts: { type?: 'service' | 'subscription'; verified?: boolean } = {}) {
    const { appid, secret } = await makeAccount(herald.services, opts);
    return fetchToken(herald, appid, secret);
  }
  const upload = (token: string, type: string, f: { body: Buffer; headers: Record<string, string> }) =>
    wxCall(herald, 'POST', `/cgi-bin/media/upload?access_token=${token}&type=${type}`, f);

  it('uploads each kind and downloads it back with its type and file name', async () => {
    const token = await tokenFor();
    const cases: Array<[string, Buffer, string, string]> = [
      ['image', PLACEHOLDER_PNG, 'photo.png', 'image/png'],
      ['voice', PLACEHOLDER_AMR, 'note.amr', 'audio/amr'],
      ['thumb', PLACEHOLDER_JPEG, 'cover.jpg', 'image/jpeg'],
    ];
    for (const [type, bytes, name, mime] of cases) {
      const up = await upload(token, type, file(bytes, name, 'application/octet-stream'));
      expect(up).toMatchObject({ errcode: 0, errmsg: 'ok', type });
      expect(String(up.media_id)).toMatch(/^[A-Za-z0-9_-]{64}$/);
      expect(Math.abs(Number(up.created_at) - Math.floor(herald.services.clock.nowMs() / 1000))).toBeLessThan(5);
      if (type === 'thumb') expect(up.thumb_media_id).toBe(up.media_id);
      const got = await herald.app.inject({ method: 'GET', url: `/cgi-bin/media/get?access_token=${token}&media_id=${up.media_id}` });
      expect(got.statusCode).toBe(200);
      expect(got.headers['content-type']).toBe(mime);
      expect(got.headers['content-disposition']).toBe(`attachment; filename="${name}"`);
      expect(got.rawPayload.equals(bytes)).toBe(true);
      const pub = await herald.app.inject({ method: 'GET', url: `/media/${up.media_id}` });
      expect(pub.statusCode).toBe(200);
      expect(pub.headers['content-type']).toBe(mime);
      expect(pub.headers['x-content-type-options']).toBe('nosniff');
      expect(pub.rawPayload.equals(bytes)).toBe(true);
    }
    // A video answers with the address to fetch it from.
    const video = await upload(token, 'video', file(PLACEHOLDER_MP4, 'clip.mp4'));
    const got = await wxCall(herald, 'GET', `/cgi-bin/media/get?access_token=${token}&media_id=${video.media_id}`);
    expect(got).toEqual({ video_url: `${herald.config.publicUrl}/media/${video.media_id}` });
  });

  it('serves temporary media publicly for 3 days, then no longer', async () => {
    const token = await tokenFor();
    const up = await upload(token, 'image', file(PLACEHOLDER_PNG));
    herald.services.clock.advance(3 * 24 * 3600 * 1000 - 60_000);
    expect((await herald.app.inject({ method: 'GET', url: `/media/${up.media_id}` })).statusCode).toBe(200);
    herald.services.clock.advance(60_000);
    expect((await herald.app.inject({ method: 'GET', url: `/media/${up.media_id}` })).statusCode).toBe(404);
  });

  it('expired media answer 40007 from media/get', async () => {
    const { appid, secret } = await makeAccount(herald.services);
    const token = await fetchToken(herald, appid, secret);
    const up = await upload(token, 'image', file(PLACEHOLDER_PNG));
    herald.services.clock.advance(3 * 24 * 3600 * 1000);
    const again = await fetchToken(herald, appid, secret);
    expectWxError(await wxCall(herald, 'GET', `/cgi-bin/media/get?access_token=${again}&media_id=${up.media_id}`), 40007, 'invalid media_id');
  });

  it('refuses bad types, wrong files, sizes and missing media with WeChat errcodes', async () => {
    const token = await tokenFor();
    expectWxError(await upload(token, 'sticker', file(PLACEHOLDER_PNG)), 40004, 'invalid media type');
    expectWxError(await wxCall(herald, 'POST', `/cgi-bin/media/upload?access_token=${token}`, file(PLACEHOLDER_PNG)), 40004);
    expectWxError(await upload(token, 'voice', file(PLACEHOLDER_PNG)), 40005, 'invalid file type');
    expectWxError(await upload(token, 'image', file(Buffer.from('<svg onload="alert(1)"/>'), 'x.svg', 'image/svg+xml')), 40005);
    expectWxError(await upload(token, 'image', file(Buffer.from('<html><script>alert(1)</script></html>'), 'x.png', 'image/png')), 40005);
    expectWxError(await upload(token, 'thumb', file(PLACEHOLDER_PNG)), 40005);
    expectWxError(await upload(token, 'video', file(PLACEHOLDER_JPEG)), 40005);
    expectWxError(await upload(token, 'image', file(Buffer.alloc(0))), 44001);
    const big = (head: Buffer, size: number) => Buffer.concat([head, Buffer.alloc(size - head.length, 1)]);
    expectWxError(await upload(token, 'image', file(big(PLACEHOLDER_PNG, 10 * 1024 * 1024 + 1))), 40009, 'invalid image size');
    expectWxError(await upload(token, 'voice', file(big(PLACEHOLDER_AMR, 2 * 1024 * 1024 + 1))), 40010, 'invalid voice size');
    expectWxError(await upload(token, 'thumb', file(big(PLACEHOLDER_JPEG, 64 * 1024 + 1))), 40012, 'invalid thumb size');
    expectWxError(await upload(token, 'video', file(big(PLACEHOLDER_MP4, 10 * 1024 * 1024 + 1))), 40011, 'invalid video size');
    // No file at all, the wrong field, not multipart.
    expectWxError(await wxCall(herald, 'POST', `/cgi-bin/media/upload?access_token=${token}&type=image`), 41005, 'media data missing');
    expectWxError(await upload(token, 'image', form([{ name: 'file', filename: 'a.png', data: PLACEHOLDER_PNG }])), 41005);
    expectWxError(await upload(token, 'image', { body: PLACEHOLDER_PNG, headers: { 'content-type': 'image/png' } }), 41005);
    // media/get without or with an unknown or malformed id.
    expectWxError(await wxCall(herald, 'GET', `/cgi-bin/media/get?access_token=${token}`), 41006);
    expectWxError(await wxCall(herald, 'GET', `/cgi-bin/media/get?access_token=${token}&media_id=${'A'.repeat(64)}`), 40007);
    expectWxError(await wxCall(herald, 'GET', `/cgi-bin/media/get?access_token=${token}&media_id=${encodeURIComponent("../../etc/passwd")}`), 40007);
    expectWxError(await wxCall(herald, 'GET', `/cgi-bin/media/get?access_token=${token}&media_id=${'x'.repeat(5000)}`), 40007);
    // Another account's media is not readable.
    const up = await upload(token, 'image', file(PLACEHOLDER_PNG));
    expectWxError(await wxCall(herald, 'GET', `/cgi-bin/media/get?access_token=${await tokenFor()}&media_id=${up.media_id}`), 40007);
    // Accounts without the material capability.
    expectWxError(await upload(await tokenFor({ type: 'subscription', verified: false }), 'image', file(PLACEHOLDER_PNG)), 48001);
    // The public path answers 404 for anything that is not a live media.
    for (const id of ['nope', '..%2F..%2Fetc%2Fpasswd', 'A'.repeat(300)]) {
      const r = await herald.app.inject({ method: 'GET', url: `/media/${id}` });
      expect(r.statusCode, id).toBe(404);
    }
  });

  it('survives hostile multipart bodies without a 500', async () => {
    const token = await tokenFor();
    const url = `/cgi-bin/media/upload?access_token=${token}&type=image`;
    const manyParts = form(Array.from({ length: 5000 }, (_, i) => ({ name: `f${i}`, data: 'x' })));
    const hugeHeader = { body: Buffer.from(`--b\r\nContent-Disposition: form-data; name="media"; filename="${'a'.repeat(100_000)}"\r\n\r\nxx\r\n--b--\r\n`), headers: { 'content-type': 'multipart/form-data; boundary=b' } };
    const unterminated = { body: Buffer.from(`--b\r\nContent-Disposition: form-data; name="media"\r\n\r\n${'x'.repeat(1000)}`), headers: { 'content-type': 'multipart/form-data; boundary=b' } };
    const noBoundary = { body: PLACEHOLDER_PNG, headers: { 'content-type': 'multipart/form-data' } };
    const nested = { body: Buffer.from(`--b\r\nContent-Disposition: form-data; name="media"; filename="a"\r\nContent-Type: multipart/mixed; boundary=c\r\n\r\n--c\r\n--c--\r\n--b--\r\n`), headers: { 'content-type': 'multipart/form-data; boundary=b' } };
    const binaryJunk = { body: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)), headers: { 'content-type': 'multipart/form-data; boundary=b' } };
    const results = [];
    for (const f of [manyParts, hugeHeader, unterminated, noBoundary, nested, binaryJunk]) results.push((await wxCall(herald, 'POST', url, f)).errcode);
    expect(results).toEqual([47001, 47001, 47001, 41005, 40005, 47001]);
    // A body over the server's limit: WeChat's JSON, never a bare 413.
    const huge = await herald.app.inject({ method: 'POST', url, headers: { 'content-type': 'multipart/form-data; boundary=b' }, payload: Buffer.alloc(26 * 1024 * 1024) });
    expect(huge.statusCode).toBe(200);
    expect([40009, 45002]).toContain((huge.json() as { errcode: number }).errcode);
  });
});
