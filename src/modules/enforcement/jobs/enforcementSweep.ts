import type { Services, SignalName } from '../../../main/services.js';
import { defineSchedule } from '../../../platform/jobs/registry.js';
import { withTransaction } from '../../../platform/jobs/transaction.js';
import { findAccountById } from '../../accounts/index.js';
import { chinaDay } from '../../../platform/clock.js';
import { MODERATION_RULES } from '../rules/violations.js';
import { accountsWithLateInquiries, loadPolicy, unrecordedModerationFindings } from '../store.js';
import { recordViolation } from '../commands/violationRecorder.js';

/** How often the sweep looks (Herald time moves with time travel). */
const SWEEP_EVERY_MS = 60_000;
/** Findings and accounts handled per run (a later run takes the rest). */
const BATCH = 100;
/** Inquiries older than this before the late mark are no longer looked at (a bounded scan). */
const LOOKBACK_MS = 7 * 86_400_000;

type SweepServices = Pick<Services, 'db' | 'clock' | 'config' | 'signals' | 'realtime' | 'log' | 'tokens'>;

/**
 * Turns what other modules found into violation records (each once: records are unique by source
 * and reference, so the sweep is safe to run twice and on several nodes): the moderation checks'
 * findings, and accounts with `response.threshold` conversations waiting longer than
 * `response.hours` for an answer (at most one record per account and China day).
 */
export async function sweepEnforcement(services: SweepServices): Promise<{ moderation: number; response: number }> {
  const out = { moderation: 0, response: 0 };
  for (const f of await unrecordedModerationFindings(services.db, BATCH)) {
    const account = await findAccountById(services.db, f.accountId);
    if (!account) continue;
    const done = await withTransaction(services, (tx, after) =>
      recordViolation(services, tx, after, {
        account,
        rule: MODERATION_RULES[f.category] ?? '4.13',
        source: 'moderation',
        sourceRef: String(f.id),
        content: `「${f.term}」${f.passage}`,
        contentRef: { kind: f.action, ref: f.groupId },
      }),
    );
    if (done) out.moderation += 1;
  }
  const policy = await loadPolicy(services.db);
  const now = services.clock.now();
  const lateBefore = new Date(now.getTime() - policy.response.hours * 3_600_000);
  const late = await accountsWithLateInquiries(services.db, new Date(lateBefore.getTime() - LOOKBACK_MS), lateBefore, policy.response.threshold, BATCH);
  for (const l of late) {
    const account = await findAccountById(services.db, l.accountId);
    if (!account) continue;
    const done = await withTransaction(services, (tx, after) =>
      recordViolation(services, tx, after, {
        account,
        rule: 'response_48h',
        source: 'response_time',
        sourceRef: `${account.id}:${chinaDay(now.getTime())}`,
        content: `${Number(l.late)} 位用户的咨询超过 ${policy.response.hours} 小时未回复 / ${Number(l.late)} followers waited over ${policy.response.hours} hours for an answer`,
        contentRef: { kind: 'inquiries', ref: null },
      }),
    );
    if (done) out.response += 1;
  }
  return out;
}

/** The enforcement sweep: moderation findings and late answers become records, every minute on the Herald clock. */
export const enforcementSchedule = (every = SWEEP_EVERY_MS) =>
  defineSchedule<Services, SignalName>({
    name: 'enforcement',
    every,
    runAtStart: true,
    run: (services) => sweepEnforcement(services).catch((err: unknown) => services.log.child({ component: 'enforcement' }).warn({ err }, 'the enforcement sweep failed')),
  });
