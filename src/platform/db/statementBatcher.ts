/**
 * Group commit for one-statement writes on the hot paths (custom sends, follower messages).
 * Calls that arrive while earlier statements are running wait and go together in the next
 * statement: one transaction for many writes instead of one each, which is what the embedded
 * database pays for most. When idle a call runs alone at once, so latency is unchanged. A batch
 * the database refuses (one bad item aborts its statement, which then changed nothing) is
 * retried one item at a time, so each caller gets its own answer.
 */
export class StatementBatcher<I, O> {
  private queue: Array<{ item: I; resolve: (o: O) => void; reject: (err: unknown) => void }> = [];
  private running = 0;

  constructor(
    private readonly runMany: (items: I[]) => Promise<O[]>,
    private readonly runOne: (item: I) => Promise<O>,
    private readonly opts: { maxBatch: number; maxInFlight: number },
  ) {}

  /** Runs `item` in the next statement; resolves with its own result. */
  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.opts.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.opts.maxBatch);
      this.running++;
      void this.run(batch).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private async run(batch: Array<{ item: I; resolve: (o: O) => void; reject: (err: unknown) => void }>): Promise<void> {
    if (batch.length > 1) {
      const out = await this.runMany(batch.map((b) => b.item)).then(
        (r) => r,
        () => undefined,
      );
      if (out) {
        batch.forEach((b, i) => b.resolve(out[i]));
        return;
      }
    }
    for (const b of batch) await this.runOne(b.item).then(b.resolve, b.reject);
  }
}

const batchers = new WeakMap<object, Map<string, StatementBatcher<unknown, unknown>>>();

/** The batcher named `name` of one database handle (created on first use). */
export function batcherOf<I, O>(db: object, name: string, make: () => StatementBatcher<I, O>): StatementBatcher<I, O> {
  let byName = batchers.get(db);
  if (!byName) {
    byName = new Map();
    batchers.set(db, byName);
  }
  let b = byName.get(name) as StatementBatcher<I, O> | undefined;
  if (!b) {
    b = make();
    byName.set(name, b as StatementBatcher<unknown, unknown>);
  }
  return b;
}
