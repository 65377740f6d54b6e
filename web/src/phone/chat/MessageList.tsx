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

type LinkNotice = { appid: string; pagepath: string };
/** A system notice naming a mini program the account linked (it opens from the notice). */
const isLinkNotice = (v: unknown): v is LinkNotice => typeof v === 'object' && v !== null && typeof (v as LinkNotice).appid === 'string' && typeof (v as LinkNotice).pagepath === 'string';

/** The conversation's messages: time stamps after gaps, system notices and push posts centred, bubbles left and right. */
export function MessageList({ messages, actions, accountName, appid, avatarUrl = null }: { messages: Message[]; actions: MessageActions; accountName: string; appid: string; avatarUrl?: string | null }) {
  const { me } = usePhone();
  const notice = (mini: LinkNotice) => actions.openMiniProgram(mini.appid, mini.pagepath);
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
                {isLinkNotice(m.content.miniprogram) && (
                  <>
                    {' '}
                    <button type="button" className="ph-linkbtn" onClick={() => notice(m.content.miniprogram as LinkNotice)}>
                      {t('phoneChat.openMiniProgram')}
                    </button>
                  </>
                )}
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
