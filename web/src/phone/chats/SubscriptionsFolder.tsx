import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client.js';
import { useNavigate } from 'react-router';
import { Alert, Spinner } from '../../ui/index.js';
import { Avatar } from '../kit/Avatar.js';
import { NavBar, Screen } from '../kit/chrome.js';
import { listTime } from '../kit/format.js';
import { articlesOf } from '../chat/messageContent.js';
import { previewLine } from '../../ui/previewLine.js';
import { phoneApi } from '../api.js';
import { usePhone } from '../PhoneContext.js';
import { PushPostCard } from '../chat/PushPost.js';
import type { FolderEntry } from '../types.js';
import { t } from '../../i18n/index.js';

/**
 * 订阅号消息: subscription accounts' messages, collected silently (no notification, no count on
 * the Chats tab). One card per account, newest first; an article shows its cover and title, a
 * push post its article cards (opening one reads the post).
 */
export function SubscriptionsFolder() {
  const navigate = useNavigate();
  const { chats } = usePhone();
  const [entries, setEntries] = useState<FolderEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const stamp = chats?.subscriptions?.updated_at ?? '';

  useEffect(() => {
    phoneApi
      .get<{ accounts: FolderEntry[] }>('/subscriptions')
      .then((r) => setEntries(r.accounts))
      .catch((err) => setError(errorMessage(err)));
  }, [stamp]);

  return (
    <Screen nav={<NavBar title={t('phoneChats.subscriptions2')} back="/phone" />}>
      {error && <Alert tone="error">{error}</Alert>}
      {entries === null && !error && (
        <div className="ph-center">
          <Spinner />
        </div>
      )}
      {entries?.length === 0 && <div className="ph-empty">{t('phoneChats.messagesFromSubscriptionAccounts')}</div>}
      <ul className="ph-feed" aria-label={t('phoneChats.subscriptionAccounts')}>
        {entries?.map((e) => {
          const lead = e.latest ? articlesOf(e.latest)[0] : undefined;
          return (
            <li key={e.appid} className="ph-feed-item">
              <button type="button" className="ph-feed-head" onClick={() => navigate(`/phone/chat/${encodeURIComponent(e.appid)}`)} data-appid={e.appid}>
                <span className="ph-avatar-wrap">
                  <Avatar name={e.name} seed={e.appid} size={34} src={e.avatar_url} />
                  {e.unread > 0 && <span className="ph-dot ph-avatar-dot" aria-label={t('phoneChats.unread')} />}
                </span>
                <span className="ph-feed-name">{e.name}</span>
                <span className="ph-row-time">{listTime(e.updated_at)}</span>
              </button>
              {e.latest?.post && e.latest.post.msgtype === 'mpnews' ? (
                <div className="ph-feed-post">
                  <PushPostCard post={e.latest.post} markRead />
                </div>
              ) : (
                <button type="button" className="ph-feed-body" onClick={() => navigate(`/phone/chat/${encodeURIComponent(e.appid)}`)}>
                  {lead ? (
                    <span className="ph-feed-article">
                      <span className="ph-feed-title">{lead.title}</span>
                      {lead.picurl && <img src={lead.picurl} alt="" className="ph-feed-thumb" />}
                    </span>
                  ) : (
                    <span className="ph-feed-text">{previewLine(e.preview)}</span>
                  )}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </Screen>
  );
}
