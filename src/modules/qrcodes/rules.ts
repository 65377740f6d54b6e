import { createHash, randomBytes } from 'node:crypto';

/**
 * Parametric QR code rules (reference §8), as pure functions: what qrcode/create accepts, and
 * how codes and tickets are minted.
 */

export const QR_ACTIONS = ['QR_SCENE', 'QR_STR_SCENE', 'QR_LIMIT_SCENE', 'QR_LIMIT_STR_SCENE'] as const;
export type QrAction = (typeof QR_ACTIONS)[number];

export const QR_DEFAULT_EXPIRE_SECONDS = 60;
export const QR_MAX_EXPIRE_SECONDS = 2_592_000;
/** Permanent codes (both kinds together) an account may have. */
export const QR_MAX_PERMANENT = 100_000;
/** QR_LIMIT_SCENE scene ids run 1..100000. */
export const QR_MAX_LIMIT_SCENE_ID = 100_000;
/** QR_SCENE scene ids are 32-bit and non-zero. */
export const QR_MAX_SCENE_ID = 0xffff_ffff;
export const QR_SCENE_STR_MAX = 64;

export const isPermanent = (action: QrAction) => action === 'QR_LIMIT_SCENE' || action === 'QR_LIMIT_STR_SCENE';
const isStrScene = (action: QrAction) => action === 'QR_STR_SCENE' || action === 'QR_LIMIT_STR_SCENE';

export interface QrRequest {
  actionName: QrAction;
  permanent: boolean;
  sceneId: number | null;
  sceneStr: string | null;
  /** Seconds until a temporary code expires; null for permanent codes. */
  expireSeconds: number | null;
}

export type QrRequestCheck = { ok: true; request: QrRequest } | { ok: false; errcode: number; at: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A whole number given as a JSON number or a string of digits; NaN otherwise. */
function wholeNumber(v: unknown): number {
  if (typeof v === 'number') return Number.isInteger(v) ? v : NaN;
  if (typeof v === 'string' && /^\d{1,16}$/.test(v.trim())) return Number(v.trim());
  return NaN;
}

/**
 * expire_seconds: absent or not positive means the default (60 s); more than 30 days is cut to
 * 30 days. Something that is not a number at all is a format error.
 */
function expireSecondsOf(v: unknown): number | undefined {
  if (v === undefined || v === null || v === '') return QR_DEFAULT_EXPIRE_SECONDS;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isFinite(n)) return undefined;
  const whole = Math.floor(n);
  if (whole <= 0) return QR_DEFAULT_EXPIRE_SECONDS;
  return Math.min(whole, QR_MAX_EXPIRE_SECONDS);
}

/**
 * Validates a qrcode/create body. Unknown action_name answers 40052; a missing or out-of-range
 * scene answers 40053 (WeChat's "invalid action info"); an expire_seconds that is not a number
 * answers 47001.
 */
export function parseQrRequest(body: unknown): QrRequestCheck {
  if (!isRecord(body)) return { ok: false, errcode: 47001, at: '' };
  const actionName = body.action_name;
  if (typeof actionName !== 'string' || !(QR_ACTIONS as readonly string[]).includes(actionName)) {
    return { ok: false, errcode: 40052, at: 'action_name' };
  }
  const action = actionName as QrAction;
  const info = body.action_info;
  const scene = isRecord(info) && isRecord(info.scene) ? info.scene : undefined;
  if (!scene) return { ok: false, errcode: 40053, at: 'action_info.scene' };
  let sceneId: number | null = null;
  let sceneStr: string | null = null;
  if (isStrScene(action)) {
    const s = scene.scene_str;
    const length = typeof s === 'string' ? [...s].length : 0;
    if (typeof s !== 'string' || length < 1 || length > QR_SCENE_STR_MAX) return { ok: false, errcode: 40053, at: 'action_info.scene.scene_str' };
    sceneStr = s;
  } else {
    const id = wholeNumber(scene.scene_id);
    const max = action === 'QR_LIMIT_SCENE' ? QR_MAX_LIMIT_SCENE_ID : QR_MAX_SCENE_ID;
    if (!(id >= 1 && id <= max)) return { ok: false, errcode: 40053, at: 'action_info.scene.scene_id' };
    sceneId = id;
  }
  const permanent = isPermanent(action);
  let expireSeconds: number | null = null;
  if (!permanent) {
    const e = expireSecondsOf(body.expire_seconds);
    if (e === undefined) return { ok: false, errcode: 47001, at: 'expire_seconds' };
    expireSeconds = e;
  }
  return { ok: true, request: { actionName: action, permanent, sceneId, sceneStr, expireSeconds } };
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** 22 base62 characters from 16 bytes (about 128 bits): the path segment the QR encodes. */
function base62(bytes: Buffer, length = 22): string {
  let n = BigInt(`0x${bytes.toString('hex')}`);
  let out = '';
  while (out.length < length) {
    out = BASE62[Number(n % 62n)] + out;
    n /= 62n;
  }
  return out;
}

export const QR_CODE_PATTERN = /^[0-9A-Za-z]{22}$/;

/** A fresh code for a temporary QR code. */
export const newTemporaryQrCode = (): string => base62(randomBytes(16));

/**
 * The code of a permanent QR code: derived from the account and the scene, so asking again for
 * the same permanent scene gives the same code (and ticket), even under concurrent calls.
 */
export function permanentQrCode(accountId: string, action: QrAction, scene: string | number): string {
  return base62(createHash('sha256').update(`${accountId}\u0000${action}\u0000${scene}`).digest().subarray(0, 16));
}

const TICKET_PREFIX = 'gQ';
const TICKET_TAG = 'herald/q/';

/**
 * The ticket of a code. Like WeChat's, the ticket carries the QR content it stands for; it uses
 * only URL-safe characters, because some SDKs paste it into the showqrcode URL unencoded.
 */
export function qrTicketFor(code: string): string {
  return TICKET_PREFIX + Buffer.from(TICKET_TAG + code, 'utf8').toString('base64url');
}

/** The code a ticket stands for, or undefined when the text is no Herald ticket. */
export function qrCodeOfTicket(ticket: string): string | undefined {
  if (!ticket.startsWith(TICKET_PREFIX) || ticket.length > 200 || !/^[\w-]+$/.test(ticket)) return undefined;
  const text = Buffer.from(ticket.slice(TICKET_PREFIX.length), 'base64url').toString('utf8');
  if (!text.startsWith(TICKET_TAG)) return undefined;
  const code = text.slice(TICKET_TAG.length);
  return QR_CODE_PATTERN.test(code) && qrTicketFor(code) === ticket ? code : undefined;
}

/** The content a code's image encodes: `<publicUrl>/q/<code>`. */
export const qrUrlFor = (publicUrl: string, code: string) => `${publicUrl.replace(/\/$/, '')}/q/${code}`;
