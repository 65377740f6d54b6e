import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../main/services.js';
import { defineApi, WxBinary } from '../../../surfaces/wechat/kit.js';
import { refusal } from '../../../protocol/errcodes.js';
import { MultipartError, parseMultipart, type MultipartPart } from '../../../protocol/multipart.js';
import { addMaterial } from '../commands/materialAdder.js';
import { deleteMaterial } from '../commands/materialDeleter.js';
import { uploadArticleImage } from '../commands/articleImageUploader.js';
import { createMassVideo } from '../commands/massVideoCreator.js';
import { countMaterialsByKind, findMaterial, listMaterials } from '../store/materials.js';
import { MEDIA_SIZE_ERRCODE } from '../rules/media.js';
import {
  ARTICLE_IMAGE_MAX_BYTES, BATCHGET_TYPES, MATERIAL_KINDS, MATERIAL_MAX_BYTES, parseVideoDescription, type BatchgetType, type MaterialKind, type VideoDescription,
} from '../rules/materialLimits.js';
import { presentMaterialItem, presentVideoMaterial } from './presenters.js';
import { newsMaterialsOf } from '../ports.js';

/** Room for the multipart framing (headers, boundaries, the description field) around a file. */
const MULTIPART_OVERHEAD = 64 * 1024;

/**
 * The parts of an upload body: 41005 when there is no file under one of `fields`, 47001 when the
 * body is not readable multipart, the size errcode when the body is far larger than any allowed file.
 */
function uploadParts(rawBody: Buffer, contentType: string | undefined, maxBytes: number, sizeErrcode: number, fields: string[]): { file: MultipartPart; parts: MultipartPart[] } {
  if (rawBody.length > maxBytes + MULTIPART_OVERHEAD) throw refusal(sizeErrcode);
  if (rawBody.length === 0) throw refusal(41005);
  let parts: MultipartPart[];
  try {
    parts = parseMultipart(rawBody, contentType);
  } catch (err) {
    if (err instanceof MultipartError && (err.reason === 'not_multipart' || err.reason === 'no_boundary')) throw refusal(41005);
    if (err instanceof MultipartError) throw refusal(47001);
    throw err;
  }
  const file = parts.find((p) => fields.includes(p.name));
  if (!file) throw refusal(41005);
  return { file, parts };
}

/** The media_id of a JSON body: 41006 when absent, 40007 when not a string. */
function mediaIdOf(body: unknown): string {
  const v = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>).media_id : undefined;
  if (v === undefined || v === null || v === '') throw refusal(41006);
  if (typeof v !== 'string') throw refusal(40007);
  return v;
}

/** A non-negative integer (numbers or numeric strings, as SDKs send them), or undefined. */
function intOf(v: unknown): number | undefined {
  const n = typeof v === 'string' && /^\d{1,9}$/.test(v.trim()) ? Number(v) : v;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

const asObject = (body: unknown): Record<string, unknown> => {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw refusal(47001);
  return body as Record<string, unknown>;
};

/**
 * Permanent materials (reference §9): material/add_material, get_material, del_material,
 * get_materialcount and batchget_material; article images (media/uploadimg) and videos for mass
 * sending (media/uploadvideo). News materials are the articles module's news groups
 * (material/add_news); this file reads and deletes them through `ports.ts`.
 */
export function registerMaterialApis(app: FastifyInstance, services: Services): void {
  defineApi(app, services, {
    path: '/cgi-bin/material/add_material',
    methods: ['POST'],
    auth: 'token',
    body: 'raw',
    maxBody: Math.max(...Object.values(MATERIAL_MAX_BYTES)) + MULTIPART_OVERHEAD,
    tooLarge: (q) => ((MATERIAL_KINDS as readonly string[]).includes(q.type ?? '') ? MEDIA_SIZE_ERRCODE[q.type as MaterialKind] : 40004),
    async handler(ctx) {
      const type = ctx.query.type;
      if (!(MATERIAL_KINDS as readonly string[]).includes(type ?? '')) throw refusal(40004);
      const kind = type as MaterialKind;
      const { file, parts } = uploadParts(ctx.rawBody, ctx.request.headers['content-type'], MATERIAL_MAX_BYTES[kind], MEDIA_SIZE_ERRCODE[kind], ['media']);
      let video: VideoDescription | undefined;
      if (kind === 'video') {
        const field = parts.find((p) => p.name === 'description' && p.filename === undefined);
        const parsed = parseVideoDescription(field ? field.data.toString('utf8') : ctx.query.description);
        if ('errcode' in parsed) throw refusal(parsed.errcode);
        video = parsed;
      }
      const row = await addMaterial(ctx.services, { account: ctx.account, kind, file: { bytes: file.data, filename: file.filename }, video });
      const item = presentMaterialItem(ctx.services.config.publicUrl, row);
      return kind === 'image' ? { media_id: row.id, url: item.url } : { media_id: row.id };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/material/get_material',
    methods: ['POST'],
    auth: 'token',
    maxBody: 4096,
    async handler(ctx) {
      const id = mediaIdOf(ctx.body);
      const row = await findMaterial(ctx.services.db, ctx.account.id, id);
      if (row) {
        if (row.kind === 'video') return presentVideoMaterial(ctx.services.config.publicUrl, row);
        const bytes = await ctx.services.mediaStorage.get(row.storageKey);
        if (!bytes) throw refusal(40007);
        return new WxBinary(bytes, row.contentType, row.filename);
      }
      const news = await newsMaterialsOf().find(ctx.services, ctx.account.id, id);
      if (!news) throw refusal(40007);
      return { news_item: news };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/material/del_material',
    methods: ['POST'],
    auth: 'token',
    maxBody: 4096,
    async handler(ctx) {
      const id = mediaIdOf(ctx.body);
      await deleteMaterial(ctx.services, { account: ctx.account, mediaId: id });
      return { errcode: 0, errmsg: 'ok' };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/material/get_materialcount',
    methods: ['GET', 'POST'],
    auth: 'token',
    async handler(ctx) {
      const [byKind, news] = await Promise.all([countMaterialsByKind(ctx.services.db, ctx.account.id), newsMaterialsOf().count(ctx.services, ctx.account.id)]);
      return { voice_count: byKind.voice, video_count: byKind.video, image_count: byKind.image, news_count: news };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/material/batchget_material',
    methods: ['POST'],
    auth: 'token',
    maxBody: 4096,
    async handler(ctx) {
      const body = asObject(ctx.body);
      if (!(BATCHGET_TYPES as readonly unknown[]).includes(body.type)) throw refusal(40004);
      const type = body.type as BatchgetType;
      const offset = body.offset === undefined ? 0 : intOf(body.offset);
      const count = intOf(body.count);
      if (offset === undefined || count === undefined || count < 1 || count > 20) throw refusal(40035);
      if (type === 'news') {
        const page = await newsMaterialsOf().page(ctx.services, ctx.account.id, offset, count);
        return { total_count: page.total, item_count: page.items.length, item: page.items };
      }
      const byKind = await countMaterialsByKind(ctx.services.db, ctx.account.id);
      const rows = await listMaterials(ctx.services.db, ctx.account.id, type, offset, count);
      const item = rows.map((r) => presentMaterialItem(ctx.services.config.publicUrl, r));
      return { total_count: byKind[type], item_count: item.length, item };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/media/uploadimg',
    methods: ['POST'],
    auth: 'token',
    body: 'raw',
    maxBody: ARTICLE_IMAGE_MAX_BYTES + MULTIPART_OVERHEAD,
    tooLarge: () => 40009,
    async handler(ctx) {
      // co-wechat-api's card uploadLogo sends the same upload under the field name "buffer".
      const { file } = uploadParts(ctx.rawBody, ctx.request.headers['content-type'], ARTICLE_IMAGE_MAX_BYTES, 40009, ['media', 'buffer']);
      const { url } = await uploadArticleImage(ctx.services, { account: ctx.account, file: { bytes: file.data, filename: file.filename } });
      return { url };
    },
  });

  defineApi(app, services, {
    path: '/cgi-bin/media/uploadvideo',
    methods: ['POST'],
    auth: 'token',
    maxBody: 16 * 1024,
    async handler(ctx) {
      const body = asObject(ctx.body);
      const id = mediaIdOf(body);
      const row = await createMassVideo(ctx.services, { account: ctx.account, mediaId: id, title: body.title, description: body.description });
      return { type: 'video', media_id: row.id, created_at: Math.floor(row.createdAt.getTime() / 1000) };
    },
  });
}
