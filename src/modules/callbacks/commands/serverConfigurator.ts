import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Services } from '../../../main/services.js';
import { accounts } from '../../accounts/schema.js';
import { findAccountById } from '../../accounts/store/accounts.js';
import { DomainError } from '../../../platform/errors.js';
import { isProblem, validateServerConfig, withQuery, type ValidServerConfig } from '../rules/serverConfig.js';
import { newNonce, signature } from '../../../protocol/crypto.js';
import { OutboundError, sendOutbound } from '../../../protocol/outbound.js';

/** What an operator (console) or a script (simulator) submits. */
export interface ServerConfigInput {
  url: string;
  token: string;
  encodingAesKey?: string | null;
  mode: 'plaintext' | 'compatible' | 'safe';
}

/** WeChat waits 5 seconds for the verification answer. */
export const VERIFY_TIMEOUT_MS = 5000;

/** Options for tests. */
export interface ConfigureServerOptions {
  /** Overrides the 5-second deadline (tests only). */
  timeoutMs?: number;
}

const shown = (s: string) => (s.length > 80 ? `${s.slice(0, 80)}…` : s);

/**
 * WeChat's URL verification: GET url?signature&timestamp&nonce&echostr; the server proves it
 * holds the Token by answering 200 with exactly the echostr. Throws server_verification_failed
 * with a reason a person can act on.
 */
export async function verifyServerUrl(services: Pick<Services, 'clock' | 'outbound'>, config: Pick<ValidServerConfig, 'url' | 'token'>, timeoutMs = VERIFY_TIMEOUT_MS): Promise<void> {
  const timestamp = String(services.clock.nowSec());
  const nonce = newNonce();
  // echostr: random digits, as WeChat sends (a 19-digit number).
  const echostr = String(BigInt(`0x${randomBytes(8).toString('hex')}`) % 9_000_000_000_000_000_000n + 1_000_000_000_000_000_000n);
  const url = withQuery(config.url, { signature: signature(config.token, timestamp, nonce), echostr, timestamp, nonce });
  let res;
  try {
    res = await sendOutbound({ method: 'GET', url, timeoutMs, maxResponseBytes: 4096, guard: services.outbound });
  } catch (err) {
    if (err instanceof OutboundError) throw new DomainError('server_verification_failed', err.message, { reason: err.kind });
    throw err;
  }
  // In platform mode the answer of a server is never shown back (it may not be the operator's).
  const reflect = !services.outbound.strict;
  if (res.status !== 200) {
    if (!reflect) {
      throw new DomainError('server_verification_failed', `Your server answered with an HTTP ${Math.floor(res.status / 100)}xx status instead of 200`, { reason: 'http_status' });
    }
    throw new DomainError('server_verification_failed', `Your server answered HTTP ${res.status}`, { reason: 'http_status', status: res.status });
  }
  const answer = res.body.trim();
  if (answer !== echostr) {
    if (!reflect) {
      throw new DomainError('server_verification_failed', `Your server's answer was not the echostr ${echostr}`, { reason: 'wrong_echostr' });
    }
    const what = answer.length === 0 ? 'an empty body' : `'${shown(answer)}'`;
    throw new DomainError('server_verification_failed', `Your server answered ${what} instead of the echostr ${echostr}`, { reason: 'wrong_echostr' });
  }
}

/**
 * Configures an account's callback server: validates the input, performs WeChat's URL
 * verification, and only then stores the configuration and enables pushes. On any failure
 * nothing is saved.
 */
export async function configureServer(services: Services, accountId: string, input: ServerConfigInput, opts: ConfigureServerOptions = {}): Promise<void> {
  const checked = validateServerConfig(input);
  if (isProblem(checked)) throw new DomainError('invalid_server_config', checked.message, { field: checked.field });
  const account = await findAccountById(services.db, accountId);
  if (!account) throw new DomainError('not_found', 'Account not found.');
  await verifyServerUrl(services, checked, opts.timeoutMs ?? VERIFY_TIMEOUT_MS);
  await services.db
    .update(accounts)
    .set({
      serverUrl: checked.url,
      serverToken: checked.token,
      serverAesKey: checked.encodingAesKey,
      serverMode: checked.mode,
      serverEnabled: true,
      serverVerifiedAt: services.clock.now(),
    })
    .where(eq(accounts.id, accountId));
}

/** Stops pushes to the account's server; the configuration is kept for re-enabling. */
export async function disableServer(services: Services, accountId: string): Promise<void> {
  const rows = await services.db.update(accounts).set({ serverEnabled: false }).where(eq(accounts.id, accountId)).returning({ id: accounts.id });
  if (rows.length === 0) throw new DomainError('not_found', 'Account not found.');
}
