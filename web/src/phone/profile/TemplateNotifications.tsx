import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client.js';
import { useToast } from '../../ui/index.js';
import { accountPath, phoneApi } from '../api.js';
import { t } from '../../i18n/index.js';

interface Setting {
  receive: boolean;
}

/**
 * A followed service account's 接收消息 switch: turned off, the account's template messages no
 * longer reach this follower (the developer's server hears `failed:user block`).
 */
export function TemplateNotifications({ appid }: { appid: string }) {
  const toast = useToast();
  const [setting, setSetting] = useState<Setting | null>(null);
  const [busy, setBusy] = useState(false);
  const path = accountPath(appid, '/template-notifications');

  useEffect(() => {
    let live = true;
    phoneApi.get<{ setting: Setting }>(path).then(
      (r) => live && setSetting(r.setting),
      (err) => live && toast.show(errorMessage(err), 'error'),
    );
    return () => {
      live = false;
    };
  }, [path, toast]);

  if (!setting) return null;
  const change = async (receive: boolean) => {
    setBusy(true);
    try {
      setSetting((await phoneApi.post<{ setting: Setting }>(path, { receive })).setting);
      toast.show(receive ? t('phoneProfile.receiveOn') : t('phoneProfile.receiveOff'));
    } catch (err) {
      toast.show(errorMessage(err), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="ph-profile-setting">
      <label className="ph-switch-row">
        <span>
          <span className="ph-switch-label">{t('phoneProfile.receiveMessages')}</span>
          <span className="ph-switch-hint">{t('phoneProfile.receiveMessagesHint')}</span>
        </span>
        <input type="checkbox" role="switch" checked={setting.receive} disabled={busy} onChange={(e) => void change(e.target.checked)} />
      </label>
    </div>
  );
}
