import { sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';

/**
 * The next msg_data_id from `msg_data_id_seq` (schema.ts): what a published news group is
 * known by. Publishes and mpnews push posts (the broadcasts module) share the sequence.
 */
export async function nextMsgDataId(db: Executor): Promise<number> {
  const r = await db.execute(sql`select nextval('msg_data_id_seq')::text as id`);
  const rows = (r as unknown as { rows: Array<{ id: string }> }).rows;
  return Number(rows[0].id);
}
