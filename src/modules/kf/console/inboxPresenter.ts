import type { ResponseBoard, ResponseStatus } from '../rules/responseTime.js';
import type { KfAccountRow } from '../store/kfAccounts.js';
import type { BoardRow, KfSessionRow } from '../store/kfSessions.js';
import type { OrgOperator } from '../store/inboxDirectory.js';
import { presentFollowerBrief, type InboxFollower } from '../../followers/index.js';
import type { ConversationRow, presentWindow } from '../../messaging/index.js';
import { previewText, type MessageContent, type PreviewParts } from '../../messaging/rules/conversation.js';

/**
 * Presenters of the customer-service inbox: representatives, queue entries, sessions and the
 * response-time board. Each lists the fields it sends.
 */
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** A representative (kf account) with who works as it and how many sessions it has. */
export function presentRepresentative(kf: KfAccountRow, acceptedCase: number, operator: OrgOperator | undefined, myOperatorId: string) {
  return {
    kf_account: kf.kfAccount,
    kf_id: kf.kfId,
    nickname: kf.nickname,
    online: kf.online,
    accepted_case: acceptedCase,
    operator: operator ? { id: operator.id, name: operator.name, email: operator.email } : null,
    is_me: kf.operatorId === myOperatorId,
    created_at: iso(kf.createdAt),
  };
}

/** An operator of the organization, for choosing who works as a new kf account. */
export function presentOperatorChoice(op: OrgOperator, boundTo: string | null) {
  return { id: op.id, name: op.name, email: op.email, role: op.role, kf_account: boundTo };
}

/** A follower's profile for the side panel. */
export function presentFollowerProfile(openid: string, f: InboxFollower | undefined) {
  return {
    ...presentFollowerBrief(openid, f),
    region: f ? [f.country, f.province, f.city].filter(Boolean).join(' · ') : '',
    language: f?.language ?? '',
    sex: f?.sex ?? 0,
    subscribe_time: iso(f?.followedAt),
  };
}

/** The latest message of a conversation, as one line. */
export interface Preview {
  text: string;
  /** The message's kind and its own words, for the console to word in the reader's language. */
  parts: PreviewParts;
  direction: 'in' | 'out';
  at: Date;
}

function presentPreview(p: Preview | undefined) {
  return p ? { text: p.text, parts: p.parts, direction: p.direction, at: p.at.toISOString() } : null;
}

function presentResponse(r: ResponseStatus) {
  return { state: r.state, asked_at: iso(r.askedAt), waiting_ms: r.waitingMs, due_at: iso(r.dueAt) };
}

/** A follower in the wait queue, with how long their inquiry has waited. */
export function presentWaiting(s: KfSessionRow, f: InboxFollower | undefined, preview: Preview | undefined, response: ResponseStatus) {
  return {
    ...presentFollowerBrief(s.openid, f),
    latest_time: iso(s.lastUserMessageAt ?? s.createdAt),
    preview: presentPreview(preview),
    waiting_since: iso(s.createdAt),
    /** A follower waiting for one representative by name (the passive reply's KfAccount). */
    reserved_for: s.kfAccount,
    response: presentResponse(response),
  };
}

/** An active session with a representative. */
export function presentSession(
  s: KfSessionRow | BoardRow,
  f: InboxFollower | undefined,
  preview: Preview | undefined,
  response: ResponseStatus,
  kfNickname: string | undefined,
) {
  return {
    ...presentFollowerBrief(s.openid, f),
    status: s.status,
    kf_account: s.kfAccount,
    kf_nickname: kfNickname ?? null,
    created_at: iso(s.createdAt),
    accepted_at: 'acceptedAt' in s ? iso(s.acceptedAt) : null,
    latest_time: iso(s.lastUserMessageAt ?? s.createdAt),
    last_reply_at: iso(s.lastReplyAt),
    preview: presentPreview(preview),
    response: presentResponse(response),
  };
}

/** The response-time board: overdue (48 h), at risk (24 h), waiting, and how many are answered. */
export function presentBoard(board: ResponseBoard<BoardRow>, followers: ReadonlyMap<string, InboxFollower>, kfNicknames: ReadonlyMap<string, string>) {
  const item = (row: BoardRow & { response: ResponseStatus }) => ({
    ...presentFollowerBrief(row.openid, followers.get(row.openid)),
    status: row.status,
    kf_account: row.kfAccount,
    kf_nickname: row.kfAccount ? (kfNicknames.get(row.kfAccount) ?? null) : null,
    response: presentResponse(row.response),
  });
  return {
    overdue: board.overdue.map(item),
    at_risk: board.atRisk.map(item),
    waiting: board.waiting.map(item),
    answered_count: board.answeredCount,
  };
}

/** The follower's open session, for a conversation's header. */
export function presentOpenSession(s: KfSessionRow, kfNickname: string | undefined) {
  return {
    status: s.status,
    kf_account: s.kfAccount,
    kf_nickname: kfNickname ?? null,
    created_at: iso(s.createdAt),
    accepted_at: iso(s.acceptedAt),
  };
}

/** Who a representative is, for the messages they sent. */
export interface Answerer {
  nickname: string;
  /** The operator working as the kf account, if one is bound. */
  operator: string | null;
}

/** One message of a conversation, either way, with who answered when a representative did. */
export function presentConversationMessage(m: ConversationRow, answerer: Answerer | undefined) {
  const content = (m.content ?? {}) as MessageContent;
  return {
    id: m.id,
    direction: m.direction,
    source: m.source,
    msgtype: m.msgType,
    text: previewText(m.msgType, content),
    content,
    kf_account: m.kfAccount,
    kf_nickname: answerer?.nickname ?? null,
    operator_name: answerer?.operator ?? null,
    created_at: iso(m.createdAt),
  };
}

/** The inbox API's shapes, as the web app imports them (type-only). */
export type ConsoleRepresentative = ReturnType<typeof presentRepresentative>;
export type OperatorChoice = ReturnType<typeof presentOperatorChoice>;
export type FollowerBrief = ReturnType<typeof presentFollowerBrief>;
export type FollowerProfile = ReturnType<typeof presentFollowerProfile>;
export type WaitingEntry = ReturnType<typeof presentWaiting>;
export type SessionEntry = ReturnType<typeof presentSession>;
export type ResponseBoardView = ReturnType<typeof presentBoard>;
export type BoardEntry = ResponseBoardView['overdue'][number];
export type OpenSession = ReturnType<typeof presentOpenSession>;
export type WindowInfo = ReturnType<typeof presentWindow>;
export type ConversationMessage = ReturnType<typeof presentConversationMessage>;
