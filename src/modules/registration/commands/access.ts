import type { Executor } from '../../../platform/db/connect.js';
import { DomainError } from '../../../platform/errors.js';
import { APPLICATION_ID_RE } from '../rules/application.js';
import { findApplication, type ApplicationRow } from '../store.js';

export const applicationNotFound = () => new DomainError('not_found', 'No such application.');

/** An application of the organization, by its public ID; not found for any other (or a malformed ID). */
export async function applicationOfOrg(db: Executor, orgId: string, applicationId: string): Promise<ApplicationRow> {
  if (!APPLICATION_ID_RE.test(applicationId)) throw applicationNotFound();
  const app = await findApplication(db, applicationId);
  if (!app || app.orgId !== orgId) throw applicationNotFound();
  return app;
}

/** Refuses changes to an application that is not the applicant's to change (in review, approved). */
export function requireEditable(app: ApplicationRow): void {
  if (app.status !== 'draft' && app.status !== 'rejected') {
    throw new DomainError('not_editable', app.status === 'approved' ? 'This application was approved; the account is open.' : 'This application is in review and cannot be changed now.');
  }
}
