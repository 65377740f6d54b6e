import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../../api/client.js';
import { Alert, Button, Spinner, useToast } from '../../ui/index.js';
import { Avatar } from '../kit/Avatar.js';
import { NavBar, Screen } from '../kit/chrome.js';
import { listTime } from '../kit/format.js';
import { phoneApi } from '../api.js';
import { t } from '../../i18n/index.js';

/** A link request waiting for this user as the admin of a mini program (status 2). */
export interface LinkInvitation {
  appid: string;
  name: string;
  icon_url: string;
  account_appid: string;
  account_name: string;
  show_profile: boolean;
  requested_at: string;
}

/** The invitations waiting for this user (the Chats tab shows 公众平台安全助手 when there is any). */
export function useLinkInvitations(stamp: string): LinkInvitation[] | null {
  const [list, setList] = useState<LinkInvitation[] | null>(null);
  useEffect(() => {
    phoneApi
      .get<{ invitations: LinkInvitation[] }>('/miniprogram-invitations')
      .then((r) => setList(r.invitations))
      .catch(() => setList([]));
  }, [stamp]);
  return list;
}

/**
 * 公众平台安全助手: the requests of official accounts to link a mini program this user administers,
 * each with the account, the mini program and whether it will show on the account's profile; the
 * admin accepts (linked) or refuses.
 */
export function LinkInvitations() {
  const toast = useToast();
  const [list, setList] = useState<LinkInvitation[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const load = useCallback(() => {
    phoneApi
      .get<{ invitations: LinkInvitation[] }>('/miniprogram-invitations')
      .then((r) => setList(r.invitations))
      .catch((err) => setError(errorMessage(err)));
  }, []);
  useEffect(load, [load]);

  const answer = async (inv: LinkInvitation, accept: boolean) => {
    const key = `${inv.appid}|${inv.account_appid}`;
    setBusy(key);
    try {
      await phoneApi.post('/miniprogram-invitations/answer', { appid: inv.appid, account_appid: inv.account_appid, accept });
      toast.show(accept ? t('phoneMiniprogram.linkAccepted', { account: inv.account_name, name: inv.name }) : t('phoneMiniprogram.linkRefused', { account: inv.account_name }));
      setList((l) => (l ?? []).filter((x) => `${x.appid}|${x.account_appid}` !== key));
    } catch (err) {
      toast.show(errorMessage(err), 'error');
      load();
    } finally {
      setBusy(null);
    }
  };

  return (
    <Screen nav={<NavBar title={t('phoneMiniprogram.securityAssistant')} back="/phone" />}>
      {error && <Alert tone="error">{error}</Alert>}
      {list === null && !error && (
        <div className="ph-center">
          <Spinner />
        </div>
      )}
      {list?.length === 0 && <div className="ph-empty">{t('phoneMiniprogram.noInvitations')}</div>}
      <ul className="ph-feed" aria-label={t('phoneMiniprogram.invitations')}>
        {(list ?? []).map((inv) => {
          const key = `${inv.appid}|${inv.account_appid}`;
          return (
            <li key={key} className="ph-feed-item" data-testid="link-invitation" data-appid={inv.appid} data-account={inv.account_appid}>
              <div className="ph-feed-head">
                <Avatar name={inv.name} seed={inv.appid} size={34} src={inv.icon_url || null} />
                <span className="ph-feed-name">{inv.name}</span>
                <span className="ph-row-time">{listTime(inv.requested_at)}</span>
              </div>
              <div className="ph-template ph-invite" role="group" aria-label={t('phoneMiniprogram.linkRequest')}>
                <div className="ph-template-title">{t('phoneMiniprogram.linkRequest')}</div>
                <p>{t('phoneMiniprogram.linkRequestText', { account: inv.account_name, name: inv.name })}</p>
                {inv.show_profile && <p className="ph-muted">{t('phoneMiniprogram.showsOnProfile')}</p>}
                <div className="ph-profile-actions">
                  <Button variant="primary" className="ph-wide" loading={busy === key} disabled={busy !== null} onClick={() => void answer(inv, true)}>
                    {t('phoneMiniprogram.accept')}
                  </Button>
                  <Button variant="secondary" className="ph-wide" disabled={busy !== null} onClick={() => void answer(inv, false)}>
                    {t('phoneMiniprogram.refuse')}
                  </Button>
                </div>
              </div>
            </li>
          );
        })}
      </ul>
    </Screen>
  );
}
