import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { Avatar } from '../kit/Avatar.js';
import { accountPath, phoneApi } from '../api.js';
import { t } from '../../i18n/index.js';

interface ProfileMiniProgram {
  appid: string;
  name: string;
  icon_url: string;
  home: string;
}

/**
 * 相关小程序 on a service account's profile: the mini programs it linked with 「显示在公众号资料页」,
 * each opening at its home page (scene 1020). Nothing is shown when there is none.
 */
export function ProfileMiniPrograms({ appid }: { appid: string }) {
  const navigate = useNavigate();
  const [list, setList] = useState<ProfileMiniProgram[]>([]);
  useEffect(() => {
    let live = true;
    phoneApi
      .get<{ miniprograms: ProfileMiniProgram[] }>(accountPath(appid, '/miniprograms'))
      .then((r) => live && setList(r.miniprograms))
      .catch(() => live && setList([]));
    return () => {
      live = false;
    };
  }, [appid]);
  if (list.length === 0) return null;
  return (
    <section className="ph-profile-setting ph-profile-mps" aria-label={t('phoneMiniprogram.linkedMiniPrograms')}>
      <h3 className="ph-switch-label">{t('phoneMiniprogram.linkedMiniPrograms')}</h3>
      <ul className="ph-profile-mplist">
        {list.map((mp) => (
          <li key={mp.appid}>
            <button
              type="button"
              className="ph-profile-mp"
              data-appid={mp.appid}
              onClick={() => navigate(`/phone/miniprogram?appid=${encodeURIComponent(mp.appid)}&path=${encodeURIComponent(mp.home)}&scene=1020`)}
            >
              <Avatar name={mp.name} seed={mp.appid} size={44} src={mp.icon_url || null} />
              <span>{mp.name}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
