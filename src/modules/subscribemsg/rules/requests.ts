/**
 * The subscribe-notification APIs' inputs, checked without I/O (reference §6, commerce §5.4):
 * getpubtemplatetitles' query, addtemplate's body (JSON, or the form body the mini-program docs
 * recommend), message/subscribe/bizsend's and message/template/subscribe's bodies. Pure.
 */
import { buildCard, isWeappAppid, parseTemplateSend, type CardField, type Checked, type Refusal } from '../../templates/rules/templateMessage.js';
import { keywordKey, publicTemplate, subscribeCategory, type PublicTemplate, type SubscribeKeyword } from './library.js';

export type { CardField, Checked, Refusal };

/** getpubtemplatetitles pages at most this many titles (200017 beyond). */
export const MAX_TITLES_PAGE = 30;
/** addtemplate takes 2 to 5 keywords (200020 otherwise). */
export const MIN_KEYWORDS = 2;
export const MAX_KEYWORDS = 5;
/** sceneDesc is at most 15 characters (200021 beyond). */
export const MAX_SCENE_DESC = 15;
/**
 * An account keeps at most this many subscribe templates (200012 beyond). The mini-program
 * documentation says 25; the Official Account pages do not say, so Herald keeps the same.
 */
export const MAX_SUBSCRIBE_TEMPLATES = 25;
/** message/template/subscribe: title ≤ 15 characters, content ≤ 200, scene 0–10000. */
export const MAX_LEGACY_TITLE = 15;
export const MAX_LEGACY_CONTENT = 200;
export const MAX_LEGACY_SCENE = 10_000;

const fail = (errcode: number, extra: { at?: string; errmsg?: string } = {}): { ok: false } & Refusal => ({ ok: false, errcode, ...extra });
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A non-negative whole number given as a number or a numeric string. */
function wholeNumber(v: unknown, max: number): number | undefined {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= max) return v;
  if (typeof v === 'string' && /^\d{1,9}$/.test(v.trim())) {
    const n = Number(v.trim());
    return n <= max ? n : undefined;
  }
  return undefined;
}

export interface TitlesQuery {
  categoryIds: number[];
  start: number;
  limit: number;
}

/**
 * getpubtemplatetitles' `ids` (category ids separated by commas; 200018 missing, 200019 not ours
 * or not numbers), `start` (from 0; 200016) and `limit` (1–30; 200017).
 */
export function parseTitlesQuery(query: Record<string, string>): Checked<TitlesQuery> {
  const ids = query.ids;
  if (ids === undefined || ids.trim() === '') return fail(200018, { errmsg: 'missing parameter ids' });
  const parts = ids.split(',').map((s) => s.trim());
  if (parts.length > 50 || parts.some((p) => !/^\d{1,9}$/.test(p) || !subscribeCategory(Number(p)))) return fail(200019, { errmsg: 'invalid parameter ids' });
  const start = wholeNumber(query.start, 1_000_000);
  if (start === undefined) return fail(200016, { errmsg: 'invalid parameter start' });
  const limit = wholeNumber(query.limit, MAX_TITLES_PAGE);
  if (limit === undefined || limit < 1) return fail(200017, { errmsg: 'invalid parameter limit' });
  return { ok: true, value: { categoryIds: [...new Set(parts.map(Number))], start, limit } };
}

/** getpubtemplatekeywords' `tid` (200014 missing or unknown). */
export function parseTid(v: unknown): Checked<PublicTemplate> {
  if (v === undefined || v === null || v === '') return fail(200014, { errmsg: 'missing parameter tid' });
  const tid = wholeNumber(v, 1_000_000_000);
  const t = tid === undefined ? undefined : publicTemplate(tid);
  return t ? { ok: true, value: t } : fail(200014, { errmsg: 'tid does not exist' });
}

export interface AddTemplateRequest {
  template: PublicTemplate;
  keywords: SubscribeKeyword[];
  sceneDesc: string;
}

/**
 * addtemplate: `tid`, `kidList` (2–5 different kids of the template, in the order wanted:
 * 200020), `sceneDesc` (optional, ≤ 15 characters: 200021).
 */
export function parseAddTemplate(body: Record<string, unknown>): Checked<AddTemplateRequest> {
  const t = parseTid(body.tid);
  if (!t.ok) return t;
  const kids = body.kidList;
  if (!Array.isArray(kids) || kids.length < MIN_KEYWORDS || kids.length > MAX_KEYWORDS) return fail(200020, { errmsg: 'invalid keywords' });
  const picked: SubscribeKeyword[] = [];
  for (const raw of kids) {
    const kid = wholeNumber(raw, 1000);
    const k = kid === undefined ? undefined : t.value.keywords.find((x) => x.kid === kid);
    if (!k || picked.includes(k)) return fail(200020, { errmsg: 'invalid keywords' });
    picked.push(k);
  }
  const scene = body.sceneDesc ?? '';
  if (typeof scene !== 'string' || [...scene].length > MAX_SCENE_DESC || /[\u0000-\u001f\u007f]/.test(scene)) return fail(200021, { errmsg: 'invalid parameter sceneDesc' });
  return { ok: true, value: { template: t.value, keywords: picked, sceneDesc: scene } };
}

/**
 * The form body the mini-program documentation recommends (`tid=401&kidList=1&kidList=2&sceneDesc=…`,
 * also `kidList[0]=1`) read as the JSON body would be. Undefined when it is not a form.
 */
export function formBody(text: string): Record<string, unknown> | undefined {
  if (!/^[\w%[\].+-]+=/.test(text)) return undefined;
  const params = new URLSearchParams(text);
  const kidList: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [k, v] of params) {
    if (k === 'kidList' || /^kidList\[\d*\]$/.test(k)) kidList.push(v);
    else if (k === 'tid' || k === 'sceneDesc') out[k] = v;
  }
  if (kidList.length > 0) out.kidList = kidList;
  return out;
}

export interface BizsendRequest {
  touser: string;
  templateId: string;
  /** The web page 详情 opens (`page`; also `url` as some SDKs send). */
  page: string | null;
  miniprogram: { appid: string; pagepath: string } | null;
  data: Record<string, { value: string; color: string | null }>;
}

/**
 * message/subscribe/bizsend's body: `{touser, template_id, page?, miniprogram?: {appid,
 * pagepath}, data: {key: {value}}}`, shaped as template/send's (40003 touser, 40037 template_id,
 * 40066 page, 40166/40165 miniprogram, 47001/47003 data).
 */
export function parseBizsend(body: unknown): Checked<BizsendRequest> {
  if (!isObject(body)) return fail(47001);
  const page = body.page ?? body.url;
  const parsed = parseTemplateSend({ touser: body.touser, template_id: body.template_id, url: page, miniprogram: body.miniprogram, data: body.data });
  if (!parsed.ok) return parsed;
  const { touser, templateId, url, miniprogram, data } = parsed.value;
  if (miniprogram && !isWeappAppid(miniprogram.appid)) return fail(40166, { at: 'miniprogram.appid' });
  return { ok: true, value: { touser, templateId, page: url, miniprogram, data } };
}

/** The card's fields for a template's keywords (47003 naming `data.<key>.value` for a value that does not fit). */
export function subscribeCard(keywords: readonly SubscribeKeyword[], data: BizsendRequest['data']): Checked<CardField[]> {
  return buildCard(keywords.map((k) => ({ key: keywordKey(k), name: k.name, example: k.example })), data);
}

export interface LegacySubscribeRequest {
  touser: string;
  templateId: string;
  url: string | null;
  miniprogram: { appid: string; pagepath: string } | null;
  scene: number;
  title: string;
  content: { value: string; color: string | null };
}

/**
 * message/template/subscribe (the legacy one-time subscribe message): `{touser, template_id, url,
 * miniprogram, scene, title (≤ 15), data: {content: {value (≤ 200), color}}}`. 40003, 40037,
 * 40066, 40166 as template/send; 40035 for a scene, title or content out of its limits.
 */
export function parseLegacySubscribe(body: unknown): Checked<LegacySubscribeRequest> {
  if (!isObject(body)) return fail(47001);
  const parsed = parseTemplateSend({ touser: body.touser, template_id: body.template_id, url: body.url, miniprogram: body.miniprogram, data: body.data });
  if (!parsed.ok) return parsed;
  const { touser, templateId, url, miniprogram, data } = parsed.value;
  if (miniprogram && !isWeappAppid(miniprogram.appid)) return fail(40166, { at: 'miniprogram.appid' });
  const scene = wholeNumber(body.scene, MAX_LEGACY_SCENE);
  if (scene === undefined) return fail(40035, { at: 'scene' });
  const title = body.title;
  if (typeof title !== 'string' || title.trim() === '' || [...title].length > MAX_LEGACY_TITLE) return fail(40035, { at: 'title' });
  const content = data.content;
  if (!content || content.value === '' || [...content.value].length > MAX_LEGACY_CONTENT) return fail(47003, { errmsg: 'argument invalid! data.content.value invalid' });
  return { ok: true, value: { touser, templateId, url, miniprogram, scene, title, content } };
}
