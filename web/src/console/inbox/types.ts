/** The inbox API's shapes, as src/console/inboxPresenter.ts sends them. */

export interface FollowerBrief {
  openid: string;
  nickname: string;
  remark: string;
  avatar_url: string;
  subscribed: boolean;
}

export interface FollowerProfile extends FollowerBrief {
  region: string;
  language: string;
  sex: number;
  subscribe_time: string | null;
}

export interface Preview {
  text: string;
  direction: 'in' | 'out';
  at: string;
}

export type ResponseState = 'answered' | 'waiting' | 'at_risk' | 'overdue';

export interface ResponseInfo {
  state: ResponseState;
  asked_at: string | null;
  waiting_ms: number;
  due_at: string | null;
}

export interface WaitingEntry extends FollowerBrief {
  latest_time: string | null;
  preview: Preview | null;
  waiting_since: string | null;
  reserved_for: string | null;
  response: ResponseInfo;
  window: WindowInfo;
}

export interface SessionEntry extends FollowerBrief {
  status: string;
  kf_account: string | null;
  kf_nickname: string | null;
  created_at: string | null;
  accepted_at: string | null;
  latest_time: string | null;
  last_reply_at: string | null;
  preview: Preview | null;
  response: ResponseInfo;
  window: WindowInfo;
}

export interface BoardEntry extends FollowerBrief {
  status: string;
  kf_account: string | null;
  kf_nickname: string | null;
  response: ResponseInfo;
}

export interface MyKf {
  kf_account: string;
  nickname: string;
  online: boolean;
}

export interface InboxView {
  now: string;
  me: MyKf | null;
  can_supervise: boolean;
  waiting_count: number;
  waiting: WaitingEntry[];
  mine: SessionEntry[];
  others: SessionEntry[];
  board: { overdue: BoardEntry[]; at_risk: BoardEntry[]; waiting: BoardEntry[]; answered_count: number };
}

export interface Representative {
  kf_account: string;
  kf_id: number;
  nickname: string;
  online: boolean;
  accepted_case: number;
  operator: { id: string; name: string; email: string } | null;
  is_me: boolean;
  created_at: string | null;
}

export interface OperatorChoice {
  id: string;
  name: string;
  email: string;
  role: string;
  kf_account: string | null;
}

export interface RepresentativesView {
  wechat_id: string | null;
  available: boolean;
  unavailable_reason: string | null;
  can_supervise: boolean;
  me: MyKf | null;
  kf_accounts: Representative[];
  operators: OperatorChoice[];
}

export interface WindowInfo {
  state: 'open' | 'exhausted' | 'closed';
  closes_at: string | null;
  messages_left: number | null;
  closed_at: string | null;
}

export interface OpenSession {
  status: string;
  kf_account: string | null;
  kf_nickname: string | null;
  created_at: string | null;
  accepted_at: string | null;
}

export interface ConversationMessage {
  id: number;
  direction: 'in' | 'out';
  source: string;
  msgtype: string;
  text: string;
  content: Record<string, unknown>;
  kf_account: string | null;
  kf_nickname: string | null;
  operator_name: string | null;
  created_at: string;
}

export interface ConversationPage {
  now: string;
  follower: FollowerProfile;
  session: OpenSession | null;
  window: WindowInfo;
  messages: ConversationMessage[];
  has_more: boolean;
}

/** The inbox's views: the conversations, the 48-hour board, and the team of representatives. */
export type InboxTab = 'conversations' | 'board' | 'team';
