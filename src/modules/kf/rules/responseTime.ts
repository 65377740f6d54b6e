/**
 * The response-time rule for customer-service inquiries: the platform expects every inquiry to
 * be answered within 48 hours. The console's response-time board uses this to show which
 * conversations are overdue and which are getting close. Pure: time comes in as `nowMs`.
 */

/** An inquiry must be answered within this long. */
export const RESPONSE_DEADLINE_MS = 48 * 3600 * 1000;
/** Past this long without an answer an inquiry is flagged as at risk. */
export const AT_RISK_AFTER_MS = 24 * 3600 * 1000;

/** What the rule needs to know about a conversation. */
export interface InquiryTimes {
  /** The follower's latest message. */
  lastUserMessageAt: Date | null;
  /** The latest answer by a worker or the account. */
  lastReplyAt: Date | null;
  /**
   * The first follower message after the latest answer, when known. The wait is counted from
   * it: a follower who asks again does not restart the clock. Defaults to lastUserMessageAt.
   */
  firstUnansweredAt?: Date | null;
}

/** answered: nothing waits; waiting: under 24 h; at_risk: 24–48 h; overdue: 48 h or more. */
export type ResponseState = 'answered' | 'waiting' | 'at_risk' | 'overdue';

/** Where one conversation stands against the 48-hour rule. */
export interface ResponseStatus {
  state: ResponseState;
  /** When the unanswered inquiry was asked (null when answered). */
  askedAt: Date | null;
  /** How long it has waited, in ms (0 when answered). */
  waitingMs: number;
  /** When the 48 hours run out (null when answered). */
  dueAt: Date | null;
}

/** The response state of one conversation at `nowMs`. */
export function responseStatus(times: InquiryTimes, nowMs: number): ResponseStatus {
  const lastUser = times.lastUserMessageAt?.getTime();
  const lastReply = times.lastReplyAt?.getTime();
  // An answer given at or after the latest message settles it.
  if (lastUser === undefined || (lastReply !== undefined && lastReply >= lastUser)) {
    return { state: 'answered', askedAt: null, waitingMs: 0, dueAt: null };
  }
  const first = times.firstUnansweredAt?.getTime();
  // A first-unanswered time from before the latest answer is stale; fall back to the latest message.
  const asked = first !== undefined && first <= lastUser && (lastReply === undefined || first > lastReply) ? first : lastUser;
  const waitingMs = Math.max(0, nowMs - asked);
  const state: ResponseState = waitingMs >= RESPONSE_DEADLINE_MS ? 'overdue' : waitingMs > AT_RISK_AFTER_MS ? 'at_risk' : 'waiting';
  return { state, askedAt: new Date(asked), waitingMs, dueAt: new Date(asked + RESPONSE_DEADLINE_MS) };
}

/** Conversations sorted for the response-time board. */
export interface ResponseBoard<T> {
  /** Unanswered for 48 hours or more, longest wait first. */
  overdue: Array<T & { response: ResponseStatus }>;
  /** Unanswered for more than 24 hours, longest wait first. */
  atRisk: Array<T & { response: ResponseStatus }>;
  /** Unanswered for 24 hours or less, longest wait first. */
  waiting: Array<T & { response: ResponseStatus }>;
  /** How many conversations have nothing waiting. */
  answeredCount: number;
}

/** Sorts conversations into the board's columns at `nowMs`. */
export function responseBoard<T extends InquiryTimes>(items: readonly T[], nowMs: number): ResponseBoard<T> {
  const board: ResponseBoard<T> = { overdue: [], atRisk: [], waiting: [], answeredCount: 0 };
  for (const item of items) {
    const response = responseStatus(item, nowMs);
    if (response.state === 'answered') board.answeredCount++;
    else if (response.state === 'overdue') board.overdue.push({ ...item, response });
    else if (response.state === 'at_risk') board.atRisk.push({ ...item, response });
    else board.waiting.push({ ...item, response });
  }
  const longestFirst = (a: { response: ResponseStatus }, b: { response: ResponseStatus }) => b.response.waitingMs - a.response.waitingMs;
  board.overdue.sort(longestFirst);
  board.atRisk.sort(longestFirst);
  board.waiting.sort(longestFirst);
  return board;
}
