import type { Services } from '../../../main/services.js';
import {
  newTemporaryQrCode,
  parseQrRequest,
  permanentQrCode,
  qrTicketFor,
  qrUrlFor,
  QR_MAX_PERMANENT,
} from '../rules.js';
import { lockAccountScope } from '../../../platform/db/advisoryLocks.js';
import { countPermanentQrCodes, findQrByTicket, insertQrCode, type QrCodeRecord } from '../store.js';
import { refusal, refusalAt } from '../../../protocol/errcodes.js';

export interface CreatedQrCode {
  record: QrCodeRecord;
  /** Seconds the temporary code was created for (null for permanent codes). */
  expireSeconds: number | null;
}

/**
 * qrcode/create: mints a parametric QR code (reference §8). The image encodes
 * `<publicUrl>/q/<code>`. Asking again for a permanent scene returns the same code and ticket;
 * a new permanent scene beyond the 100,000 an account may have answers 40053. Request problems
 * answer 40052 / 40053 / 47001 (see domain/qrcode.ts).
 */
export async function createQrCode(
  services: Pick<Services, 'db' | 'clock' | 'config'>,
  accountId: string,
  body: unknown,
): Promise<CreatedQrCode> {
  const parsed = parseQrRequest(body);
  if (!parsed.ok) throw refusalAt(parsed.errcode, parsed.at);
  const req = parsed.request;
  const nowMs = services.clock.nowMs();
  const base = { accountId, actionName: req.actionName, sceneId: req.sceneId, sceneStr: req.sceneStr, createdAt: new Date(nowMs) };

  if (!req.permanent) {
    const code = newTemporaryQrCode();
    const ticket = qrTicketFor(code);
    const expiresAt = new Date(nowMs + (req.expireSeconds ?? 0) * 1000);
    await insertQrCode(services.db, { ...base, ticket, url: qrUrlFor(services.config.publicUrl, code), expiresAt });
    const record = await findQrByTicket(services.db, ticket);
    if (!record) throw refusal(-1);
    return { record, expireSeconds: req.expireSeconds };
  }

  const code = permanentQrCode(accountId, req.actionName, req.sceneId ?? req.sceneStr ?? '');
  const ticket = qrTicketFor(code);
  const existing = await findQrByTicket(services.db, ticket);
  if (existing) return { record: existing, expireSeconds: null };
  await services.db.transaction(async (tx) => {
    await lockAccountScope(tx, 'qr_permanent', accountId);
    if (await findQrByTicket(tx, ticket)) return;
    if ((await countPermanentQrCodes(tx, accountId)) >= QR_MAX_PERMANENT) throw refusalAt(40053, 'action_info');
    await insertQrCode(tx, { ...base, ticket, url: qrUrlFor(services.config.publicUrl, code), expiresAt: null });
  });
  const record = await findQrByTicket(services.db, ticket);
  if (!record) throw refusal(-1);
  return { record, expireSeconds: null };
}
