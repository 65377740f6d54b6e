import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../api/client.js';
import { Alert, EmptyState, Loading } from '../../ui/index.js';
import { phoneApi } from '../api.js';
import { Avatar } from '../kit/Avatar.js';
import { NavBar, Screen } from '../kit/chrome.js';
import { usePhone } from '../PhoneContext.js';
import { t } from '../../i18n/index.js';
import { formatTime } from '../../i18n/time.js';
import type { MomentView } from '../../../../src/modules/jssdk/phone.js';
import './browser.css';

/**
 * 朋友圈 (Moments), reduced to what Herald has: the pages this follower shared to Moments from
 * the in-app browser, with the title, description and picture the page set
 * (updateTimelineShareData). A tap opens the page in the in-app browser.
 */
export function MomentsScreen() {
  const { me, openBrowser } = usePhone();
  const moments = useQuery({ queryKey: ['phone', 'moments', me.id], queryFn: () => phoneApi.get<{ moments: MomentView[] }>('/moments') });
  return (
    <Screen nav={<NavBar title={t('phoneBrowser.moments')} back="/phone/discover" />}>
      {moments.isPending ? (
        <Loading />
      ) : moments.isError ? (
        <Alert tone="error">{errorMessage(moments.error)}</Alert>
      ) : moments.data.moments.length === 0 ? (
        <EmptyState title={t('phoneBrowser.noMoments')} />
      ) : (
        <ul className="ph-moments" aria-label={t('phoneBrowser.moments')}>
          {moments.data.moments.map((m) => (
            <li key={m.id} className="ph-moment">
              <Avatar name={me.nickname} seed={me.id} size={40} />
              <div className="ph-moment-main">
                <div className="ph-moment-who">{me.nickname}</div>
                <button type="button" className="ph-moment-link" onClick={() => openBrowser(m.link, m.title, { from: 'moments' })}>
                  {m.img_url && <img src={m.img_url} alt="" />}
                  <span>
                    <strong>{m.title}</strong>
                    {m.description && <span className="ph-moment-desc">{m.description}</span>}
                  </span>
                </button>
                <time dateTime={m.at}>{formatTime(m.at)}</time>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Screen>
  );
}
