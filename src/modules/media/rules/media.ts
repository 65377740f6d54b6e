import { randomBytes } from 'node:crypto';

/**
 * Temporary media rules (reference §9), no I/O: the kinds an upload may be, the size limit of
 * each, which file types each accepts (sniffed from the bytes, never from the name or declared
 * type), the errcodes WeChat answers, and how long a temporary media lives.
 */

/** What media/upload's `type` names. */
export const UPLOAD_KINDS = ['image', 'voice', 'video', 'thumb'] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

/** Temporary media are served for 3 days. */
export const TEMPORARY_MEDIA_TTL_MS = 3 * 24 * 3600 * 1000;

/** Largest file of each kind (image 10 MB, voice 2 MB, video 10 MB, thumb 64 KB). */
export const MEDIA_MAX_BYTES: Record<UploadKind, number> = {
  image: 10 * 1024 * 1024,
  voice: 2 * 1024 * 1024,
  video: 10 * 1024 * 1024,
  thumb: 64 * 1024,
};

/** The size errcode of each kind (40009 invalid image size … 40012 invalid thumb size). */
export const MEDIA_SIZE_ERRCODE: Record<UploadKind, number> = { image: 40009, voice: 40010, video: 40011, thumb: 40012 };

/** A file format Herald recognises from its first bytes. */
export type FileFormat = 'jpg' | 'png' | 'gif' | 'bmp' | 'amr' | 'speex' | 'mp3' | 'mp4';

/** Formats each kind accepts (image png/jpeg/jpg/gif, voice amr/mp3 (+ speex from phones), video mp4, thumb jpg). */
export const MEDIA_FORMATS: Record<UploadKind, readonly FileFormat[]> = {
  image: ['jpg', 'png', 'gif', 'bmp'],
  voice: ['amr', 'mp3', 'speex'],
  video: ['mp4'],
  thumb: ['jpg'],
};

/** The Content-Type a format is served with. */
export const FORMAT_MIME: Record<FileFormat, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  bmp: 'image/bmp',
  amr: 'audio/amr',
  speex: 'audio/ogg',
  mp3: 'audio/mpeg',
  mp4: 'video/mp4',
};

const startsWith = (b: Buffer, bytes: number[], at = 0) => b.length >= at + bytes.length && bytes.every((x, i) => b[at + i] === x);

/** The file's format from its first bytes, or undefined when it is none Herald accepts. */
export function sniffFormat(b: Buffer): FileFormat | undefined {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpg';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(b, [0x47, 0x49, 0x46, 0x38])) return 'gif';
  if (startsWith(b, [0x42, 0x4d]) && b.length >= 26) return 'bmp';
  if (b.subarray(0, 6).toString('latin1') === '#!AMR\n' || b.subarray(0, 9).toString('latin1') === '#!AMR-WB\n') return 'amr';
  if (startsWith(b, [0x4f, 0x67, 0x67, 0x53])) return 'speex';
  if (startsWith(b, [0x49, 0x44, 0x33]) || (b.length >= 2 && b[0] === 0xff && (b[1] & 0xe0) === 0xe0 && (b[1] & 0x06) !== 0)) return 'mp3';
  if (b.length >= 12 && b.subarray(4, 8).toString('latin1') === 'ftyp') return 'mp4';
  return undefined;
}

/** The kind a follower's file is, from its format (the phone sends photos, voice notes and videos). */
export function followerKindOf(format: FileFormat): 'image' | 'voice' | 'video' {
  if (MEDIA_FORMATS.image.includes(format)) return 'image';
  if (MEDIA_FORMATS.voice.includes(format)) return 'voice';
  return 'video';
}

/** What an upload amounts to: accepted with its format, or refused with WeChat's errcode. */
export type UploadCheck = { ok: true; format: FileFormat; contentType: string } | { ok: false; errcode: number };

/**
 * Checks an upload of `kind`: 44001 empty, the kind's size errcode when too large, 40005 when
 * the bytes are not a format the kind accepts.
 */
export function checkUpload(kind: UploadKind, bytes: Buffer): UploadCheck {
  if (bytes.length === 0) return { ok: false, errcode: 44001 };
  if (bytes.length > MEDIA_MAX_BYTES[kind]) return { ok: false, errcode: MEDIA_SIZE_ERRCODE[kind] };
  const format = sniffFormat(bytes);
  if (!format || !MEDIA_FORMATS[kind].includes(format)) return { ok: false, errcode: 40005 };
  return { ok: true, format, contentType: FORMAT_MIME[format] };
}

/** A new media_id: 64 URL-safe random characters, like WeChat's. */
export const newMediaId = (): string => randomBytes(48).toString('base64url');

/** media_ids Herald accepts as input (anything else cannot name a media). */
export const MEDIA_ID_RE = /^[A-Za-z0-9_-]{1,128}$/;

/** Whether a media row is still served at `nowMs`. */
export function mediaAlive(m: { expiresAt: Date | null }, nowMs: number): boolean {
  return m.expiresAt === null || m.expiresAt.getTime() > nowMs;
}

/** Characters a stored file name never keeps: controls (C0, DEL, C1), format characters (bidi overrides, zero-width), unpaired surrogates, private use and noncharacters. */
const UNSAFE_NAME_CHARS = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}\uFFFE\uFFFF]/gu;
/** Characters that are path separators or special in headers and file systems somewhere: replaced by _. */
const RESERVED_NAME_CHARS = /["\\/:*?<>|]/g;
/** The longest stored file name, in characters (code points), extension included. */
export const FILENAME_MAX_CHARS = 100;

/**
 * A file name safe to show and to store: the last path segment (either slash), in Unicode (NFC:
 * 春季菜单.png stays 春季菜单.png), without control, format or unpaired surrogate characters,
 * with quotes, colons and the like replaced by `_`, no leading dots or spaces, at most
 * FILENAME_MAX_CHARS characters, with the format's extension. Content-Disposition is built from
 * it by `contentDisposition` (src/platform/http/contentDisposition.ts).
 */
export function safeFilename(name: string | undefined, format: FileFormat, fallbackStem: string): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base.normalize('NFC').replace(UNSAFE_NAME_CHARS, '').replace(RESERVED_NAME_CHARS, '_').replace(/\s+/g, ' ');
  // The extension goes first (".png" alone is no name), then leading dots (no hidden files) and spaces.
  const stem = cleaned.replace(/\.[A-Za-z0-9]{1,5}$/, '').replace(/^[.\s]+/, '').trim() || fallbackStem;
  // Cut by code points so a character outside the BMP (an emoji) is never split in half.
  const room = FILENAME_MAX_CHARS - format.length - 1;
  return `${Array.from(stem).slice(0, room).join('').trim() || fallbackStem}.${format}`;
}

/** The path and absolute URL a media is served at (src/platform/mediaUrl.ts). */
export { mediaPath, mediaUrl } from '../../../platform/mediaUrl.js';
