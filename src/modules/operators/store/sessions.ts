import { and, eq, gt, lte } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { operatorSessions, operators, organizations } from '../schema.js';
import type { OperatorRow, OrganizationRow } from './operators.js';

/** A live session with the operator and organization it belongs to. */
export interface SessionWithOperator {
  tokenHash: string;
  csrfToken: string;
  expiresAt: Date;
  operator: OperatorRow;
  org: OrganizationRow;
}

export async function insertSession(
  db: Executor,
  values: { tokenHash: string; operatorId: string; csrfToken: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await db.insert(operatorSessions).values(values);
}

/** The session for a token hash, if it has not expired at `now`. */
export async function findLiveSession(db: Executor, tokenHash: string, now: Date): Promise<SessionWithOperator | undefined> {
  const [row] = await db
    .select({ session: operatorSessions, operator: operators, org: organizations })
    .from(operatorSessions)
    .innerJoin(operators, eq(operators.id, operatorSessions.operatorId))
    .innerJoin(organizations, eq(organizations.id, operators.orgId))
    .where(and(eq(operatorSessions.tokenHash, tokenHash), gt(operatorSessions.expiresAt, now)))
    .limit(1);
  if (!row) return undefined;
  return {
    tokenHash: row.session.tokenHash,
    csrfToken: row.session.csrfToken,
    expiresAt: row.session.expiresAt,
    operator: row.operator,
    org: row.org,
  };
}

export async function deleteSession(db: Executor, tokenHash: string): Promise<void> {
  await db.delete(operatorSessions).where(eq(operatorSessions.tokenHash, tokenHash));
}

/** Removes an operator's expired sessions (done at each login so the table does not grow forever). */
export async function deleteExpiredSessions(db: Executor, operatorId: string, now: Date): Promise<void> {
  await db.delete(operatorSessions).where(and(eq(operatorSessions.operatorId, operatorId), lte(operatorSessions.expiresAt, now)));
}
