/**
 * The wait between two rounds of a polling job, which a wake-up cuts short. Jobs poll so that
 * correctness never depends on being woken (another node may have queued the work); a wake-up
 * after a local commit only removes the wait.
 */
export interface PollTimer {
  /** Ends the current wait at once, or makes the next one return at once. */
  wake(): void;
  /** Whether a wake-up came since the round began. */
  readonly woken: boolean;
  /** Marks the start of a round: earlier wake-ups are accounted for. */
  beginRound(): void;
  /** Waits up to `pollMs`, less when woken (not at all when woken since the round began). */
  pause(): Promise<void>;
}

export function pollTimer(pollMs: number): PollTimer {
  let woken = false;
  let release: (() => void) | null = null;
  return {
    wake() {
      woken = true;
      release?.();
    },
    get woken() {
      return woken;
    },
    beginRound() {
      woken = false;
    },
    pause() {
      // A wake-up that came after the caller looked at `woken` is not lost.
      if (woken) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(done, pollMs);
        function done() {
          clearTimeout(timer);
          release = null;
          resolve();
        }
        release = done;
      });
    },
  };
}
