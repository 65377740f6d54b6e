import type { Services } from '../../../main/services.js';
import type { Tx } from '../../../platform/db/connect.js';
import type { AccountRow } from '../../accounts/index.js';
import { queueMail } from '../../mail/index.js';
import { stepEnd, stepFor } from '../rules/ladder.js';
import type { RuleId, ViolationSource } from '../rules/violations.js';
import { insertViolationRecord, loadPolicy, lockAccountPenalties, recorded, standingCount, type ViolationRecordRow } from '../store.js';
import { managerEmails } from '../../operators/index.js';
import { violationMail } from './mails.js';
import { applyStanding, type Effects } from './standing.js';

const DAY_MS = 86_400_000;
/** How much of the content the record keeps. */
export const CONTENT_MAX = 500;

export interface ViolationInput {
  account: Pick<AccountRow, 'id' | 'orgId' | 'appid' | 'name' | 'type'>;
  rule: RuleId;
  source: ViolationSource;
  /** Unique per source: the same finding is recorded once. */
  sourceRef: string;
  content: string;
  contentRef: { kind: string; ref: string | null };
}

/**
 * Records a violation and climbs the ladder (rules/ladder.ts): the standing violations within the
 * strike window, this one included, pick the step; its restrictions get their end on the Herald
 * clock; the account's standing is rewritten; the managers are mailed. Runs in the caller's
 * transaction under the account's lock; undefined when the finding was recorded before.
 */
export async function recordViolation(services: Pick<Services, 'clock' | 'config' | 'tokens'>, tx: Tx, after: Effects, input: ViolationInput): Promise<ViolationRecordRow | undefined> {
  const { account } = input;
  await lockAccountPenalties(tx, account.id);
  if (await recorded(tx, input.source, input.sourceRef)) return undefined;
  const policy = await loadPolicy(tx);
  const now = services.clock.now();
  const strike = (await standingCount(tx, account.id, new Date(now.getTime() - policy.strikeWindowDays * DAY_MS))) + 1;
  const step = stepFor(policy, account.type, strike);
  const row = await insertViolationRecord(tx, {
    accountId: account.id,
    rule: input.rule,
    source: input.source,
    sourceRef: input.sourceRef.slice(0, 200),
    content: input.content.slice(0, CONTENT_MAX),
    contentRef: input.contentRef,
    strike,
    penalty: step.penalty,
    restrictions: step.restrictions,
    endsAt: stepEnd(step, now),
    createdAt: now,
    appealDeadline: new Date(now.getTime() + policy.appealDays * DAY_MS),
  });
  if (!row) return undefined;
  if (step.penalty !== 'warning' && step.penalty !== 'content_removed') await applyStanding(services, tx, after, account.id);
  for (const to of await managerEmails(tx, account.orgId)) await queueMail(services, tx, violationMail(to, account, row, services.config.publicUrl));
  after.wake('mailQueued');
  return row;
}
