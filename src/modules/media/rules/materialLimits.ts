import { FORMAT_MIME, MEDIA_SIZE_ERRCODE, UPLOAD_KINDS, sniffFormat, type FileFormat, type UploadKind } from './media.js';
import { LONE_SURROGATE } from '../../../platform/text.js';

/**
 * Permanent material rules (reference §9), no I/O: what material/add_material accepts for each
 * kind (sizes and formats differ from temporary media: images are 2 MB, voice also takes wma and
 * wav), how many materials of a kind an account may keep, the article-image rules of
 * media/uploadimg, and the video description of add_material and media/uploadvideo.
 */

/** What add_material's `type` names (the same four kinds as temporary media). */
export const MATERIAL_KINDS = UPLOAD_KINDS;
export type MaterialKind = UploadKind;

/** A format a material may be: the temporary-media formats plus wav and wma voice. */
export type MaterialFormat = FileFormat | 'wav' | 'wma';

/** Largest material of each kind: image 2 MB, voice 2 MB, video 10 MB, thumb 64 KB. */
export const MATERIAL_MAX_BYTES: Record<MaterialKind, number> = {
  image: 2 * 1024 * 1024,
  voice: 2 * 1024 * 1024,
  video: 10 * 1024 * 1024,
  thumb: 64 * 1024,
};

/** Formats each material kind accepts (image bmp/png/jpeg/jpg/gif, voice mp3/wma/wav/amr, video mp4, thumb jpg). */
export const MATERIAL_FORMATS: Record<MaterialKind, readonly MaterialFormat[]> = {
  image: ['jpg', 'png', 'gif', 'bmp'],
  voice: ['mp3', 'wma', 'wav', 'amr'],
  video: ['mp4'],
  thumb: ['jpg'],
};

const MATERIAL_MIME: Record<MaterialFormat, string> = { ...FORMAT_MIME, wav: 'audio/wav', wma: 'audio/x-ms-wma' };

/** The ASF header GUID every wma file starts with. */
const ASF_GUID = Buffer.from([0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11, 0xa6, 0xd9, 0x00, 0xaa, 0x00, 0x62, 0xce, 0x6c]);

/** A material's format from its first bytes (never from the name or the declared type). */
export function sniffMaterialFormat(b: Buffer): MaterialFormat | undefined {
  if (b.length >= 12 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WAVE') return 'wav';
  if (b.length >= ASF_GUID.length && b.subarray(0, ASF_GUID.length).equals(ASF_GUID)) return 'wma';
  return sniffFormat(b);
}

/** A checked upload: accepted with its format and Content-Type, or refused with WeChat's errcode. */
export type MaterialCheck = { ok: true; format: MaterialFormat; contentType: string } | { ok: false; errcode: number };

/**
 * Checks a material of `kind`: 44001 empty, the kind's size errcode (40009–40012) when too large,
 * 40005 when the bytes are not a format the kind accepts.
 */
export function checkMaterial(kind: MaterialKind, bytes: Buffer): MaterialCheck {
  if (bytes.length === 0) return { ok: false, errcode: 44001 };
  if (bytes.length > MATERIAL_MAX_BYTES[kind]) return { ok: false, errcode: MEDIA_SIZE_ERRCODE[kind] };
  const format = sniffMaterialFormat(bytes);
  if (!format || !MATERIAL_FORMATS[kind].includes(format)) return { ok: false, errcode: 40005 };
  return { ok: true, format, contentType: MATERIAL_MIME[format] };
}

/** Article images (media/uploadimg): jpg or png under 1 MB. */
export const ARTICLE_IMAGE_MAX_BYTES = 1024 * 1024;

/** Checks an article image: 44001 empty, 40009 at 1 MB or more, 40005 when not jpg or png. */
export function checkArticleImage(bytes: Buffer): MaterialCheck {
  if (bytes.length === 0) return { ok: false, errcode: 44001 };
  if (bytes.length >= ARTICLE_IMAGE_MAX_BYTES) return { ok: false, errcode: 40009 };
  const format = sniffFormat(bytes);
  if (format !== 'jpg' && format !== 'png') return { ok: false, errcode: 40005 };
  return { ok: true, format, contentType: MATERIAL_MIME[format] };
}

/** How many materials of each kind an account may keep: images (and news) 100,000, others 1,000. */
export const MATERIAL_COUNT_LIMIT: Record<MaterialKind | 'news', number> = {
  image: 100_000,
  news: 100_000,
  voice: 1_000,
  video: 1_000,
  thumb: 1_000,
};

/**
 * The errcode when the account already keeps as many materials of a kind as allowed. WeChat
 * documents the limits but no code for reaching them; 45001 is its "out of limit" code for media.
 */
export const MATERIAL_COUNT_ERRCODE = 45001;

/** Whether one more material of `kind` fits next to `count` already kept. */
export const materialFits = (kind: MaterialKind | 'news', count: number): boolean => count < MATERIAL_COUNT_LIMIT[kind];

/** Types batchget_material lists: WeChat's four, and thumb (Herald keeps thumbs apart from images). */
export const BATCHGET_TYPES = ['image', 'video', 'voice', 'news', 'thumb'] as const;
export type BatchgetType = (typeof BATCHGET_TYPES)[number];

/** A video's title and introduction (add_material description, media/uploadvideo). */
export interface VideoDescription {
  title: string;
  introduction: string;
}

/** Longest video title and introduction, in characters. */
export const VIDEO_TITLE_MAX = 64;
export const VIDEO_INTRODUCTION_MAX = 1024;

/** PostgreSQL stores no NUL; a lone surrogate is not text. */
const UNSTORABLE = new RegExp(`\u0000|${LONE_SURROGATE.source}`);

/**
 * Checks a video's title and introduction: 40035 when the title is missing or either is not a
 * string or not storable text, 45003 title too long, 45004 introduction too long.
 */
export function checkVideoDescription(title: unknown, introduction: unknown): VideoDescription | { errcode: number } {
  if (typeof title !== 'string' || title.trim() === '' || UNSTORABLE.test(title)) return { errcode: 40035 };
  const intro = introduction ?? '';
  if (typeof intro !== 'string' || UNSTORABLE.test(intro)) return { errcode: 40035 };
  if ([...title].length > VIDEO_TITLE_MAX) return { errcode: 45003 };
  if ([...intro].length > VIDEO_INTRODUCTION_MAX) return { errcode: 45004 };
  return { title: title.trim(), introduction: intro };
}

/**
 * Parses add_material's `description` (a JSON object {"title","introduction"}, sent as a form
 * field or, by wechatpy, a query parameter): 47001 when it is not a JSON object, otherwise as
 * checkVideoDescription.
 */
export function parseVideoDescription(raw: string | undefined): VideoDescription | { errcode: number } {
  if (raw === undefined || raw.trim() === '') return { errcode: 40035 };
  if (raw.length > 64 * 1024) return { errcode: 45004 };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { errcode: 47001 };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { errcode: 47001 };
  const v = value as Record<string, unknown>;
  return checkVideoDescription(v.title, v.introduction);
}
