import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/client.js';
import { Alert, Spinner } from '../../ui/index.js';
import { Avatar } from '../kit/Avatar.js';
import { NavBar, Screen } from '../kit/chrome.js';
import { listTime } from '../kit/format.js';
import { Template } from '../chat/MessageBody.js';
import { phoneApi } from '../api.js';
import { usePhone } from '../PhoneContext.js';
import type { ServiceNotificationView } from '../../../../src/modules/subscribemsg/phone.js';
import { t } from '../../i18n/index.js';

/** The newest 服务通知 entries (the Chats tab shows a row when there is any). */
export function useServiceNotifications(stamp: string): ServiceNotificationView[] | null {
  const [list, setList] = useState<ServiceNotificationView[] | null>(null);
  useEffect(() => {
    phoneApi
      .get<{ notifications: ServiceNotificationView[] }>('/service-notifications?limit=20')
      .then((r) => setList(r.notifications))
      .catch(() => setList([]));
  }, [stamp]);
  return list;
}

/**
 * 服务通知: subscribe notifications from accounts the user consented to without following, newest
 * last as in a chat, each as WeChat's card with the account that sent it.
 */
export function ServiceNotifications() {
  const navigate = useNavigate();
  const { openBrowser } = usePhone();
  const [list, setList] = useState<ServiceNotificationView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    phoneApi
      .get<{ notifications: ServiceNotificationView[] }>('/service-notifications?limit=50')
      .then((r) => setList(r.notifications))
      .catch((err) => setError(errorMessage(err)));
  }, []);
  const actions = {
    openUrl: (url: string, title?: string) => openBrowser(url, title),
    openMiniProgram: (appid: string, path: string, scene = '1107') => void navigate(`/phone/miniprogram?appid=${encodeURIComponent(appid)}&path=${encodeURIComponent(path)}&scene=${scene}`),
  };
  return (
    <Screen nav={<NavBar title={t('phoneChats.serviceNotifications')} back="/phone" />}>
      {error && <Alert tone="error">{error}</Alert>}
      {list === null && !error && (
        <div className="ph-center">
          <Spinner />
        </div>
      )}
      {list?.length === 0 && <div className="ph-empty">{t('phoneChats.noServiceNotifications')}</div>}
      <ul className="ph-feed" aria-label={t('phoneChats.serviceNotificationList')}>
        {[...(list ?? [])].reverse().map((n) => (
          <li key={n.msgid} className="ph-feed-item" data-msgid={n.msgid}>
            <div className="ph-feed-head">
              <Avatar name={n.account_name} seed={n.appid} size={34} src={n.avatar_url} />
              <span className="ph-feed-name">{n.account_name}</span>
              <span className="ph-row-time">{listTime(n.created_at)}</span>
            </div>
            <Template m={{ account_name: n.account_name, content: { title: n.title, fields: n.fields, url: n.page } }} actions={actions} label={t('phoneChat.subscribeMessage')} />
          </li>
        ))}
      </ul>
    </Screen>
  );
}
