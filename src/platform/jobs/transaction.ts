import type { Db, Tx } from '../db/connect.js';
import type { SignalArgs, Signals } from './signals.js';

/**
 * What a transaction asks to happen once it has committed: wake a worker, tell a phone. Nothing
 * runs if the transaction rolls back, so no worker is woken and no phone told about work that
 * never happened; the outbox rows written in the transaction are the durable record.
 */
export interface AfterCommit<M extends object, E> {
  /** Emits a signal after commit. */
  wake<K extends keyof M & string>(name: K, ...payload: SignalArgs<M[K]>): void;
  /** Publishes an event to one user's phones after commit. */
  publish(userId: string, event: E): void;
  /** Runs any other effect after commit. */
  run(fn: () => void): void;
}

/** What withTransaction needs of the services. */
export interface TransactionServices<M extends object, E> {
  db: Db;
  signals: Signals<M>;
  realtime: { publish(userId: string, event: E): void };
  log?: { warn(obj: object, msg: string): void };
}

/**
 * Runs `fn` in one transaction and, only after it commits, the effects it registered on `after`
 * (in the order registered). An effect that throws is logged; the others still run.
 */
export async function withTransaction<M extends object, E, T>(
  services: TransactionServices<M, E>,
  fn: (tx: Tx, after: AfterCommit<M, E>) => Promise<T>,
): Promise<T> {
  const effects: Array<() => void> = [];
  const after: AfterCommit<M, E> = {
    wake: (name, ...payload) => effects.push(() => services.signals.emit(name, ...payload)),
    publish: (userId, event) => effects.push(() => services.realtime.publish(userId, event)),
    run: (effect) => effects.push(effect),
  };
  const result = await services.db.transaction((tx) => fn(tx, after));
  for (const effect of effects) {
    try {
      effect();
    } catch (err) {
      services.log?.warn({ err }, 'an after-commit effect failed');
    }
  }
  return result;
}
