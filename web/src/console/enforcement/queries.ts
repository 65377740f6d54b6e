import { consoleQuery } from '../queries.js';
import type { presentReport, presentStanding, presentViolation, presentWaiting } from '../../../../src/modules/enforcement/console/presenters.js';

export type ViolationRecord = ReturnType<typeof presentViolation>;
export type Standing = ReturnType<typeof presentStanding>;
export type WaitingConversation = ReturnType<typeof presentWaiting>;
export type ReviewRecord = ViolationRecord & { account: { appid: string; name: string; type: string } };
export type ReviewReport = ReturnType<typeof presentReport> & { account: { appid: string; name: string }; reporter: string };

export interface ViolationsPage {
  account: { appid: string; name: string; type: string };
  standing: Standing;
  records: ViolationRecord[];
  appeal_days: number;
  now: string;
}

export interface ResponseBoard {
  hours: number;
  threshold: number;
  waiting: WaitingConversation[];
  late: number;
}

/** The platform's records (pending appeals only, when asked). */
export const reviewRecordsQuery = (pending: boolean) =>
  consoleQuery<{ records: ReviewRecord[] }>(['admin', 'enforcement', 'records', pending], `/admin/enforcement/violations${pending ? '?appeal=pending' : ''}`);

/** The platform's reports queue. */
export const reportsQuery = consoleQuery<{ reports: ReviewReport[] }>(['admin', 'enforcement', 'reports'], '/admin/enforcement/reports');
