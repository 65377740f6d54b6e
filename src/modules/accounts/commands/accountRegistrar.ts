import { eq } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/connect.js';
import { accessTokens, accounts } from '../schema.js';
import { organizations } from '../../operators/schema.js';
import type { AccountType } from '../rules/capabilities.js';
import { hashSecret, newAppid, newAppSecret, newOriginalId, newSalt } from '../../../protocol/ids.js';
import type { AccountRow } from '../store/accounts.js';
import { DomainError } from '../../../platform/errors.js';

export interface RegisterAccountInput {
  orgId: string;
  type: AccountType;
  name: string;
  verified?: boolean;
  /** When the yearly verification runs out (verified accounts). */
  verifiedUntil?: Date | null;
  wechatId?: string | null;
  description?: string;
  /** false for an overseas entity's account hidden from mainland China (default true). */
  mainlandVisible?: boolean;
}

/**
 * Registers an official account: mints the AppID, AppSecret and original id. The type is fixed
 * from here on. The AppSecret is returned once, in full, and only its salted hash is stored.
 */
export async function registerAccount(db: Executor, input: RegisterAccountInput): Promise<{ account: AccountRow; secret: string }> {
  const name = input.name.trim();
  if (name.length < 1 || name.length > 64) throw new DomainError('invalid_name', 'Account name must be 1 to 64 characters.');
  if (input.type !== 'subscription' && input.type !== 'service') {
    throw new DomainError('invalid_type', 'Account type must be subscription or service.');
  }
  if (input.wechatId != null && !/^[a-zA-Z][a-zA-Z0-9_-]{5,19}$/.test(input.wechatId)) {
    throw new DomainError('invalid_wechat_id', 'WeChat ID must be 6 to 20 letters, digits, _ or -, starting with a letter.');
  }
  const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, input.orgId));
  if (!org) throw new DomainError('not_found', 'Organization not found.');
  const secret = newAppSecret();
  const salt = newSalt();
  const [account] = await db
    .insert(accounts)
    .values({
      orgId: input.orgId,
      appid: newAppid(),
      type: input.type,
      verified: input.verified ?? false,
      verifiedUntil: input.verified ? (input.verifiedUntil ?? null) : null,
      name,
      wechatId: input.wechatId ?? null,
      originalId: newOriginalId(),
      description: input.description ?? '',
      mainlandVisible: input.mainlandVisible ?? true,
      secretHash: hashSecret(secret, salt),
      secretSalt: salt,
      secretHint: secret.slice(-4),
    })
    .returning();
  return { account, secret };
}

/**
 * Issues a new AppSecret; the old one stops working at once (as on WeChat). Every access_token
 * issued under the old secret is revoked with it (later calls answer 40001): the reference does
 * not say whether WeChat keeps them until they expire, and a reset is what an operator does when
 * the secret, and so its tokens, leaked. Callers drop the token cache (tokens.forgetAccount).
 */
export async function resetAppSecret(db: Executor, accountId: string, nowMs: number): Promise<string> {
  const secret = newAppSecret();
  const salt = newSalt();
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(accounts)
      .set({ secretHash: hashSecret(secret, salt), secretSalt: salt, secretHint: secret.slice(-4), secretResetAt: new Date(nowMs) })
      .where(eq(accounts.id, accountId))
      .returning({ id: accounts.id });
    if (rows.length === 0) throw new DomainError('not_found', 'Account not found.');
    await tx.delete(accessTokens).where(eq(accessTokens.accountId, accountId));
    return secret;
  });
}
