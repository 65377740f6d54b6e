import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { operators, organizations } from '../schema.js';

export type OperatorRow = typeof operators.$inferSelect;
export type OrganizationRow = typeof organizations.$inferSelect;

/** Emails compare case-insensitively (the unique index is on lower(email)). */
export async function findOperatorByEmail(db: Executor, email: string): Promise<OperatorRow | undefined> {
  const [row] = await db
    .select()
    .from(operators)
    .where(sql`lower(${operators.email}) = ${email.toLowerCase()}`)
    .limit(1);
  return row;
}

export async function findOperatorById(db: Executor, id: string): Promise<OperatorRow | undefined> {
  const [row] = await db.select().from(operators).where(eq(operators.id, id)).limit(1);
  return row;
}

export async function insertOperator(
  db: Executor,
  values: Pick<OperatorRow, 'orgId' | 'email' | 'name' | 'passwordHash' | 'role' | 'platformAdmin'>,
): Promise<OperatorRow> {
  const [row] = await db.insert(operators).values(values).returning();
  return row;
}

export async function findOrganization(db: Executor, id: string): Promise<OrganizationRow | undefined> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id)).limit(1);
  return row;
}

/** Replaces an operator's stored password hash only if it is still `previous` (a re-hash at a higher cost). */
export async function replaceOperatorPasswordHash(db: Executor, id: string, previous: string, next: string): Promise<void> {
  await db.update(operators).set({ passwordHash: next }).where(sql`${operators.id} = ${id} and ${operators.passwordHash} = ${previous}`);
}

/** The emails of an organization's owners and admins, oldest first (who platform notices are mailed to). */
export async function managerEmails(db: Executor, orgId: string): Promise<string[]> {
  const rows = await db
    .select({ email: operators.email })
    .from(operators)
    .where(and(eq(operators.orgId, orgId), inArray(operators.role, ['owner', 'admin'])))
    .orderBy(asc(operators.createdAt))
    .limit(20);
  return rows.map((r) => r.email);
}
