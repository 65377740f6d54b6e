import { useNavigate } from 'react-router';
import { Avatar } from './kit/Avatar.js';
import { usePhone } from './PhoneContext.js';
import { t } from '../i18n/index.js';

/** A picture shown full screen; a tap closes it. */
export function ImageViewer() {
  const { image, closeImage } = usePhone();
  if (!image) return null;
  return (
    <div className="ph-overlay ph-lightbox" role="dialog" aria-label={t('phone.picture')} onClick={closeImage}>
      <img src={image} alt="" />
    </div>
  );
}

/** The heads-up notification of a service account's message. */
export function Banner() {
  const navigate = useNavigate();
  const { banner, dismissBanner } = usePhone();
  if (!banner) return null;
  return (
    <button
      type="button"
      className="ph-banner"
      role="alert"
      data-testid="notification-banner"
      onClick={() => {
        dismissBanner();
        void navigate(`/phone/chat/${encodeURIComponent(banner.appid)}`);
      }}
    >
      <Avatar name={banner.name} seed={banner.appid} size={36} />
      <span className="ph-banner-text">
        <span className="ph-banner-app">{t('phone.wechatNow')}</span>
        <span className="ph-banner-name">{banner.name}</span>
        <span className="ph-banner-preview">{banner.preview}</span>
      </span>
    </button>
  );
}
