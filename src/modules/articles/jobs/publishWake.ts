/**
 * An in-process wake-up for the publish runner after freepublish/submit commits. Correctness
 * never depends on it (the runner also polls); it only cuts the wait. Keyed by the Services
 * record, so several Herald instances in one process (tests) do not wake each other.
 */
const listeners = new WeakMap<object, Set<() => void>>();

/** Wakes this Herald's publish runner(s). */
export function notifyPublishQueued(services: object): void {
  for (const fn of listeners.get(services) ?? []) fn();
}

/** Subscribes a runner; returns the unsubscribe function. */
export function onPublishQueued(services: object, fn: () => void): () => void {
  let set = listeners.get(services);
  if (!set) {
    set = new Set();
    listeners.set(services, set);
  }
  set.add(fn);
  return () => set.delete(fn);
}
