import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client.js';
import { useNavigate } from 'react-router';
import { Alert, Spinner } from '../../ui/index.js';
import { Avatar } from '../kit/Avatar.js';
import { NavBar, Screen, TabBar } from '../kit/chrome.js';
import { chatsUnread } from '../chats/ChatsTab.js';
import { SearchIcon } from '../kit/icons.js';
import { phoneApi } from '../api.js';
import { usePhone } from '../PhoneContext.js';
import type { AccountCard } from '../types.js';
import { t } from '../../i18n/index.js';

/** 通讯录: here only the Official Accounts (公众号) this follower follows. */
export function ContactsTab() {
  const navigate = useNavigate();
  const { chats } = usePhone();
  const [accounts, setAccounts] = useState<AccountCard[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    phoneApi
      .get<{ accounts: AccountCard[] }>('/accounts')
      .then((r) => setAccounts(r.accounts))
      .catch((err) => setError(errorMessage(err)));
  }, []);

  return (
    <Screen
      nav={
        <NavBar
          title={t('phoneContacts.contacts')}
          right={
            <button type="button" className="ph-icon-btn" aria-label={t('phoneContacts.search')} onClick={() => navigate('/phone/search')}>
              <SearchIcon />
            </button>
          }
        />
      }
      footer={<TabBar active="contacts" unread={chats ? chatsUnread(chats.chats) : 0} dot={Boolean(chats?.subscriptions?.unread)} />}
    >
      <h2 className="ph-list-caption">{t('phoneContacts.officialAccounts')}</h2>
      {error && <Alert tone="error">{error}</Alert>}
      {accounts === null && !error && (
        <div className="ph-center">
          <Spinner />
        </div>
      )}
      {accounts?.length === 0 && <p className="ph-muted ph-pad">{t('phoneContacts.youFollowNoOfficial')}</p>}
      <ul className="ph-list" aria-label={t('phoneContacts.officialAccounts2')}>
        {accounts?.map((a) => (
          <li key={a.appid}>
            <button type="button" className="ph-row" onClick={() => navigate(`/phone/accounts/${encodeURIComponent(a.appid)}`)}>
              <Avatar name={a.name} seed={a.appid} size={40} src={a.avatar_url} />
              <span className="ph-row-main">
                <span className="ph-row-title">{a.name}</span>
                <span className="ph-row-sub">{a.type === 'service' ? t('phoneContacts.serviceAccount') : t('phoneContacts.subscriptionAccount')}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </Screen>
  );
}
