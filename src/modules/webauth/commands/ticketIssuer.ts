import { randomBytes } from 'node:crypto';
import type { Services } from '../../../main/services.js';
import { refusal } from '../../../protocol/errcodes.js';
import { insertTicket } from '../store.js';

/** A JS-SDK ticket lives 7200 seconds (reference §11). */
export const TICKET_TTL_SEC = 7200;
export const TICKET_TYPES = ['jsapi', 'wx_card'] as const;

/** A ticket as WeChat mints them: 86 characters of letters, digits, `-` and `_`. */
const newTicket = () => randomBytes(64).toString('base64url').slice(0, 86);

/**
 * ticket/getticket: a fresh jsapi (or wx_card) ticket valid 7200 s by the Herald clock. Each
 * call mints a new one; the earlier ones stay valid until they expire, so pages signed with them
 * still verify. Without `type` the jsapi ticket is meant; any other type answers 40035.
 */
export async function issueTicket(services: Pick<Services, 'db' | 'clock'>, accountId: string, type: string | undefined): Promise<{ ticket: string; expiresIn: number }> {
  const kind = type === undefined || type === '' ? 'jsapi' : type;
  if (!(TICKET_TYPES as readonly string[]).includes(kind)) throw refusal(40035, { hint: 'type' });
  const now = services.clock.nowMs();
  const ticket = newTicket();
  await insertTicket(services.db, { ticket, accountId, type: kind, issuedAt: new Date(now), expiresAt: new Date(now + TICKET_TTL_SEC * 1000) });
  return { ticket, expiresIn: TICKET_TTL_SEC };
}
