import type { AccountRow } from '../../accounts/index.js';
import { withQuery } from './serverConfig.js';
import { encrypt, msgSignature, newNonce, signature } from '../../../protocol/crypto.js';
import { buildXml } from '../../../protocol/xml.js';

/** The account fields a push needs. */
export type PushAccount = Pick<AccountRow, 'appid' | 'originalId' | 'serverUrl' | 'serverToken' | 'serverAesKey' | 'serverMode'>;

/** The URL (with its signed query) and the body of a push. */
export interface PushRequest {
  url: string;
  body: string;
}

/**
 * Builds the HTTP request WeChat sends for a push (reference §3, §4): the query carries
 * signature, timestamp, nonce and the sender's openid (plus encrypt_type=aes and
 * msg_signature when encrypting); the body is the plaintext XML, the safe-mode envelope
 * (ToUserName and Encrypt only) or, in compatible mode, every plaintext field plus Encrypt.
 */
export function buildPushRequest(
  account: PushAccount,
  delivery: { payloadXml: string; openid: string },
  nowSec: number,
  nonce: string = newNonce(),
): PushRequest {
  if (!account.serverUrl || !account.serverToken) throw new Error('the account has no server configured');
  const timestamp = String(nowSec);
  const query: Record<string, string> = {
    signature: signature(account.serverToken, timestamp, nonce),
    timestamp,
    nonce,
    openid: delivery.openid,
  };
  const mode = account.serverMode;
  if ((mode !== 'safe' && mode !== 'compatible') || !account.serverAesKey) {
    return { url: withQuery(account.serverUrl, query), body: delivery.payloadXml };
  }
  const encrypted = encrypt(account.serverAesKey, account.appid, delivery.payloadXml);
  query.encrypt_type = 'aes';
  query.msg_signature = msgSignature(account.serverToken, timestamp, nonce, encrypted);
  const body =
    mode === 'safe'
      ? buildXml({ ToUserName: account.originalId, Encrypt: encrypted })
      : delivery.payloadXml.replace(/\n?<\/xml>\s*$/, `\n<Encrypt><![CDATA[${encrypted}]]></Encrypt>\n</xml>`);
  return { url: withQuery(account.serverUrl, query), body };
}
