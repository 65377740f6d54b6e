import { Fragment } from 'react';
import { Avatar } from '../kit/Avatar.js';
import { chatTime, needsStamp } from '../kit/format.js';
import { isCard, MessageBody, type MessageActions } from './MessageBody.js';
import { usePhone } from '../PhoneContext.js';
import { PushPostCard } from './PushPost.js';
import type { Message } from '../types.js';
import { t } from '../../i18n/index.js';

/** A list key: push posts' ids are msg_ids, apart from message ids. */
export const messageKey = (m: Message) => (m.source === 'broadcast' ? `post-${m.id}` : `msg-${m.id}`);

/** The conversation's messages: time stamps after gaps, system notices and push posts centred, bubbles left and right. */
export function MessageList({ messages, actions, accountName, appid, avatarUrl = null }: { messages: Message[]; actions: MessageActions; accountName: string; appid: string; avatarUrl?: string | null }) {
  const { me } = usePhone();
  return (
    <ol className="ph-msglist" aria-label={t('phoneChat.messages')}>
      {messages.map((m, i) => {
        const stamp = needsStamp(messages[i - 1]?.created_at, m.created_at);
        const mine = m.direction === 'in';
        return (
          <Fragment key={messageKey(m)}>
            {stamp && (
              <li className="ph-stamp" aria-hidden="true">
                {chatTime(m.created_at)}
              </li>
            )}
            {m.post && m.post.msgtype === 'mpnews' ? (
              <li className="ph-post-row" data-post-id={m.id}>
                <PushPostCard post={m.post} />
              </li>
            ) : m.msg_type === 'system' ? (
              <li className="ph-system" data-msg-id={m.id}>
                {String(m.content.content ?? '')}
              </li>
            ) : (
              <li className={`ph-msg ${mine ? 'ph-msg-mine' : 'ph-msg-theirs'}`} data-msg-id={m.id} data-msg-type={m.msg_type}>
                {mine ? <Avatar name={me.nickname} seed={me.id} size={40} /> : <Avatar name={accountName || m.account_name} seed={appid} size={40} src={avatarUrl} />}
                <div className="ph-msg-col">
                  {!mine && m.kf_account && <div className="ph-msg-kf">{m.kf_account.split('@')[0]}</div>}
                  <div className={isCard(m) ? 'ph-cardwrap' : `ph-bubble ${mine ? 'ph-bubble-mine' : ''}`}>
                    <MessageBody m={m} actions={actions} />
                  </div>
                </div>
              </li>
            )}
          </Fragment>
        );
      })}
    </ol>
  );
}
