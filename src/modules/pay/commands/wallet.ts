import type { Services } from '../../../main/services.js';
import type { Executor } from '../../../platform/db/connect.js';
import { DomainError } from '../../../platform/errors.js';
import { hashPassword, verifyPassword } from '../../../platform/password.js';
import { withTransaction } from '../../../platform/jobs/transaction.js';
import { randomDigits } from '../rules/crypto.js';
import { MAX_WALLET_BALANCE, NEW_WALLET_BALANCE, NEW_WALLET_CARD, PIN_LOCK_MS, PIN_PATTERN } from '../rules/sheet.js';
import { findWallet, insertBill, insertCard, insertWallet, listCards, updateWallet, type CardRow, type WalletRow } from '../store.js';

/**
 * The payer's wallet (钱包), made on first use: ¥1,000.00 in 零钱 and one debit card (a
 * simulated user has money to pay with). No payment password until the first payment sets one.
 */
export async function ensureWallet(db: Executor, userId: string, nowMs: number): Promise<{ wallet: WalletRow; cards: CardRow[] }> {
  const existing = await findWallet(db, userId);
  if (existing) return { wallet: existing, cards: await listCards(db, userId) };
  if (await insertWallet(db, { userId, balance: NEW_WALLET_BALANCE, createdAt: new Date(nowMs) })) {
    await insertCard(db, { userId, bank: NEW_WALLET_CARD.bank, kind: NEW_WALLET_CARD.kind, bankType: NEW_WALLET_CARD.bankType, last4: randomDigits(4), createdAt: new Date(nowMs) });
  }
  return { wallet: (await findWallet(db, userId))!, cards: await listCards(db, userId) };
}

/** Adds money to 零钱 (emulator mode: 充值), with a bill line. */
export async function topUp(services: Services, userId: string, amount: number): Promise<WalletRow> {
  const nowMs = services.clock.nowMs();
  await ensureWallet(services.db, userId, nowMs);
  return withTransaction(services, async (tx) => {
    const w = (await findWallet(tx, userId, true))!;
    if (w.balance + amount > MAX_WALLET_BALANCE) throw new DomainError('invalid_request', 'A wallet holds at most ¥1,000,000.00.', { fields: [{ path: 'amount', message: 'too large' }] });
    await insertBill(tx, { userId, kind: 'topup', amount, method: 'balance', at: new Date(nowMs) });
    return updateWallet(tx, userId, { balance: w.balance + amount });
  });
}

/** What checking a payment password found. */
export type PinCheck = { ok: true; set: boolean } | { ok: false; reason: 'wrong'; left: number } | { ok: false; reason: 'locked'; until: Date } | { ok: false; reason: 'format' };

/**
 * Checks the six-digit payment password, or sets it when the wallet has none yet (the first
 * payment). Wrong attempts count; `HERALD_PAY_PIN_ATTEMPTS` of them in a row lock it for 3 hours
 * (Herald clock). Runs in its own transaction, so a wrong attempt counts even though the payment
 * does not happen.
 */
export async function checkPin(services: Services, userId: string, pin: string): Promise<PinCheck> {
  if (!PIN_PATTERN.test(pin)) return { ok: false, reason: 'format' };
  const nowMs = services.clock.nowMs();
  const { wallet } = await ensureWallet(services.db, userId, nowMs);
  if (wallet.pinLockedUntil && wallet.pinLockedUntil.getTime() > nowMs) return { ok: false, reason: 'locked', until: wallet.pinLockedUntil };
  if (!wallet.pinHash) {
    const hash = await hashPassword(pin);
    await updateWallet(services.db, userId, { pinHash: hash, pinFailures: 0, pinLockedUntil: null });
    return { ok: true, set: true };
  }
  const good = await verifyPassword(pin, wallet.pinHash);
  const max = services.config.pay.pinAttempts;
  return withTransaction(services, async (tx) => {
    const w = (await findWallet(tx, userId, true))!;
    if (good) {
      await updateWallet(tx, userId, { pinFailures: 0, pinLockedUntil: null });
      return { ok: true, set: false } as const;
    }
    const failures = w.pinFailures + 1;
    if (failures >= max) {
      const until = new Date(nowMs + PIN_LOCK_MS);
      await updateWallet(tx, userId, { pinFailures: 0, pinLockedUntil: until });
      return { ok: false, reason: 'locked', until } as const;
    }
    await updateWallet(tx, userId, { pinFailures: failures });
    return { ok: false, reason: 'wrong', left: max - failures } as const;
  });
}
