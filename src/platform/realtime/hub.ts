import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Logger } from 'pino';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/connect.js';

/**
 * The realtime hub: what phones connected over WebSocket (GET /phone/ws) are told as it
 * happens. Commands publish after their transaction commits; nothing here is durable, because
 * a phone that misses an event replays the conversation rows it has not seen when it
 * reconnects (`after=<last id>`).
 *
 * Several nodes: on PostgreSQL every publish is also sent with NOTIFY (a small payload: the
 * user and the message id) and each node forwards it to the phones connected to it, loading the
 * row itself. Several Herald instances on one PGlite database live in one process and share an
 * in-process bus instead.
 */

/** What the hub needs of a conversation message: its id (other nodes are told only that). */
export interface RealtimeMessage {
  id: number;
}

/**
 * Loads a message another node announced, as phones see it, with the user it belongs to
 * (the messaging module provides it; the hub knows no conversations).
 */
export type RealtimeMessageLoader<M extends RealtimeMessage> = (messageId: number) => Promise<{ userId: string; message: M } | null>;

/** What a phone receives. */
export type RealtimeEvent<M extends RealtimeMessage = RealtimeMessage> =
  | { type: 'message'; message: M }
  | { type: 'typing'; appid: string; typing: boolean }
  | { type: 'menu_changed'; appid: string }
  /** A push post arrived (the phone fetches it by msgId). */
  | { type: 'broadcast'; appid: string; msgId: number }
  /** A push post waits for this user's confirmation as the account's administrator. */
  | { type: 'mass_confirmation'; appid: string; msgId: number };

export type RealtimeListener<M extends RealtimeMessage = RealtimeMessage> = (event: RealtimeEvent<M>) => void;

/** The hub's interface (services.realtime). */
export interface RealtimeHub<M extends RealtimeMessage = RealtimeMessage> {
  /** Sends an event to every phone of one user, on every node. Call after commit. */
  publish(userId: string, event: RealtimeEvent<M>): void;
  /** Sends an event to every connected phone, on every node (menu_changed: phones ignore accounts they do not follow). */
  publishAll(event: RealtimeEvent<M>): void;
  /** Listens to one user's events on this node; returns the unsubscribe function. */
  subscribe(userId: string, listener: RealtimeListener<M>): () => void;
  /** Phones connected to this node. */
  connectionCount(): number;
  /** Users with at least one phone connected to this node. */
  connectedUserIds(): string[];
  /** Sends an event to the phones of one user connected to this node only (signal handlers use it). */
  publishLocal(userId: string, event: RealtimeEvent<M>): void;
  /**
   * Runs the handlers of `topic` on every node, this one included, with a small JSON payload
   * (work each node does for its own phones, e.g. finding which of them a push post reached).
   */
  signal(topic: string, payload: unknown): void;
  /** Handles one signal topic on this node; returns the function that stops handling it. */
  onSignal(topic: string, handler: (payload: unknown) => void): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The PostgreSQL channel. */
export const REALTIME_CHANNEL = 'herald_realtime';

/** What travels between nodes: the user (or '*' for everyone) and the event or the message id. */
interface Wire {
  n: string;
  u: string;
  /** A message id: the receiver loads the row. */
  m?: number;
  /** Any other event, inline (small). */
  e?: Exclude<RealtimeEvent, { type: 'message' }>;
  /** A node signal: topic and payload. */
  s?: { t: string; p: unknown };
}

/** Notifications sent in one statement at most. */
const NOTIFY_BATCH = 500;

const processBuses = new WeakMap<object, EventEmitter>();

function processBusOf(database: Database): EventEmitter {
  let bus = processBuses.get(database);
  if (!bus) {
    bus = new EventEmitter();
    bus.setMaxListeners(0);
    processBuses.set(database, bus);
  }
  return bus;
}

/** Creates the hub of one Herald instance. */
export function createRealtimeHub<M extends RealtimeMessage>(database: Database, log: Logger, loadMessage: RealtimeMessageLoader<M>): RealtimeHub<M> {
  const nodeId = randomUUID();
  const listeners = new Map<string, Set<RealtimeListener<M>>>();
  const signalHandlers = new Map<string, Set<(payload: unknown) => void>>();
  const runSignal = (s: { t: string; p: unknown }) => {
    for (const fn of signalHandlers.get(s.t) ?? []) {
      try {
        fn(s.p);
      } catch (err) {
        log.warn({ err, topic: s.t }, 'realtime signal handler failed');
      }
    }
  };
  const processBus = processBusOf(database);
  let listenClient: pg.PoolClient | null = null;
  let releaseListen: (() => void) | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;

  const deliver = (userId: string, event: RealtimeEvent<M>) => {
    const targets = userId === '*' ? [...listeners.values()].flatMap((s) => [...s]) : [...(listeners.get(userId) ?? [])];
    for (const fn of targets) {
      try {
        fn(event);
      } catch (err) {
        log.warn({ err }, 'realtime listener failed');
      }
    }
  };

  const receive = async (wire: Wire) => {
    if (wire.n === nodeId) return;
    if (wire.s) return runSignal(wire.s);
    if (wire.u !== '*' && !listeners.has(wire.u)) return;
    if (wire.e) return deliver(wire.u, wire.e);
    if (typeof wire.m !== 'number') return;
    const loaded = await loadMessage(wire.m);
    if (loaded && loaded.userId === wire.u) deliver(wire.u, { type: 'message', message: loaded.message });
  };

  const onProcessBus = (wire: Wire, event: RealtimeEvent<M>) => {
    if (wire.n === nodeId) return;
    if (wire.s) return runSignal(wire.s);
    deliver(wire.u, event);
  };

  // Notifications to other nodes leave together: everything published in one turn of the event
  // loop goes in one statement (one round trip, not one per message), in order.
  let outgoing: string[] = [];
  const flush = () => {
    const wires = outgoing;
    outgoing = [];
    for (let i = 0; i < wires.length; i += NOTIFY_BATCH) {
      database.db
        .execute(
          sql`select pg_notify(${REALTIME_CHANNEL}, t.w) from jsonb_array_elements_text(${JSON.stringify(wires.slice(i, i + NOTIFY_BATCH))}::jsonb) with ordinality as t(w, i) order by t.i`,
        )
        .catch((err: unknown) => log.warn({ err }, 'realtime notify failed'));
    }
  };
  const notify = (wire: Wire) => {
    if (outgoing.length === 0) setImmediate(flush);
    outgoing.push(JSON.stringify(wire));
  };

  const send = (userId: string, event: RealtimeEvent<M>) => {
    deliver(userId, event);
    const wire: Wire = event.type === 'message' ? { n: nodeId, u: userId, m: event.message.id } : { n: nodeId, u: userId, e: event };
    if (database.kind === 'pglite') {
      processBus.emit('event', wire, event);
      return;
    }
    notify(wire);
  };

  const listen = async () => {
    if (stopped || database.kind !== 'postgres') return;
    const pool = (database.db as unknown as { $client: pg.Pool }).$client;
    try {
      const client = await pool.connect();
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        client.removeAllListeners('notification');
        client.release(true);
      };
      releaseListen = release;
      client.on('notification', (msg) => {
        if (msg.channel !== REALTIME_CHANNEL || !msg.payload) return;
        let wire: Wire;
        try {
          wire = JSON.parse(msg.payload) as Wire;
        } catch {
          return;
        }
        receive(wire).catch((err: unknown) => log.warn({ err }, 'realtime receive failed'));
      });
      client.on('error', (err) => {
        // After stop (or a second error) the connection is already given back.
        if (released) return;
        log.warn({ err }, 'realtime listen connection failed; reconnecting');
        if (listenClient === client) listenClient = null;
        release();
        scheduleListen();
      });
      await client.query(`LISTEN ${REALTIME_CHANNEL}`);
      if (stopped) {
        release();
        return;
      }
      listenClient = client;
    } catch (err) {
      log.warn({ err }, 'realtime listen failed; retrying');
      scheduleListen();
    }
  };
  const scheduleListen = () => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = null;
      void listen();
    }, 1000);
    retry.unref();
  };

  return {
    publish: send,
    publishAll(event) {
      send('*', event);
    },
    subscribe(userId, listener) {
      let set = listeners.get(userId);
      if (!set) {
        set = new Set();
        listeners.set(userId, set);
      }
      set.add(listener);
      return () => {
        const s = listeners.get(userId);
        if (!s) return;
        s.delete(listener);
        if (s.size === 0) listeners.delete(userId);
      };
    },
    publishLocal: deliver,
    connectedUserIds() {
      return [...listeners.keys()];
    },
    signal(topic, payload) {
      const s = { t: topic, p: payload };
      runSignal(s);
      const wire: Wire = { n: nodeId, u: '*', s };
      if (database.kind === 'pglite') {
        processBus.emit('event', wire, undefined);
        return;
      }
      notify(wire);
    },
    onSignal(topic, handler) {
      let set = signalHandlers.get(topic);
      if (!set) {
        set = new Set();
        signalHandlers.set(topic, set);
      }
      set.add(handler);
      return () => {
        signalHandlers.get(topic)?.delete(handler);
      };
    },
    connectionCount() {
      let n = 0;
      for (const s of listeners.values()) n += s.size;
      return n;
    },
    async start() {
      if (database.kind === 'pglite') processBus.on('event', onProcessBus);
      else await listen();
    },
    async stop() {
      if (outgoing.length > 0) flush();
      stopped = true;
      if (retry) clearTimeout(retry);
      processBus.off('event', onProcessBus);
      const client = listenClient;
      listenClient = null;
      if (client) await client.query(`UNLISTEN ${REALTIME_CHANNEL}`).catch(() => undefined);
      releaseListen?.();
      releaseListen = null;
      listeners.clear();
    },
  };
}
