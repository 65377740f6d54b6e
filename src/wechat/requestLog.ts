import { eq } from 'drizzle-orm';
import type { Db } from '../db/connect.js';
import { apiRequests } from '../db/schema/index.js';

export type RequestRecord = typeof apiRequests.$inferInsert;

const BODY_LIMIT = 4096;
const cut = (s: string) => (s.length > BODY_LIMIT ? `${s.slice(0, BODY_LIMIT)}…[${s.length - BODY_LIMIT} more]` : s);

/**
 * The log behind `openapi/rid/get`: every WeChat-API request with its rid. Records are buffered
 * and inserted in batches off the request path; a lookup also searches the unwritten buffer.
 */
export class RequestLog {
  private buffer: RequestRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly db: Db) {}

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

  record(r: RequestRecord): void {
    this.buffer.push({ ...r, requestBody: cut(r.requestBody), responseBody: cut(r.responseBody) });
    if (this.buffer.length >= 500) void this.flush();
  }

  async find(rid: string): Promise<RequestRecord | undefined> {
    const pending = this.buffer.find((r) => r.rid === rid);
    if (pending) return pending;
    const [row] = await this.db.select().from(apiRequests).where(eq(apiRequests.rid, rid)).limit(1);
    return row;
  }

  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.doFlush()).catch(() => undefined);
    return this.flushing;
  }

  private async doFlush(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, 500);
      await this.db.insert(apiRequests).values(batch).onConflictDoNothing();
    }
  }
}
