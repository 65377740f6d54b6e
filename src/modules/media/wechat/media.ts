import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../main/services.js';
import { defineApi, WxBinary } from '../../../surfaces/wechat/kit.js';
import { refusal } from '../../../protocol/errcodes.js';
import { MultipartError, parseMultipart } from '../../../protocol/multipart.js';
import { uploadAccountMedia } from '../commands/mediaUploader.js';
import { accountMayRead, findMedia } from '../store/media.js';
import { MEDIA_MAX_BYTES, MEDIA_SIZE_ERRCODE, UPLOAD_KINDS, mediaAlive, mediaUrl, type UploadKind } from '../rules/media.js';
import { contentDisposition } from '../../../platform/http/contentDisposition.js';

/** Room for the multipart framing (headers, boundaries, other small fields) around a file. */
const MULTIPART_OVERHEAD = 64 * 1024;

/** The `media` file of an upload body: 41005 when there is none, 47001 when the body is not readable multipart. */
function mediaFile(rawBody: Buffer, contentType: string | undefined, kind: UploadKind): { bytes: Buffer; filename?: string } {
  if (rawBody.length > MEDIA_MAX_BYTES[kind] + MULTIPART_OVERHEAD) throw refusal(MEDIA_SIZE_ERRCODE[kind]);
  if (rawBody.length === 0) throw refusal(41005);
  let parts;
  try {
    parts = parseMultipart(rawBody, contentType);
  } catch (err) {
    if (err instanceof MultipartError && (err.reason === 'not_multipart' || err.reason === 'no_boundary')) throw refusal(41005);
    if (err instanceof MultipartError) throw refusal(47001);
    throw err;
  }
  const part = parts.find((p) => p.name === 'media');
  if (!part) throw refusal(41005);
  return { bytes: part.data, filename: part.filename };
}

/**
 * Temporary media (reference §9): media/upload (multipart field `media`, type image, voice,
 * video or thumb; kept 3 days) and media/get (the bytes with Content-Type and
 * Content-Disposition; a video answers {video_url}), and media/get/jssdk the same way for what
 * pages uploaded with wx.uploadImage. An account reads its own uploads and the
 * files followers sent it. Also serves /media/:media_id, the public address of a media (PicUrl
 * in pushes, the phone's images), which works as long as the media does.
 */
export function registerMediaApis(app: FastifyInstance, services: Services): void {
  defineApi(app, services, {
    path: '/cgi-bin/media/upload',
    methods: ['POST'],
    auth: 'token',
    body: 'raw',
    maxBody: Math.max(...Object.values(MEDIA_MAX_BYTES)) + MULTIPART_OVERHEAD,
    tooLarge: (q) => ((UPLOAD_KINDS as readonly string[]).includes(q.type ?? '') ? MEDIA_SIZE_ERRCODE[q.type as UploadKind] : 40004),
    async handler(ctx) {
      const type = ctx.query.type;
      if (!(UPLOAD_KINDS as readonly string[]).includes(type ?? '')) throw refusal(40004);
      const kind = type as UploadKind;
      const file = mediaFile(ctx.rawBody, ctx.request.headers['content-type'], kind);
      const row = await uploadAccountMedia(ctx.services, ctx.account, kind, file);
      const createdAt = Math.floor(row.createdAt.getTime() / 1000);
      // WeChat names the id thumb_media_id for thumbs; media_id is kept too for SDKs that read only that.
      return { errcode: 0, errmsg: 'ok', type: kind, media_id: row.id, ...(kind === 'thumb' ? { thumb_media_id: row.id } : {}), created_at: createdAt };
    },
  });

  // media/get/jssdk is where WeChat serves what a page uploaded with the JS-SDK (wx.uploadImage's
  // serverId); for an image it answers the file exactly as media/get does.
  for (const path of ['/cgi-bin/media/get', '/cgi-bin/media/get/jssdk']) {
    defineApi(app, services, {
      path,
      methods: ['GET', 'POST'],
      auth: 'token',
      async handler(ctx) {
        const body = ctx.body as { media_id?: unknown } | undefined;
        const id = ctx.query.media_id ?? (typeof body?.media_id === 'string' ? body.media_id : undefined);
        if (!id) throw refusal(41006);
        const m = await findMedia(ctx.services.db, id);
        if (!m || !mediaAlive(m, ctx.services.clock.nowMs()) || !(await accountMayRead(ctx.services.db, m, ctx.account.id))) throw refusal(40007);
        if (m.kind === 'video') return { video_url: mediaUrl(ctx.services.config.publicUrl, m.id) };
        const bytes = await ctx.services.mediaStorage.get(m.storageKey);
        if (!bytes) throw refusal(40007);
        return new WxBinary(bytes, m.contentType, m.filename);
      },
    });
  }

  app.route({
    method: ['GET', 'HEAD'],
    url: '/media/:id',
    handler: async (request, reply) => {
      const { id } = request.params as { id: string };
      const m = await findMedia(services.db, id);
      const bytes = m && mediaAlive(m, services.clock.nowMs()) ? await services.mediaStorage.get(m.storageKey) : undefined;
      if (!m || !bytes) return reply.code(404).send({ error: { code: 'not_found', message: 'No such media (temporary media expire after 3 days).' } });
      return reply
        .header('content-type', m.contentType)
        .header('content-disposition', contentDisposition('inline', m.filename))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=3600')
        .send(bytes);
    },
  });
}
