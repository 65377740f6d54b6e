import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ROOT } from '../paths.js';

/**
 * The embedded database on a thread of its own. PGlite executes statements synchronously on the
 * thread that calls it; on the server's thread that stops HTTP parsing, JSON, crypto and WebSocket
 * pushes for as long as each statement runs. Here the server's thread only sends statements and
 * receives rows, so on a machine with two cores the database and everything else run at once.
 *
 * It offers what drizzle's PGlite driver calls: query(sql, params, {rowMode, parsers}),
 * exec(sql) and transaction(fn), with PGlite's own semantics: statements outside a transaction
 * wait while one is open, a transaction's statements run together, and statements are sent to
 * the database thread as soon as nothing stops them (they queue there, in order), so the
 * database thread never waits for a round trip between two of them.
 */

interface QueryOptions {
  rowMode?: 'array' | 'object';
  parsers?: Record<number, (value: string, typeId: number) => unknown>;
}
export interface QueryResult<T = unknown> {
  rows: T[];
  fields: Array<{ name: string; dataTypeID: number }>;
  affectedRows?: number;
}
interface Message {
  id?: number;
  op: 'query' | 'exec' | 'commit' | 'close';
  sql?: string;
  params?: unknown[];
  rowMode?: 'array' | 'object';
  raw?: number[];
}
type Waiter = { kind: 'statement'; message: Message; resolve: (v: unknown) => void; reject: (e: unknown) => void } | { kind: 'transaction'; start: () => void };

export interface PGliteThreadClient {
  query<T = unknown>(sql: string, params?: unknown[], options?: QueryOptions): Promise<QueryResult<T>>;
  exec(sql: string): Promise<QueryResult[]>;
}

const WORKER_FILE = path.join(ROOT, 'src', 'platform', 'db', 'pgliteWorker.mjs');

export class PGliteThread implements PGliteThreadClient {
  readonly waitReady: Promise<void>;
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  private nextId = 1;
  private inTransaction = false;
  private readonly waiters: Waiter[] = [];
  private failure: Error | undefined;

  /** `statsFile`: where to write the time spent per statement when the database closes. */
  constructor(dataDir: string | undefined, options: { startParams: string[] }, extra: { statsFile?: string } = {}) {
    this.worker = new Worker(WORKER_FILE, { workerData: { dataDir, options, statsFile: extra.statsFile } });
    this.worker.unref();
    this.waitReady = new Promise<void>((resolve, reject) => {
      const onReady = (m: { ready?: boolean; error?: Record<string, unknown> }) => {
        if (m.ready === undefined) return;
        this.worker.off('message', onReady);
        if (m.ready) resolve();
        else reject(toError(m.error ?? { message: 'the embedded database did not start' }));
      };
      this.worker.on('message', onReady);
    });
    this.worker.on('message', (m: { id?: number; result?: unknown; error?: Record<string, unknown> }) => {
      if (m.id === undefined) return;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) this.worker.unref();
      if (m.error) p.reject(toError(m.error));
      else p.resolve(m.result);
    });
    const fail = (err: Error) => {
      this.failure ??= err;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    this.worker.on('error', (err) => fail(new Error(`The embedded database stopped: ${err.message}`, { cause: err })));
    this.worker.on('exit', (code) => fail(new Error(`The embedded database's thread exited (${code}).`)));
    // A start-up failure rejects waitReady; keep it from also surfacing as an unhandled rejection.
    this.waitReady.catch(() => undefined);
  }

  query<T = unknown>(sql: string, params: unknown[] = [], options: QueryOptions = {}): Promise<QueryResult<T>> {
    return this.statement(queryMessage(sql, params, options)) as Promise<QueryResult<T>>;
  }

  exec(sql: string): Promise<QueryResult[]> {
    return this.statement({ op: 'exec', sql }) as Promise<QueryResult[]>;
  }

  /** Runs `fn` in a transaction: BEGIN, its statements (nothing else in between), COMMIT or ROLLBACK. */
  async transaction<T>(fn: (tx: PGliteThreadClient & { rollback(): Promise<void>; readonly closed: boolean }) => Promise<T>): Promise<T> {
    if (this.inTransaction || this.waiters.length > 0) await new Promise<void>((start) => this.waiters.push({ kind: 'transaction', start }));
    else this.inTransaction = true;
    let closed = false;
    const check = () => {
      if (closed) throw new Error('Transaction is closed');
    };
    const tx = {
      query: <R = unknown>(sql: string, params: unknown[] = [], options: QueryOptions = {}) => {
        check();
        return this.send(queryMessage(sql, params, options)) as Promise<QueryResult<R>>;
      },
      exec: (sql: string) => {
        check();
        return this.send({ op: 'exec', sql }) as Promise<QueryResult[]>;
      },
      rollback: async () => {
        check();
        closed = true;
        await this.send({ op: 'exec', sql: 'ROLLBACK' });
      },
      get closed() {
        return closed;
      },
    };
    try {
      await this.send({ op: 'exec', sql: 'BEGIN' });
      try {
        const result = await fn(tx);
        if (!closed) {
          closed = true;
          await this.send({ op: 'commit' });
        }
        return result;
      } catch (err) {
        if (!closed) {
          closed = true;
          await this.send({ op: 'exec', sql: 'ROLLBACK' }).catch(() => undefined);
        }
        throw err;
      }
    } finally {
      this.release();
    }
  }

  async close(): Promise<void> {
    if (!this.failure) await this.statement({ op: 'close' }).catch(() => undefined);
    await this.worker.terminate();
  }

  /** A statement outside any transaction: sent now, or when the open transaction ends. */
  private statement(message: Message): Promise<unknown> {
    if (!this.inTransaction && this.waiters.length === 0) return this.send(message);
    return new Promise((resolve, reject) => this.waiters.push({ kind: 'statement', message, resolve, reject }));
  }

  /** The open transaction ended: send what waited for it, up to the next transaction. */
  private release(): void {
    this.inTransaction = false;
    while (this.waiters.length > 0 && !this.inTransaction) {
      const w = this.waiters.shift()!;
      if (w.kind === 'statement') this.send(w.message).then(w.resolve, w.reject);
      else {
        this.inTransaction = true;
        w.start();
      }
    }
  }

  private send(message: Message): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id });
    });
  }
}

function queryMessage(sql: string, params: unknown[], options: QueryOptions): Message {
  // Parsers are functions and cannot cross threads; the ones drizzle passes keep a type's text
  // as it is, which is what the database thread does for the type ids listed here.
  const raw = options.parsers ? Object.keys(options.parsers).map(Number) : undefined;
  return { op: 'query', sql, params, rowMode: options.rowMode, raw };
}

function toError(plain: Record<string, unknown>): Error {
  const err = new Error(String(plain.message ?? 'database error'));
  for (const [k, v] of Object.entries(plain)) if (k !== 'message' && k !== 'stack') (err as unknown as Record<string, unknown>)[k] = v;
  if (typeof plain.stack === 'string') err.stack = plain.stack;
  return err;
}
