import type { CreatedQrCode } from '../commands/qrCodeCreator.js';

/** qrcode/create: `{ticket, expire_seconds, url}`; expire_seconds only for temporary codes. */
export function presentQrCode(created: CreatedQrCode): { ticket: string; expire_seconds?: number; url: string } {
  const { record, expireSeconds } = created;
  return {
    ticket: record.ticket,
    ...(expireSeconds !== null ? { expire_seconds: expireSeconds } : {}),
    url: record.url,
  };
}
