/**
 * In-process signals: typed names with typed payloads ("deliveries were queued", "a delivery
 * settled"). They only cut latency: every worker also polls, so cross-node correctness never
 * depends on them. One `Signals` per Herald instance (services.signals), so several instances
 * in one process (tests) do not wake each other.
 */

/** The arguments `emit` takes for a payload type: none for `void`. */
export type SignalArgs<P> = [P] extends [void] ? [] : [P];

export interface Signals<M extends object> {
  /** Every signal name this instance knows (checked at boot: each must have a handler). */
  readonly names: readonly (keyof M & string)[];
  /** Subscribes to a signal; returns the unsubscribe function. */
  on<K extends keyof M & string>(name: K, fn: (payload: M[K]) => void): () => void;
  /** Calls every handler of `name` now; a handler that throws is logged and the others still run. */
  emit<K extends keyof M & string>(name: K, ...payload: SignalArgs<M[K]>): void;
  /** How many handlers `name` has. */
  listenerCount(name: keyof M & string): number;
}

/** Creates the signals of one Herald instance. `names` lists every signal of `M`. */
export function createSignals<M extends object>(names: readonly (keyof M & string)[], log?: { warn(obj: object, msg: string): void }): Signals<M> {
  const handlers = new Map<string, Set<(payload: never) => void>>(names.map((n) => [n, new Set()]));
  const setOf = (name: string) => {
    const set = handlers.get(name);
    if (!set) throw new Error(`unknown signal "${name}"`);
    return set;
  };
  return {
    names,
    on(name, fn) {
      const set = setOf(name);
      const h = fn as (payload: never) => void;
      set.add(h);
      return () => set.delete(h);
    },
    emit(name, ...payload) {
      for (const fn of [...setOf(name)]) {
        try {
          (fn as (p: unknown) => void)(payload[0]);
        } catch (err) {
          log?.warn({ err, signal: name }, 'a signal handler failed');
        }
      }
    },
    listenerCount(name) {
      return setOf(name).size;
    },
  };
}
