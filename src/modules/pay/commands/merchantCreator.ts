import { generateKeyPair as generateKeyPairCb } from 'node:crypto';
import { promisify } from 'node:util';
import type { Services } from '../../../main/services.js';
import { DomainError, dbErrorCode } from '../../../platform/errors.js';
import type { AccountRow } from '../../accounts/index.js';
import { selfSignedCertificate } from '../rules/certificate.js';
import { newApiKey, newMchid, newPublicKeyId, newSerial } from '../rules/ids.js';
import { API_KEY, checkApplication, INDUSTRY_FEE_BP, type EntityType, type Industry } from '../rules/merchant.js';
import { isRsaPublicKey, spkiPem } from '../rules/crypto.js';
import { bindAppid, insertMerchant, type MerchantRow } from '../store.js';

const generateKeyPair = promisify(generateKeyPairCb);

/** A platform certificate lasts 5 years (reference §1.3). */
const CERT_YEARS = 5;

export interface MerchantInput {
  account: AccountRow;
  name: string;
  entityType: EntityType;
  foreign: boolean;
  bankAccount: { type: 'corporate' | 'personal'; mainland: boolean } | null;
  industry: Industry;
  /** Set now if given (32 letters and digits); otherwise later, once. */
  apiV3Key?: string;
  /** The merchant's own public key (PEM); without one Herald makes the key pair and hands the private key out once. */
  merchantPublicKey?: string;
}

export interface CreatedMerchant {
  merchant: MerchantRow;
  /** PKCS#8 PEM, only when Herald made the key pair: shown once, never stored. */
  merchantPrivateKey: string | null;
}

async function rsaPair(): Promise<{ publicKey: string; privateKey: string }> {
  return generateKeyPair('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
}

/**
 * A merchant application (商户号申请) from an account: refused unless the account is a verified
 * service account with a mainland-China bank account; approved at once when Herald is set to
 * (HERALD_PAY_AUTO_APPROVE, the emulator's default), else left for review. The account's own
 * AppID is bound to the new merchant.
 */
export async function createMerchant(services: Services, input: MerchantInput): Promise<CreatedMerchant> {
  checkApplication({ account: input.account, entityType: input.entityType, foreign: input.foreign, bankAccount: input.bankAccount });
  if (input.apiV3Key !== undefined && !API_KEY.test(input.apiV3Key)) throw new DomainError('invalid_request', 'The APIv3 key is 32 letters and digits.', { field: 'api_v3_key' });
  if (input.merchantPublicKey !== undefined && !isRsaPublicKey(input.merchantPublicKey)) throw new DomainError('invalid_request', 'The merchant public key must be an RSA public key (PEM) of 2048 bits or more.', { field: 'merchant_public_key' });
  const bank = input.bankAccount!;
  const [merchantPair, platformPair] = await Promise.all([input.merchantPublicKey ? null : rsaPair(), rsaPair()]);
  const now = services.clock.now();
  const from = new Date(now.getTime() - 60_000);
  const until = new Date(from);
  until.setUTCFullYear(until.getUTCFullYear() + CERT_YEARS);
  const certSerial = newSerial();
  const spkiDer = Buffer.from(platformPair.publicKey.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  const certPem = selfSignedCertificate({ serialHex: certSerial, commonName: 'Tenpay.com Root CA', organization: 'Herald WeChat Pay emulator', notBefore: from, notAfter: until, spkiDer, privateKeyPem: platformPair.privateKey });
  const approved = services.config.pay.autoApprove;
  for (let tries = 0; ; tries++) {
    try {
      const merchant = await services.db.transaction(async (tx) => {
        const m = await insertMerchant(tx, {
          mchid: newMchid(),
          accountId: input.account.id,
          name: input.name,
          entityType: input.entityType,
          bankAccountType: bank.type,
          industry: input.industry,
          feeRateBp: INDUSTRY_FEE_BP[input.industry],
          status: approved ? 'approved' : 'reviewing',
          apiV3Key: input.apiV3Key ?? null,
          apiV2Key: newApiKey(),
          merchantSerial: newSerial(),
          merchantPublicKey: input.merchantPublicKey ? spkiPem(input.merchantPublicKey) : merchantPair!.publicKey,
          platformKeyId: newPublicKeyId(),
          platformPrivateKey: platformPair.privateKey,
          platformCertSerial: certSerial,
          platformCertPem: certPem,
          platformCertFrom: from,
          platformCertUntil: until,
          createdAt: now,
          approvedAt: approved ? now : null,
        });
        await bindAppid(tx, m.id, input.account.appid, now);
        return m;
      });
      return { merchant, merchantPrivateKey: merchantPair?.privateKey ?? null };
    } catch (err) {
      // Another merchant drew the same 10-digit number: draw again.
      if (dbErrorCode(err) !== 'unique_violation' || tries >= 5) throw err;
    }
  }
}
