import { useNavigate } from 'react-router';
import { Avatar } from './kit/Avatar.js';
import { CloseIcon } from './kit/icons.js';
import { usePhone } from './PhoneContext.js';
import { t } from '../i18n/index.js';

function hostOf(url: string): string {
  try {
    return new URL(url, window.location.href).host;
  } catch {
    return url;
  }
}

/**
 * The in-phone browser: menu "view" buttons, article cards and links open here, as in WeChat's
 * built-in browser. Pages that refuse to be framed stay blank; the ↗ button opens them in a tab.
 */
export function BrowserOverlay() {
  const { browser, closeBrowser } = usePhone();
  if (!browser) return null;
  return (
    <div className="ph-overlay ph-browser" role="dialog" aria-label={t('phone.webPage')}>
      <header className="ph-browser-bar">
        <button type="button" className="ph-icon-btn" aria-label={t('phone.closePage')} onClick={closeBrowser}>
          <CloseIcon />
        </button>
        <div className="ph-browser-title">
          <div>{browser.title || hostOf(browser.url)}</div>
          <div className="ph-browser-url" data-testid="browser-url">
            {browser.url}
          </div>
        </div>
        <a className="ph-icon-btn" href={browser.url} target="_blank" rel="noopener noreferrer" aria-label={t('phone.openInANew')}>
          ↗
        </a>
      </header>
      <iframe className="ph-browser-frame" src={browser.url} title={browser.title || browser.url} sandbox="allow-scripts allow-forms allow-popups allow-same-origin" referrerPolicy="no-referrer" />
    </div>
  );
}

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
