import type { Executor } from '../../../platform/db/connect.js';
import { deleteSession } from '../store/sessions.js';

/** Ends a console session at once (the cookie is cleared by the route). */
export async function logoutOperator(db: Executor, tokenHash: string): Promise<void> {
  await deleteSession(db, tokenHash);
}
