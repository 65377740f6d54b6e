import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/connect.js';
import { apiRequests } from './schema.js';
import { ThrottledFailureLog, type FailureLogger } from './failureLog.js';

export type RequestRecord = typeof apiRequests.$inferInsert;

/** Longest stored request or response body, in characters. */
export const LOGGED_BODY_LIMIT = 4096;
/** Longest stored request URL, in characters. */
export const LOGGED_URL_LIMIT = 1024;

/**
 * Cuts a logged text to `limit` characters and replaces NUL characters, which PostgreSQL text
 * cannot hold (one hostile request must not make a whole batch of records fail to insert).
 */
const cut = (s: string, limit = LOGGED_BODY_LIMIT) => {
  const short = s.length > limit ? `${s.slice(0, limit)}…[${s.length - limit} more]` : s;
  return short.includes('\u0000') ? short.replaceAll('\u0000', '\\u0000') : short;
};

/**
 * Hides credentials in a logged URL: `access_token`, `secret` and `appsecret` values become
 * `***`. A token in the log would let anyone who reads it call the API as the account.
 */
export function maskUrl(url: string): string {
  return url.replace(/([?&](?:access_token|refresh_token|secret|appsecret)=)[^&]*/gi, '$1***');
}

/**
 * Hides secrets in a logged request body: JSON string fields `secret`/`appsecret` (stable_token,
 * clear_quota/v2) and form-encoded `secret=`/`appsecret=`. The AppSecret is never stored in clear.
 */
export function redactBody(text: string): string {
  return text
    .replace(/("(?:secret|appsecret)"\s*:\s*")(?:[^"\\]|\\.)*"/gi, '$1***"')
    .replace(/(^|&)((?:secret|appsecret)=)[^&]*/gi, '$1$2***');
}

/** A record as it is shown or stored: URL and request body masked, everything cut. */
function bounded(r: RequestRecord): RequestRecord {
  return {
    ...r,
    requestUrl: cut(maskUrl(r.requestUrl), LOGGED_URL_LIMIT),
    requestBody: cut(redactBody(r.requestBody ?? '')),
    responseBody: cut(r.responseBody),
    clientIp: cut(r.clientIp, 64),
  };
}

/**
 * A successful call as the in-memory window keeps it: cut to size at once, masked only when it is
 * read (most are never read, and the masks' regular expressions cost a measurable part of a fast
 * API's time). A text longer than its limit is masked before it is cut, so a secret is never cut
 * in half past the reach of its mask.
 */
function cutForWindow(r: RequestRecord): RequestRecord {
  const url = r.requestUrl.length > LOGGED_URL_LIMIT ? maskUrl(r.requestUrl) : r.requestUrl;
  const body = r.requestBody ?? '';
  return {
    ...r,
    requestUrl: cut(url, LOGGED_URL_LIMIT),
    requestBody: cut(body.length > LOGGED_BODY_LIMIT ? redactBody(body) : body),
    responseBody: cut(r.responseBody),
    clientIp: cut(r.clientIp, 64),
  };
}

/** Successful requests kept in memory per node for rid lookups (see RequestLog). */
export const RECENT_SUCCESS_LIMIT = 20_000;

/**
 * The log behind `openapi/rid/get`. WeChat shows a rid only in error answers, so failed requests
 * are what developers look up: those are stored durably, buffered and inserted in batches off
 * the request path. Successful requests (their rid is in the X-Herald-Rid header) are kept in a
 * bounded in-memory window of the most recent ones: writing every successful call to the
 * embedded database would cost most of an API's throughput. Failed requests that name no account
 * (an unknown token or AppID) are kept in that window too: nobody can look them up, and storing
 * them would let anyone fill the database. Every record is bounded (URL and bodies cut,
 * credentials masked); the stored ones are pruned by age and count (pruneRequestLog).
 */
export class RequestLog {
  private recent = new Map<string, RequestRecord>();
  /** Insertion order of `recent`, as a ring: evicting from a Map's front degrades its iteration. */
  private ring: string[] = new Array(RECENT_SUCCESS_LIMIT);
  private ringNext = 0;
  /** API paths each account has called successfully, for coverage reports. */
  private called = new Map<string, Set<string>>();
  private buffer: RequestRecord[] = [];
  /** The batch being inserted: out of the buffer but not yet visible in the database. */
  private inflight: RequestRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  private readonly failures: ThrottledFailureLog;

  constructor(private readonly db: Db, log?: FailureLogger, failureLogEveryMs?: number) {
    this.failures = new ThrottledFailureLog(log, 'request log records could not be stored; they are dropped', failureLogEveryMs);
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush(), 200);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  /** Records one call. URL and body come as received: the log masks credentials itself. */
  record(r: RequestRecord): void {
    if (!r.errcode || !r.accountId) {
      this.remember(cutForWindow(r));
      return;
    }
    this.buffer.push(bounded(r));
    if (this.buffer.length >= 500) void this.flush();
  }

  private remember(r: RequestRecord): void {
    const evicted = this.ring[this.ringNext];
    if (evicted !== undefined) this.recent.delete(evicted);
    this.ring[this.ringNext] = r.rid;
    this.ringNext = (this.ringNext + 1) % RECENT_SUCCESS_LIMIT;
    this.recent.set(r.rid, r);
    if (r.accountId) {
      let paths = this.called.get(r.accountId);
      if (!paths) {
        if (this.called.size >= 100_000) this.called.clear();
        paths = new Set();
        this.called.set(r.accountId, paths);
      }
      paths.add(r.requestUrl.split('?')[0]);
    }
  }

  /** The successful requests of an account still in the in-memory window, oldest first. */
  recentSuccesses(accountId: string): RequestRecord[] {
    return [...this.recent.values()].filter((r) => r.accountId === accountId).map(bounded);
  }

  /** Paths this account called successfully on this node since it started. */
  pathsCalled(accountId: string): Set<string> {
    return new Set(this.called.get(accountId) ?? []);
  }

  async find(rid: string): Promise<RequestRecord | undefined> {
    const recent = this.recent.get(rid);
    if (recent) return bounded(recent);
    // Checked in one synchronous step: a record is always in the buffer, in flight or committed.
    const pending = this.buffer.find((r) => r.rid === rid) ?? this.inflight.find((r) => r.rid === rid);
    if (pending) return pending;
    const [row] = await this.db.select().from(apiRequests).where(eq(apiRequests.rid, rid)).limit(1);
    return row;
  }

  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.doFlush()).catch((err: unknown) => this.failures.report(err));
    return this.flushing;
  }

  private async doFlush(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, 500);
      this.inflight = batch;
      try {
        await this.db.insert(apiRequests).values(batch).onConflictDoNothing();
      } catch {
        // One bad record must not lose the batch: insert one by one, dropping only what fails.
        for (const r of batch) {
          await this.db
            .insert(apiRequests)
            .values(r)
            .onConflictDoNothing()
            .catch((err: unknown) => this.failures.report(err, { rid: r.rid }));
        }
      } finally {
        this.inflight = [];
      }
    }
  }
}
