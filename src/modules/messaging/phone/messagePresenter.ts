import type { ConversationEntry } from '../store/conversations.js';

/** A conversation message as phones receive it (WebSocket `message` events, the simulator inbox). */
export interface PhoneMessage {
  id: number;
  appid: string;
  account_name: string;
  account_type: string;
  direction: string;
  source: string;
  msg_type: string;
  content: unknown;
  placement: string;
  notify: boolean;
  created_at: string;
  kf_account: string | null;
}

/** Lists the fields a phone gets; rows are never sent as they are. */
export function presentPhoneMessage(e: ConversationEntry): PhoneMessage {
  return {
    id: e.id,
    appid: e.appid,
    account_name: e.accountName,
    account_type: e.accountType,
    direction: e.direction,
    source: e.source,
    msg_type: e.msgType,
    content: e.content,
    placement: e.placement,
    notify: e.notify,
    created_at: e.createdAt.toISOString(),
    kf_account: e.kfAccount,
  };
}
