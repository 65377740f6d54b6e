import type { Services } from '../../../main/services.js';
import { avatarsByAppid, findAccountByAppid } from '../../accounts/index.js';
import { findFollow } from '../../followers/index.js';
import { listReceipts, type ReceiptRow } from '../store.js';

/** How many receipts the phone lists at most. */
export const MAX_RECEIPTS = 100;

/** The merchant's official account as a receipt shows it, with the follow prompt's state. */
interface ReceiptAccount {
  appid: string;
  name: string;
  avatar_url: string | null;
  followed: boolean;
}

/** One 微信支付 receipt (支付凭证 or 退款到账) as the phone shows it. */
function presentReceipt(r: ReceiptRow, account: ReceiptAccount | null) {
  return {
    id: r.id,
    kind: r.kind as 'payment' | 'refund',
    /** Fen, positive: paid, or refunded. */
    amount: Math.abs(r.amount),
    method: r.method,
    merchant_name: r.merchantName ?? '',
    description: r.description ?? '',
    out_trade_no: r.outTradeNo,
    transaction_id: r.transactionId,
    at: r.at.toISOString(),
    account,
  };
}
export type ReceiptView = ReturnType<typeof presentReceipt>;

/**
 * The 微信支付 service notifications of a user: a receipt after each payment and each refund,
 * newest first, each naming the merchant's official account and whether the user follows it.
 */
export async function receiptsOf(services: Services, userId: string, limit: number): Promise<ReceiptView[]> {
  const rows = await listReceipts(services.db, userId, Math.min(Math.max(limit, 1), MAX_RECEIPTS));
  const appids = [...new Set(rows.map((r) => r.appid).filter((a): a is string => a !== null))];
  const avatars = await avatarsByAppid(services.db, appids);
  const accounts = new Map<string, ReceiptAccount>();
  for (const appid of appids) {
    const account = await findAccountByAppid(services.db, appid);
    if (!account) continue;
    const follow = await findFollow(services.db, account.id, userId);
    const avatar = avatars.get(appid);
    accounts.set(appid, { appid, name: account.name, avatar_url: avatar ? `/media/${encodeURIComponent(avatar)}` : null, followed: Boolean(follow?.subscribed) });
  }
  return rows.map((r) => presentReceipt(r, (r.appid && accounts.get(r.appid)) || null));
}
