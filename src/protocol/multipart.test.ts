import { describe, expect, it } from 'vitest';
import { MultipartError, boundaryOf, parseMultipart } from './multipart.js';

const B = 'XyZ123boundary';
const CT = `multipart/form-data; boundary=${B}`;

function body(parts: Array<{ headers: string[]; data: Buffer | string }>, opts: { preamble?: string; close?: boolean } = {}): Buffer {
  const chunks: Buffer[] = [];
  if (opts.preamble) chunks.push(Buffer.from(`${opts.preamble}\r\n`));
  for (const p of parts) {
    chunks.push(Buffer.from(`--${B}\r\n${p.headers.join('\r\n')}\r\n\r\n`));
    chunks.push(Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data));
    chunks.push(Buffer.from('\r\n'));
  }
  if (opts.close ?? true) chunks.push(Buffer.from(`--${B}--\r\n`));
  return Buffer.concat(chunks);
}

function reason(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof MultipartError) return err.reason;
    throw err;
  }
  return 'no error';
}

describe('multipart/form-data', () => {
  it('reads fields and files, binary-safe, with a preamble', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x0d, 0x0a, 0x2d, 0x2d, 0x00, 0xff]);
    const parts = parseMultipart(
      body(
        [
          { headers: ['Content-Disposition: form-data; name="note"'], data: 'hello' },
          { headers: ['Content-Disposition: form-data; name="media"; filename="a b.png"', 'Content-Type: IMAGE/PNG'], data: png },
        ],
        { preamble: 'ignored' },
      ),
      CT,
    );
    expect(parts.map((p) => p.name)).toEqual(['note', 'media']);
    expect(parts[0].data.toString()).toBe('hello');
    expect(parts[1]).toMatchObject({ filename: 'a b.png', contentType: 'image/png' });
    expect(parts[1].data.equals(png)).toBe(true);
  });

  it('accepts a quoted boundary, an unquoted name and an empty part', () => {
    const parts = parseMultipart(body([{ headers: ['content-disposition: form-data; name=media'], data: '' }]), `multipart/form-data; boundary="${B}"; charset=utf-8`);
    expect(parts).toHaveLength(1);
    expect(parts[0].name).toBe('media');
    expect(parts[0].data.length).toBe(0);
  });

  it('does not take filename= for name=', () => {
    const parts = parseMultipart(body([{ headers: ['Content-Disposition: form-data; filename="x"; name="real"'], data: 'x' }]), CT);
    expect(parts[0].name).toBe('real');
    expect(parts[0].filename).toBe('x');
  });

  it('reads Unicode file names: raw UTF-8 (browsers) and the RFC 5987 form (filename*=UTF-8\'\')', () => {
    const raw = parseMultipart(body([{ headers: ['Content-Disposition: form-data; name="media"; filename="春季菜单.png"'], data: 'x' }]), CT);
    expect(raw[0].filename).toBe('春季菜单.png');
    const ext = parseMultipart(
      body([{ headers: ["Content-Disposition: form-data; name=\"media\"; filename=\"__.png\"; filename*=UTF-8''%E6%98%A5%E5%AD%A3.png"], data: 'x' }]),
      CT,
    );
    expect(ext[0].filename).toBe('春季.png');
    const latin = parseMultipart(body([{ headers: ["Content-Disposition: form-data; name=media; filename*=iso-8859-1''caf%E9.png"], data: 'x' }]), CT);
    expect(latin[0].filename).toBe('café.png');
    // A broken escape or an unknown charset falls back to the plain name.
    const broken = parseMultipart(body([{ headers: ["Content-Disposition: form-data; name=media; filename=\"plain.png\"; filename*=UTF-8''%E6%98"], data: 'x' }]), CT);
    expect(broken[0].filename).toBe('plain.png');
    // A browser sends a Windows path's backslashes as they are; only \" and \\ are escapes.
    const win = parseMultipart(body([{ headers: ['Content-Disposition: form-data; name="media"; filename="C:\\Users\\李雷\\a \\"b\\".png"'], data: 'x' }]), CT);
    expect(win[0].filename).toBe('C:\\Users\\李雷\\a "b".png');
    const unknown = parseMultipart(body([{ headers: ["Content-Disposition: form-data; name=media; filename*=koi8-r''%E6"], data: 'x' }]), CT);
    expect(unknown[0].filename).toBeUndefined();
  });

  it('refuses bodies that are not multipart or have no boundary', () => {
    expect(reason(() => boundaryOf(undefined))).toBe('not_multipart');
    expect(reason(() => boundaryOf('application/json'))).toBe('not_multipart');
    expect(reason(() => boundaryOf('multipart/form-datax; boundary=a'))).toBe('not_multipart');
    expect(reason(() => boundaryOf('multipart/form-data'))).toBe('no_boundary');
    expect(reason(() => boundaryOf(`multipart/form-data; boundary=${'x'.repeat(71)}`))).toBe('no_boundary');
  });

  it('refuses malformed bodies without throwing anything else', () => {
    const cases: Buffer[] = [
      Buffer.alloc(0),
      Buffer.from('no boundary here'),
      Buffer.from(`--${B}`),
      Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated`),
      Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="a"`),
      Buffer.from(`--${B}\r\nno-colon-header\r\n\r\nx\r\n--${B}--`),
      Buffer.from(`--${B}\r\nContent-Disposition: attachment; name="a"\r\n\r\nx\r\n--${B}--`),
      Buffer.from(`--${B}\r\nContent-Disposition: form-data\r\n\r\nx\r\n--${B}--`),
      Buffer.from(`--${B}garbage\r\n`),
      Buffer.from(`junk--${B}\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n--${B}--`),
      Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="a"; x="\\"\r\n\r\n`),
    ];
    for (const c of cases) expect(['malformed'], c.toString().slice(0, 60)).toContain(reason(() => parseMultipart(c, CT)));
  });

  it('caps the number of parts and the header size', () => {
    const many = body(Array.from({ length: 20 }, (_, i) => ({ headers: [`Content-Disposition: form-data; name="f${i}"`], data: 'x' })));
    expect(reason(() => parseMultipart(many, CT))).toBe('too_many_parts');
    const bigHeader = body([{ headers: [`Content-Disposition: form-data; name="a"`, `X-Pad: ${'p'.repeat(10_000)}`], data: 'x' }]);
    expect(reason(() => parseMultipart(bigHeader, CT))).toBe('malformed');
  });

  it('reads a large hostile body in linear time', () => {
    const hostile = Buffer.concat([Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="media"\r\n\r\n`), Buffer.alloc(8 * 1024 * 1024, 0x2d)]);
    const started = performance.now();
    expect(reason(() => parseMultipart(hostile, CT))).toBe('malformed');
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
