import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { getMassSpeed, setMassSpeed } from '../store/broadcasts.js';
import { MASS_SPEEDS } from '../rules/massMessage.js';

/**
 * The account's mass speed (message/mass/speed/get and set): level 0 to 4, 0 the fastest
 * (800k, 600k, 450k, 300k, 100k messages a minute). realspeed is in units of 10,000 a minute.
 */
export async function readMassSpeed(services: Pick<Services, 'db'>, accountId: string): Promise<{ speed: number; realspeed: number }> {
  const speed = await getMassSpeed(services.db, accountId);
  return { speed, realspeed: MASS_SPEEDS[speed] / 10_000 };
}

/** Sets the account's mass speed level: 45084 when missing, 45083 when not an integer 0..4. */
export async function changeMassSpeed(services: Pick<Services, 'db'>, accountId: string, speed: unknown): Promise<void> {
  if (speed === undefined || speed === null || speed === '') throw new DomainError('invalid_request', 'speed is required.', { errcode: 45084, at: 'speed' });
  const n = typeof speed === 'number' ? speed : typeof speed === 'string' && /^\d$/.test(speed.trim()) ? Number(speed.trim()) : NaN;
  if (!Number.isInteger(n) || n < 0 || n >= MASS_SPEEDS.length) throw new DomainError('invalid_request', 'speed must be 0 to 4.', { errcode: 45083, at: 'speed' });
  await setMassSpeed(services.db, accountId, n);
}
