import type { FastifyInstance, FastifyRequest } from 'fastify';
import websocket from '@fastify/websocket';
import type { WebSocket } from 'ws';
import type { Logger } from 'pino';
import type { Services } from '../../main/services.js';
import { verifyPhoneToken } from './token.js';
import type { RealtimeEvent } from '../../platform/realtime/hub.js';

/** A phone is pinged this often; one that has not answered the previous ping is dropped. */
export const HEARTBEAT_MS = 25_000;
/**
 * Bytes queued for one phone at most. A phone that cannot keep up is disconnected rather than
 * buffered without bound; it replays what it missed when it reconnects.
 */
export const MAX_BUFFERED_BYTES = 1024 * 1024;
/** Rows read per replay page. */
const REPLAY_PAGE = 200;

/** Close codes phones see. */
export const CLOSE_CODES = { tooSlow: 4008, shuttingDown: 1001 } as const;

const users = new WeakMap<FastifyRequest, { userId: string; after: number }>();

/** Sends one frame; resolves when it is handed to the socket (backpressure for the replay). */
function sendFrame(socket: WebSocket, data: string): Promise<void> {
  return new Promise((resolve) => {
    if (socket.readyState !== socket.OPEN) return resolve();
    socket.send(data, () => resolve());
  });
}

/**
 * An error on an established phone socket. What a client did wrong (a frame over 4 KB, bad
 * UTF-8, a broken frame: ws's WS_ERR_* codes) or a dropped connection is the client's matter:
 * one line at warn or debug, without a stack. Anything else is Herald's and logged as an error.
 */
function socketError(log: Logger, err: Error & { code?: string }, socket: WebSocket): void {
  const code = typeof err.code === 'string' ? err.code : undefined;
  if (code?.startsWith('WS_ERR_')) log.warn({ code, reason: err.message }, 'phone socket closed: client error');
  else if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ETIMEDOUT') log.debug({ code }, 'phone socket dropped');
  else log.error({ err }, 'phone socket error');
  socket.terminate();
}

/**
 * GET /phone/ws?token=<phone token>&after=<last conversation message id>: the phone's live
 * connection. On connect every conversation row of the user with id > after is replayed, oldest
 * first; then new rows, typing indicators and menu changes arrive as they happen (see
 * RealtimeEvent). Events published while the replay runs are held and sent after it, without
 * repeating rows the replay already sent. A bad token is refused before the upgrade (HTTP 401).
 */
export async function registerRealtimeRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const log = services.log.child({ component: 'realtime' });
  await app.register(websocket, { options: { maxPayload: 4096 }, errorHandler: (err, socket) => socketError(log, err, socket) });

  app.get(
    '/phone/ws',
    {
      websocket: true,
      preValidation: async (request, reply) => {
        const q = (request.query ?? {}) as Record<string, unknown>;
        const userId = await verifyPhoneToken(services, typeof q.token === 'string' ? q.token : undefined);
        if (!userId) return reply.code(401).send({ error: { code: 'unauthorized', message: 'A valid phone token is required.' } });
        const afterRaw = typeof q.after === 'string' && q.after !== '' ? q.after : '0';
        if (!/^\d{1,15}$/.test(afterRaw)) return reply.code(400).send({ error: { code: 'invalid_request', message: 'after must be a message id (a non-negative integer).' } });
        users.set(request, { userId, after: Number(afterRaw) });
      },
    },
    (socket, request) => {
      const who = users.get(request);
      if (!who) {
        socket.close(1008, 'unauthorized');
        return;
      }
      const { userId } = who;
      let lastSentId = who.after;
      let replaying = true;
      let alive = true;
      const held: RealtimeEvent[] = [];

      const push = (event: RealtimeEvent) => {
        if (socket.readyState !== socket.OPEN) return;
        if (event.type === 'message') {
          if (event.message.id <= lastSentId) return;
          lastSentId = event.message.id;
        }
        if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
          socket.close(CLOSE_CODES.tooSlow, 'too slow; reconnect with after=<last id>');
          return;
        }
        socket.send(JSON.stringify(event));
      };
      const unsubscribe = services.realtime.subscribe(userId, (event) => {
        if (replaying) held.push(event);
        else push(event);
      });

      const heartbeat = setInterval(() => {
        if (!alive) {
          socket.terminate();
          return;
        }
        alive = false;
        socket.ping();
      }, HEARTBEAT_MS);
      socket.on('pong', () => {
        alive = true;
      });
      // Phones may ping too (text "ping"): answer so they can measure the link.
      socket.on('message', (data) => {
        if (data.toString() === 'ping') socket.send(JSON.stringify({ type: 'pong' }));
      });
      socket.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
      // Socket errors are logged once, classified, by socketError (the plugin's errorHandler).

      const replay = async () => {
        for (;;) {
          const page = await services.kits.phone.missedMessages(services.db, userId, lastSentId, REPLAY_PAGE);
          for (const message of page) {
            if (socket.readyState !== socket.OPEN) return;
            lastSentId = message.id;
            await sendFrame(socket, JSON.stringify({ type: 'message', message }));
          }
          if (page.length < REPLAY_PAGE) break;
        }
        replaying = false;
        for (const e of held.splice(0)) push(e);
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ type: 'ready', last_id: lastSentId }));
      };
      replay().catch((err: unknown) => {
        log.warn({ err }, 'phone replay failed');
        socket.close(1011, 'replay failed');
      });
    },
  );
}
