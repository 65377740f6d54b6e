import { and, count, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/connect.js';
import { qrCodes } from './schema.js';
import { QR_CODE_PATTERN, isPermanent, qrCodeOfTicket, qrTicketFor, type QrAction } from './rules.js';

/** A parametric QR code as the scanner and the API see it. */
export interface QrCodeRecord {
  ticket: string;
  /** The path segment of the encoded URL (`/q/<code>`). */
  code: string;
  accountId: string;
  actionName: QrAction;
  permanent: boolean;
  sceneId: number | null;
  sceneStr: string | null;
  /** The content encoded in the image. */
  url: string;
  /** null for permanent codes. */
  expiresAt: Date | null;
  createdAt: Date;
}

type Row = typeof qrCodes.$inferSelect;

function toRecord(r: Row): QrCodeRecord {
  const action = r.actionName as QrAction;
  return {
    ticket: r.ticket,
    code: qrCodeOfTicket(r.ticket) ?? '',
    accountId: r.accountId,
    actionName: action,
    permanent: isPermanent(action),
    sceneId: r.sceneId,
    sceneStr: r.sceneStr,
    url: r.url,
    expiresAt: r.expiresAt,
    createdAt: r.createdAt,
  };
}

export async function findQrByTicket(db: Executor, ticket: string): Promise<QrCodeRecord | undefined> {
  const [row] = await db.select().from(qrCodes).where(eq(qrCodes.ticket, ticket)).limit(1);
  return row ? toRecord(row) : undefined;
}

/** Stores a code; an existing ticket (the same permanent scene asked again) is left unchanged. */
export async function insertQrCode(
  db: Executor,
  row: { ticket: string; accountId: string; actionName: QrAction; sceneId: number | null; sceneStr: string | null; url: string; expiresAt: Date | null; createdAt: Date },
): Promise<void> {
  await db.insert(qrCodes).values(row).onConflictDoNothing({ target: qrCodes.ticket });
}

/** Permanent codes of an account (both kinds; they share the 100,000 limit). */
export async function countPermanentQrCodes(db: Executor, accountId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(qrCodes)
    .where(and(eq(qrCodes.accountId, accountId), inArray(qrCodes.actionName, ['QR_LIMIT_SCENE', 'QR_LIMIT_STR_SCENE'])));
  return Number(row?.n ?? 0);
}

export type QrResolution =
  | { status: 'ok'; qr: QrCodeRecord }
  | { status: 'expired'; qr: QrCodeRecord }
  | { status: 'unknown' };

/**
 * The ticket named by what a scanner read or a caller passed: a ticket, the encoded URL
 * (`.../q/<code>`), a bare code, or a showqrcode URL (`...?ticket=`). Undefined when it is none.
 */
export function ticketOf(ticketOrUrl: string): string | undefined {
  const text = ticketOrUrl.trim();
  if (text.length === 0 || text.length > 4096) return undefined;
  if (/^https?:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return undefined;
    }
    const m = /\/q\/([0-9A-Za-z]+)\/?$/.exec(url.pathname);
    if (m && QR_CODE_PATTERN.test(m[1])) return qrTicketFor(m[1]);
    const t = url.searchParams.get('ticket');
    return t ? ticketOf(t) : undefined;
  }
  if (QR_CODE_PATTERN.test(text)) return qrTicketFor(text);
  return qrCodeOfTicket(text) ? text : undefined;
}

/**
 * Resolves a scanned QR code or a ticket to the account and scene it stands for. Temporary
 * codes past their expiry resolve as 'expired' (with the code, so the caller can say whose it
 * was); anything that is not a Herald code of this platform is 'unknown'.
 */
export async function resolveQrTicket(db: Executor, ticketOrUrl: string, nowMs: number): Promise<QrResolution> {
  const ticket = typeof ticketOrUrl === 'string' ? ticketOf(ticketOrUrl) : undefined;
  if (!ticket) return { status: 'unknown' };
  const qr = await findQrByTicket(db, ticket);
  if (!qr) return { status: 'unknown' };
  if (qr.expiresAt && nowMs >= qr.expiresAt.getTime()) return { status: 'expired', qr };
  return { status: 'ok', qr };
}
