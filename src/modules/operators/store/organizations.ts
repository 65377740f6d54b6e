import { eq } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { organizations } from '../schema.js';

/** SQL for organizations (the owners of accounts). */

/** Inserts an organization and returns its id. */
export async function insertOrganization(db: Executor, name: string): Promise<{ id: string }> {
  const [row] = await db.insert(organizations).values({ name }).returning({ id: organizations.id });
  return row;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether an organization exists; false for malformed ids (never a database error). */
export async function organizationExists(db: Executor, id: string): Promise<boolean> {
  if (!UUID_RE.test(id)) return false;
  const [row] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, id));
  return row !== undefined;
}
