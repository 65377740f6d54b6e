import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../../api/client.js';
import { useNavigate } from 'react-router';
import { Alert, Button, Spinner, useToast } from '../../ui/index.js';
import { Avatar } from '../kit/Avatar.js';
import { NavBar, Screen } from '../kit/chrome.js';
import { VerifiedMark } from '../kit/icons.js';
import { LocationSheet } from '../sheets/LocationSheet.js';
import { ReportSheet } from '../sheets/ReportSheet.js';
import { ProfileHistory } from './ProfileHistory.js';
import { TemplateNotifications } from './TemplateNotifications.js';
import { ProfileMiniPrograms } from './ProfileMiniPrograms.js';
import { accountPath, phoneApi } from '../api.js';
import { usePhone } from '../PhoneContext.js';
import type { Profile } from '../types.js';
import { t } from '../../i18n/index.js';

/** An official account's profile: who it is, follow / unfollow, the way into its messages, and its 历史消息. */
export function ProfileScreen({ appid }: { appid: string }) {
  const navigate = useNavigate();
  const { reloadChats } = usePhone();
  const toast = useToast();
  const [profile, setProfile] = useState<Profile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [locating, setLocating] = useState(false);
  const [reporting, setReporting] = useState(false);

  const load = useCallback(async () => {
    try {
      setProfile((await phoneApi.get<{ account: Profile }>(accountPath(appid))).account);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [appid]);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (action: 'follow' | 'unfollow') => {
    setBusy(true);
    try {
      const { account } = await phoneApi.post<{ account: Profile }>(accountPath(appid, `/${action}`));
      setProfile(account);
      void reloadChats();
      if (action === 'follow') void navigate(`/phone/chat/${encodeURIComponent(appid)}`);
      else toast.show(t('phoneProfile.unfollowedName', { name: account.name }));
    } catch (err) {
      toast.show(errorMessage(err), 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen nav={<NavBar title="" back={() => window.history.back()} tone="white" />} className="ph-white">
      {error && <Alert tone="error">{error}</Alert>}
      {!profile && !error && (
        <div className="ph-center">
          <Spinner />
        </div>
      )}
      {profile && (
        <div className="ph-profile">
          <Avatar name={profile.name} seed={profile.appid} size={72} src={profile.avatar_url} />
          <h2 className="ph-profile-name">
            {profile.name} {profile.verified && <VerifiedMark type={profile.type} />}
          </h2>
          <div className="ph-profile-meta">
            {profile.type === 'service' ? t('phoneProfile.serviceAccount') : t('phoneProfile.subscriptionAccount')}
            {profile.wechat_id && <> {t('phoneProfile.wechatId', { wechat_id: profile.wechat_id })}</>}
          </div>
          {profile.description && <p className="ph-profile-desc">{profile.description}</p>}
          {profile.status !== 'active' && <Alert tone="warning">{t('phoneProfile.thisAccountIs', { status: profile.status })}</Alert>}
          <div className="ph-profile-actions">
            {profile.followed ? (
              <>
                <Button variant="primary" className="ph-wide" onClick={() => navigate(`/phone/chat/${encodeURIComponent(profile.appid)}`)}>
                  {t('phoneProfile.viewMessages')}
                </Button>
                {profile.receives_location && (
                  <Button variant="secondary" className="ph-wide" onClick={() => setLocating(true)}>
                    {t('phoneProfile.shareMyLocation')}
                  </Button>
                )}
                <Button variant="secondary" className="ph-wide" loading={busy} onClick={() => act('unfollow')}>
                  {t('phoneProfile.unfollow')}
                </Button>
              </>
            ) : (
              <Button variant="primary" className="ph-wide" loading={busy} onClick={() => act('follow')} disabled={profile.status !== 'active'}>
                {t('phoneProfile.follow')}
              </Button>
            )}
          </div>
          {profile.followed && profile.type === 'service' && profile.verified && <TemplateNotifications appid={profile.appid} />}
          {profile.type === 'service' && <ProfileMiniPrograms appid={profile.appid} />}
          <button type="button" className="ph-linkish ph-report-link" onClick={() => setReporting(true)}>
            {t('phoneReport.report')}
          </button>
        </div>
      )}
      {profile && <ProfileHistory appid={profile.appid} accountName={profile.name} />}
      <LocationSheet
        open={locating}
        title={t('phoneProfile.shareMyLocation')}
        onClose={() => setLocating(false)}
        onPick={async (loc) => {
          await phoneApi.post(accountPath(appid, '/location'), { latitude: loc.latitude, longitude: loc.longitude, precision: 30 });
          setLocating(false);
          toast.show(t('phoneProfile.locationSharedWith', { value: profile?.name ?? t('phoneProfile.theAccount') }));
        }}
      />
      <ReportSheet
        open={reporting}
        appid={appid}
        target="account"
        onClose={() => setReporting(false)}
        onReported={() => {
          setReporting(false);
          toast.show(t('phoneReport.reported'));
        }}
      />
    </Screen>
  );
}
