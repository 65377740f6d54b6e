/**
 * A small, strict multipart/form-data reader for upload APIs (kfaccount/uploadheadimg, media
 * uploads). The whole body is already in memory (the server caps its size); this finds the parts
 * with linear Buffer searches, so hostile input costs at most one pass and never recursion.
 */

export interface MultipartPart {
  /** The form field name (Content-Disposition name=). */
  name: string;
  /** The file name, when the part is a file. */
  filename?: string;
  /** The part's declared Content-Type, lowercased, if any. Never trusted for file types. */
  contentType?: string;
  data: Buffer;
}

/** Why a body could not be read as multipart/form-data. */
export class MultipartError extends Error {
  constructor(
    readonly reason: 'not_multipart' | 'no_boundary' | 'malformed' | 'too_many_parts',
    message: string,
  ) {
    super(message);
    this.name = 'MultipartError';
  }
}

/** Caps on what one body may contain. */
export interface MultipartLimits {
  /** Parts read at most (default 16). */
  maxParts?: number;
  /** Bytes of headers per part at most (default 8 KiB). */
  maxHeaderBytes?: number;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** The boundary parameter of a multipart/form-data Content-Type (RFC 2046: 1–70 characters). */
export function boundaryOf(contentType: string | undefined): string {
  const type = (contentType ?? '').trim();
  if (!/^multipart\/form-data\s*(;|$)/i.test(type)) throw new MultipartError('not_multipart', 'The body is not multipart/form-data.');
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^;\s"]{1,70}))\s*(?:;|$)/i.exec(type);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) throw new MultipartError('no_boundary', 'The Content-Type has no usable boundary.');
  return boundary;
}

/** The value of a parameter in a Content-Disposition header (quoted or bare). */
function dispositionParam(header: string, name: string): string | undefined {
  const re = new RegExp(`;\\s*${name}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]+))`, 'i');
  const m = re.exec(header);
  if (!m) return undefined;
  // Only \" and \\ are escapes: browsers send a Windows path's backslashes as they are (C:\Users\…).
  return m[1] !== undefined ? m[1].replace(/\\(["\\])/g, '$1') : m[2];
}

/**
 * An extended parameter (RFC 5987 / RFC 2231: `filename*=UTF-8''%E6%98%A5.png`), decoded; some
 * clients send a non-ASCII file name only this way. Undefined when absent or not decodable.
 */
function extendedParam(header: string, name: string): string | undefined {
  const m = new RegExp(`;\\s*${name}\\*\\s*=\\s*"?([A-Za-z0-9_-]*)'[^']*'([^;\\s"]*)"?`, 'i').exec(header);
  if (!m) return undefined;
  const charset = m[1].toLowerCase();
  try {
    if (charset === 'utf-8' || charset === 'utf8') return decodeURIComponent(m[2]);
    if (charset === 'iso-8859-1' || charset === 'latin1') return m[2].replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  } catch {
    /* a malformed escape: fall back to the plain parameter */
  }
  return undefined;
}

/** Reads every part of a multipart/form-data body. Throws MultipartError for anything else. */
export function parseMultipart(body: Buffer, contentType: string | undefined, limits: MultipartLimits = {}): MultipartPart[] {
  const boundary = boundaryOf(contentType);
  const maxParts = limits.maxParts ?? 16;
  const maxHeaderBytes = limits.maxHeaderBytes ?? 8 * 1024;
  const delimiter = Buffer.from(`--${boundary}`);
  const between = Buffer.from(`\r\n--${boundary}`);
  const parts: MultipartPart[] = [];

  // The first delimiter opens the body (a preamble before it is allowed and ignored).
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new MultipartError('malformed', 'The body has no part.');
  if (pos > 0 && !(body[pos - 2] === 0x0d && body[pos - 1] === 0x0a)) throw new MultipartError('malformed', 'The first boundary does not start a line.');
  pos += delimiter.length;
  for (;;) {
    // After a delimiter: "--" closes the body, CRLF starts a part.
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break;
    while (body[pos] === 0x20 || body[pos] === 0x09) pos++; // transport padding
    if (!body.subarray(pos, pos + 2).equals(CRLF)) throw new MultipartError('malformed', 'A boundary is not followed by a line break.');
    pos += 2;
    if (parts.length >= maxParts) throw new MultipartError('too_many_parts', `At most ${maxParts} parts are read.`);
    const headerEnd = body.indexOf(HEADER_END, pos);
    if (headerEnd < 0 || headerEnd - pos > maxHeaderBytes) throw new MultipartError('malformed', 'A part has no complete headers.');
    const headers = new Map<string, string>();
    for (const line of body.subarray(pos, headerEnd).toString('utf8').split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon <= 0) throw new MultipartError('malformed', 'A part header is not "Name: value".');
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const dataStart = headerEnd + HEADER_END.length;
    const dataEnd = body.indexOf(between, dataStart);
    if (dataEnd < 0) throw new MultipartError('malformed', 'A part is not closed by a boundary.');
    const disposition = headers.get('content-disposition') ?? '';
    if (!/^form-data\s*(;|$)/i.test(disposition)) throw new MultipartError('malformed', 'A part is not form-data.');
    const name = dispositionParam(disposition, 'name');
    if (name === undefined) throw new MultipartError('malformed', 'A part has no field name.');
    parts.push({
      name,
      filename: extendedParam(disposition, 'filename') ?? dispositionParam(disposition, 'filename'),
      contentType: headers.get('content-type')?.toLowerCase(),
      data: body.subarray(dataStart, dataEnd),
    });
    pos = dataEnd + between.length;
  }
  return parts;
}
