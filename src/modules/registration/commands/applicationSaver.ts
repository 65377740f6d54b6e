import type { Services } from '../../../main/services.js';
import { DomainError, dbErrorCode } from '../../../platform/errors.js';
import { accountNameTaken } from '../../accounts/index.js';
import { isCountryCode } from '../rules/countries.js';
import { applicationNameTaken, updateApplication, type ApplicationRow } from '../store.js';
import { applicationOfOrg, requireEditable } from './access.js';

/** The fields of the form an applicant fills after choosing the type (all optional in a draft). */
export interface ApplicationFields {
  operatingRegion?: string | null;
  jurisdiction?: string | null;
  name?: string | null;
  wechatId?: string | null;
  description?: string | null;
  chineseLicence?: boolean;
  partnerEntity?: boolean;
}

export const nameTaken = () =>
  new DomainError('name_taken', 'Another official account or application already uses this name.', { fields: [{ path: 'name', code: 'name_taken', message: 'name_taken' }] });

/**
 * Saves the form of a draft or rejected application (the type and subject type stay as chosen).
 * Country codes must be ISO 3166 codes; a name another account or open application uses is
 * refused at once. Whether everything is complete is judged at submission.
 */
export async function saveApplication(services: Pick<Services, 'db' | 'clock'>, orgId: string, applicationId: string, fields: ApplicationFields): Promise<ApplicationRow> {
  const app = await applicationOfOrg(services.db, orgId, applicationId);
  requireEditable(app);
  for (const [key, path] of [['operatingRegion', 'operating_region'], ['jurisdiction', 'registration_jurisdiction']] as const) {
    const code = fields[key];
    if (code != null && !isCountryCode(code)) throw new DomainError('invalid_region', 'Choose a country or region from the list.', { fields: [{ path, code: 'invalid_region', message: 'invalid_region' }] });
  }
  const name = fields.name === undefined ? undefined : fields.name === null || fields.name.trim() === '' ? null : fields.name.trim();
  if (name && name.toLowerCase() !== (app.name ?? '').toLowerCase() && ((await accountNameTaken(services.db, name)) || (await applicationNameTaken(services.db, name, app.id)))) throw nameTaken();
  try {
    return await updateApplication(services.db, app.id, {
      ...(fields.operatingRegion !== undefined ? { operatingRegion: fields.operatingRegion } : {}),
      ...(fields.jurisdiction !== undefined ? { jurisdiction: fields.jurisdiction } : {}),
      ...(name !== undefined ? { name } : {}),
      ...(fields.wechatId !== undefined ? { wechatId: fields.wechatId === '' ? null : fields.wechatId } : {}),
      ...(fields.description !== undefined ? { description: fields.description } : {}),
      ...(fields.chineseLicence !== undefined ? { chineseLicence: fields.chineseLicence } : {}),
      ...(fields.partnerEntity !== undefined ? { partnerEntity: fields.partnerEntity } : {}),
      updatedAt: services.clock.now(),
    });
  } catch (err) {
    if (dbErrorCode(err) === 'unique_violation') throw nameTaken();
    throw err;
  }
}
