import type { Services } from '../../../main/services.js';
import { connectedRecipients, type ClaimedBroadcast } from '../store/broadcastFanout.js';

/**
 * Live push posts on phones. After a fan-out batch commits, every node is signalled (through the
 * realtime hub: NOTIFY on PostgreSQL, an in-process bus on the embedded database) with the
 * batch's openid range; each node looks up which of the users connected to it received the post
 * in that range and sends them `{type:'broadcast', appid, msgId}`. One query per batch and node,
 * bounded by the phones connected there, never by the followers.
 */

const TOPIC = 'broadcast_batch';

/** Look-ups in flight on this node, per Herald instance. */
const inFlight = new WeakMap<object, Set<Promise<void>>>();

/**
 * Resolves when this node's phones have been told about the batches signalled so far. The runner
 * waits for it before its next batch: on the embedded database (one connection) the look-up
 * would otherwise queue behind that whole batch.
 */
export async function localRelaysSettled(services: object): Promise<void> {
  const set = inFlight.get(services);
  if (set && set.size > 0) await Promise.allSettled([...set]);
}

interface BatchSignal {
  b: number;
  a: string;
  appid: string;
  after: string;
  last: string;
}

/** Signals a committed batch (call after commit). */
export function announceBatch(services: Pick<Services, 'realtime'>, b: Pick<ClaimedBroadcast, 'id' | 'accountId' | 'appid'>, after: string, last: string): void {
  const signal: BatchSignal = { b: b.id, a: b.accountId, appid: b.appid, after, last };
  services.realtime.signal(TOPIC, signal);
}

function isBatchSignal(p: unknown): p is BatchSignal {
  const s = p as Partial<BatchSignal> | null;
  return !!s && typeof s.b === 'number' && typeof s.a === 'string' && typeof s.appid === 'string' && typeof s.after === 'string' && typeof s.last === 'string';
}

/** Makes this node tell its connected phones about committed batches; returns the function that stops it. */
export function relayBroadcastBatches(services: Pick<Services, 'realtime' | 'database' | 'log'>): () => void {
  return services.realtime.onSignal(TOPIC, (payload) => {
    if (!isBatchSignal(payload)) return;
    const userIds = services.realtime.connectedUserIds();
    if (userIds.length === 0) return;
    let set = inFlight.get(services);
    if (!set) {
      set = new Set();
      inFlight.set(services, set);
    }
    const p: Promise<void> = connectedRecipients(services.database, { broadcastId: payload.b, accountId: payload.a, after: payload.after, last: payload.last, userIds })
      .then((ids) => {
        for (const id of ids) services.realtime.publishLocal(id, { type: 'broadcast', appid: payload.appid, msgId: payload.b });
      })
      .catch((err: unknown) => services.log.warn({ err }, 'could not tell phones about a push post'))
      .finally(() => set.delete(p));
    set.add(p);
  });
}
