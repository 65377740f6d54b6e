import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { operators } from '../../operators/schema.js';

/**
 * Lookups the console's customer-service inbox needs next to the kf tables: the operators who can
 * work as representatives. (The followers' profiles are the followers module's, `inboxFollowers`;
 * their service windows messaging's, `openWindowsOf`.)
 */

/** An operator who can be bound to a kf account. */
export interface OrgOperator {
  id: string;
  name: string;
  email: string;
  role: string;
}

const operatorColumns = { id: operators.id, name: operators.name, email: operators.email, role: operators.role };

/** The organization's operators, by name. */
export async function listOrgOperators(db: Executor, orgId: string): Promise<OrgOperator[]> {
  return db.select(operatorColumns).from(operators).where(eq(operators.orgId, orgId)).orderBy(asc(operators.name), asc(operators.email));
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One operator of the organization; undefined for an id that is not one (or not a uuid at all). */
export async function findOrgOperator(db: Executor, orgId: string, operatorId: string): Promise<OrgOperator | undefined> {
  if (!UUID_RE.test(operatorId)) return undefined;
  const [row] = await db
    .select(operatorColumns)
    .from(operators)
    .where(and(eq(operators.orgId, orgId), eq(operators.id, operatorId)))
    .limit(1);
  return row;
}
