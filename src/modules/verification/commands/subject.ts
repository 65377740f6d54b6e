import { desc, eq } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { registrationApplications } from '../../registration/schema.js';

/**
 * The subject an account registered with, when it was opened by a registration application
 * (its subject type and whether it is registered in mainland China); undefined for accounts opened
 * otherwise (the console's own dialog, the simulator), which declare it when they verify.
 */
export async function registeredSubject(db: Executor, accountId: string): Promise<{ subjectType: string; chineseRegistration: boolean } | undefined> {
  const [row] = await db
    .select({ subjectType: registrationApplications.subjectType, chineseLicence: registrationApplications.chineseLicence, jurisdiction: registrationApplications.jurisdiction })
    .from(registrationApplications)
    .where(eq(registrationApplications.accountId, accountId))
    .orderBy(desc(registrationApplications.updatedAt))
    .limit(1);
  // Registered in mainland China: its jurisdiction is CN, or an overseas business holds a Chinese licence.
  return row ? { subjectType: row.subjectType, chineseRegistration: row.jurisdiction === 'CN' || row.chineseLicence } : undefined;
}
