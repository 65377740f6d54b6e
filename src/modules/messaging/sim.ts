import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { DomainError } from '../../platform/errors.js';
import { sendRefusal } from '../../platform/http/jsonRoute.js';
import { sendUserMessage, sendUserMessageBatch, sendUserMessagesAtOnce } from './commands/userMessageSender.js';
import { USER_MSG_TYPES, checkUserMessage, type UserMessageInput } from './rules/userMessage.js';
import { withTransaction } from '../../platform/jobs/transaction.js';
import { uploadFollowerMedia } from '../media/index.js';
import { reportLocation } from '../followers/index.js';
import { issuePhoneToken } from '../../surfaces/phone/token.js';
import { findAccountByAppid, type AccountRow } from '../accounts/index.js';
import { findFollowerUser } from '../followers/index.js';
import { listUserConversation, MAX_CONVERSATION_PAGE } from './store/conversations.js';
import { simOutcome as outcome } from './simOutcome.js';
import { presentPhoneMessage } from './phone/messagePresenter.js';
import { MultipartError, parseMultipart } from '../../protocol/multipart.js';
import { MEDIA_MAX_BYTES } from '../media/rules/media.js';
import { simAccount, simRoute } from '../../surfaces/sim/kit.js';
import { PLACEHOLDER_AMR, PLACEHOLDER_JPEG, PLACEHOLDER_MP4, PLACEHOLDER_PNG } from '../../surfaces/sim/placeholders.js';

const accountRef = z.string().min(1).max(64);
/** Largest upload body: the largest media (10 MB) plus multipart framing. */
const MEDIA_BODY_LIMIT = MEDIA_MAX_BYTES.video + 64 * 1024;

/** The message fields are checked by the command (domain/userMessage.ts); these are the simulator's own. */
const messageBody = z.looseObject({
  account: accountRef,
  msgtype: z.enum(USER_MSG_TYPES as [string, ...string[]]),
  /** false returns at once, without waiting for the delivery. */
  wait: z.boolean().default(true),
});

/** At most this many messages per batch request. */
export const MAX_BATCH_MESSAGES = 100;

const batchBody = z.object({
  messages: z
    .array(z.looseObject({ user: z.string().min(1).max(64), account: accountRef, msgtype: z.enum(USER_MSG_TYPES as [string, ...string[]]) }))
    .min(1)
    .max(MAX_BATCH_MESSAGES),
});

const locationBody = z.object({
  account: accountRef,
  latitude: z.number(),
  longitude: z.number(),
  precision: z.number().default(30),
});

const inboxQuery = z.object({
  account: accountRef.optional(),
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_CONVERSATION_PAGE).default(100),
});

/** A follower's upload made for a script that sent a media message without one. */
async function placeholder(services: Services, userId: string, bytes: Buffer, filename: string): Promise<string> {
  return (await uploadFollowerMedia(services, userId, { bytes, filename })).media_id;
}

/** Fills in placeholder media for image, voice and video messages sent without media_id. */
async function withMedia(services: Services, userId: string, msg: Record<string, unknown>): Promise<Record<string, unknown>> {
  const out = { ...msg };
  // Messages without media need no lookup here: the command refuses an unknown user itself.
  if (!['image', 'voice', 'video', 'shortvideo'].includes(String(out.msgtype))) return out;
  const missing = (k: string) => out[k] === undefined || out[k] === null || out[k] === '';
  if (!(await findFollowerUser(services.db, userId))) throw new DomainError('not_found', 'User not found.');
  if (out.msgtype === 'image' && missing('media_id')) out.media_id = await placeholder(services, userId, PLACEHOLDER_PNG, 'photo.png');
  if (out.msgtype === 'voice' && missing('media_id')) out.media_id = await placeholder(services, userId, PLACEHOLDER_AMR, 'voice.amr');
  if (out.msgtype === 'video' || out.msgtype === 'shortvideo') {
    if (missing('media_id')) out.media_id = await placeholder(services, userId, PLACEHOLDER_MP4, 'video.mp4');
    if (missing('thumb_media_id')) out.thumb_media_id = await placeholder(services, userId, PLACEHOLDER_JPEG, 'thumb.jpg');
  }
  return out;
}

async function accountIdOf(services: Services, appid: string): Promise<string> {
  return (await simAccount(services, appid)).id;
}

/**
 * What a simulated user does in chats: send any message type, upload media, report their
 * location, read their conversations, and get a phone token for the WebSocket. (Tapping the menu
 * and scanning QR codes are the menus and qrcodes modules' sim routes.)
 */
export function registerMessageRoutes(app: FastifyInstance, services: Services): void {
  simRoute(app, services, {
    method: 'POST',
    url: '/users/:id/messages',
    body: messageBody,
    async handler({ params, body }) {
      const { account, wait, ...message } = body;
      // Without wait the answer needs no account id: the command refuses an unknown account.
      const accountId = wait ? await accountIdOf(services, account) : '';
      const checked = checkUserMessage(await withMedia(services, params.id, message));
      if (!checked.ok) throw new DomainError('invalid_request', checked.message);
      const sent = await sendUserMessage(services, params.id, account, checked.message);
      return {
        msg_id: sent.msgId,
        openid: sent.openid,
        message: sent.message,
        route: sent.route,
        ...(await outcome(services, params.id, accountId, sent.deliveryId, sent.message.id, wait)),
      };
    },
  });

  // Many users' messages in one request, for load generation and scripted conversations: each
  // is sent as by POST /users/:id/messages with wait false, all in one transaction, so a batch
  // interrupted by a crash leaves none of its messages (and a client that got no answer may send
  // it again). The common case (followers' text to an account with a server) is one statement,
  // all or nothing; otherwise a refusal answers in its own slot (its savepoint is undone), not
  // for the batch.
  simRoute(app, services, {
    method: 'POST',
    url: '/messages/batch',
    body: batchBody,
    async handler({ body }) {
      const results: object[] = new Array(body.messages.length);
      const refuse = (i: number, err: unknown) => {
        if (!(err instanceof DomainError)) throw err;
        results[i] = { error: { code: err.code, message: err.message } };
      };
      // Before the transaction: each account read once, messages checked, placeholder media
      // uploaded (a follower's uploads, not part of the batch).
      const accounts = new Map<string, AccountRow | undefined>();
      for (const appid of new Set(body.messages.map((m) => m.account))) accounts.set(appid, await findAccountByAppid(services.db, appid));
      const ready: Array<{ i: number; user: string; account: string; message: UserMessageInput }> = [];
      await Promise.all(body.messages.map(async (item, i) => {
        const { user, account, wait: _wait, ...message } = item;
        try {
          const checked = checkUserMessage(await withMedia(services, user, message));
          if (!checked.ok) throw new DomainError('invalid_request', checked.message);
          ready.push({ i, user, account, message: checked.message });
        } catch (err) {
          refuse(i, err);
        }
      }));
      // One user's messages in the order given; users in one order (by id) so that concurrent
      // batches take their row locks in the same order.
      ready.sort((a, b) => (a.user < b.user ? -1 : a.user > b.user ? 1 : a.i - b.i));
      const batch = ready.map((r) => ({ userId: r.user, appid: r.account, input: r.message }));
      // The common case: every message recorded by one statement, all or nothing.
      const atOnce = await sendUserMessagesAtOnce(services, batch, accounts);
      if (atOnce) {
        for (const [k, { i }] of ready.entries()) {
          const one = atOnce[k];
          results[i] = { msg_id: one.msgId, openid: one.openid, route: one.route, delivery_id: one.deliveryId ?? null };
        }
        return { results };
      }
      await withTransaction(services, async (tx, after) => {
        const sent = await sendUserMessageBatch(services, batch, accounts, { tx, after });
        for (const [k, { i }] of ready.entries()) {
          const one = sent[k];
          if (one instanceof DomainError) refuse(i, one);
          else results[i] = { msg_id: one.msgId, openid: one.openid, route: one.route, delivery_id: one.deliveryId ?? null };
        }
      });
      return { results };
    },
  });

  simRoute(app, services, {
    method: 'POST',
    url: '/users/:id/location',
    body: locationBody,
    async handler({ params, body }) {
      const { deliveryId } = await reportLocation(services, params.id, body.account, { latitude: body.latitude, longitude: body.longitude, precision: body.precision });
      return { delivery_id: deliveryId };
    },
  });

  simRoute(app, services, {
    method: 'GET',
    url: '/users/:id/inbox',
    query: inboxQuery,
    async handler({ params, query }) {
      if (!(await findFollowerUser(services.db, params.id))) throw new DomainError('not_found', 'User not found.');
      const accountId = query.account ? await accountIdOf(services, query.account) : undefined;
      const rows = await listUserConversation(services.db, params.id, { after: query.after, accountId, limit: query.limit });
      return { messages: rows.map(presentPhoneMessage), last_id: rows.length > 0 ? rows[rows.length - 1].id : query.after };
    },
  });

  simRoute(app, services, {
    method: 'POST',
    url: '/users/:id/phone-token',
    async handler({ params }) {
      if (!(await findFollowerUser(services.db, params.id))) throw new DomainError('not_found', 'User not found.');
      return { token: await issuePhoneToken(services, params.id) };
    },
  });

  // Uploads carry files, not JSON: the raw body (any file type) or multipart/form-data with a
  // `media` (or `file`) field.
  app.route({
    method: 'POST',
    url: '/sim/v1/users/:id/media',
    bodyLimit: MEDIA_BODY_LIMIT,
    handler: async (request, reply) => {
      const { id } = request.params as { id: string };
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const type = String(request.headers['content-type'] ?? '');
      try {
        let file: { bytes: Buffer; filename?: string } = { bytes: raw };
        if (/^multipart\/form-data/i.test(type)) {
          let parts;
          try {
            parts = parseMultipart(raw, type);
          } catch (err) {
            if (err instanceof MultipartError) throw new DomainError('invalid_request', err.message);
            throw err;
          }
          const part = parts.find((p) => p.name === 'media') ?? parts.find((p) => p.name === 'file');
          if (!part) throw new DomainError('invalid_request', 'Send the file in a form field named media.');
          file = { bytes: part.data, filename: part.filename };
        }
        const uploaded = await uploadFollowerMedia(services, id, file);
        return reply.code(201).send(uploaded);
      } catch (err) {
        if (err instanceof DomainError) return sendRefusal(reply, err, 'fields');
        throw err;
      }
    },
  });
}
