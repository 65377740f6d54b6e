/**
 * What an account's profile may be (公众号设置): the MP backend's rules for the name, the
 * description (功能介绍), the WeChat ID (微信号) and the avatar, and the QR code's download sizes.
 * Pure: no I/O.
 */

/** Name: 2 to 30 characters (code points). */
export const NAME_MIN_CHARS = 2;
export const NAME_MAX_CHARS = 30;
/** Description (功能介绍): 4 to 120 characters. */
export const DESCRIPTION_MIN_CHARS = 4;
export const DESCRIPTION_MAX_CHARS = 120;
/** WeChat ID (微信号): 6 to 20 letters, digits, underscores or hyphens, starting with a letter. */
export const WECHAT_ID_RE = /^[A-Za-z][A-Za-z0-9_-]{5,19}$/;
/** Avatar: a JPEG, PNG, GIF or BMP image of at most 2 MB. */
export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;
export const AVATAR_FORMATS = ['jpg', 'png', 'gif', 'bmp'] as const;

/**
 * The sizes the MP backend offers the account's QR code in: the printed side (cm) and the
 * image's side in pixels.
 */
export const QR_DOWNLOAD_SIZES = [
  { cm: 8, px: 258 },
  { cm: 12, px: 344 },
  { cm: 15, px: 430 },
  { cm: 30, px: 860 },
  { cm: 50, px: 1280 },
] as const;

export type QrDownloadPx = (typeof QR_DOWNLOAD_SIZES)[number]['px'];

export const isQrDownloadPx = (px: number): px is QrDownloadPx => QR_DOWNLOAD_SIZES.some((s) => s.px === px);

/** Which profile field a problem is about, and the stable code the console translates. */
export interface ProfileProblem {
  field: 'name' | 'description' | 'wechat_id';
  code: 'name_length' | 'description_length' | 'wechat_id_format';
}

export interface ProfileInput {
  name?: string;
  description?: string;
  wechatId?: string | null;
}

const chars = (s: string) => [...s].length;

/** Every problem with the fields given (a field left out is not checked); empty when all is well. */
export function checkProfile(input: ProfileInput): ProfileProblem[] {
  const problems: ProfileProblem[] = [];
  if (input.name !== undefined) {
    const n = chars(input.name.trim());
    if (n < NAME_MIN_CHARS || n > NAME_MAX_CHARS) problems.push({ field: 'name', code: 'name_length' });
  }
  if (input.description !== undefined) {
    const n = chars(input.description.trim());
    if (n < DESCRIPTION_MIN_CHARS || n > DESCRIPTION_MAX_CHARS) problems.push({ field: 'description', code: 'description_length' });
  }
  if (input.wechatId !== undefined && input.wechatId !== null && !WECHAT_ID_RE.test(input.wechatId)) {
    problems.push({ field: 'wechat_id', code: 'wechat_id_format' });
  }
  return problems;
}
