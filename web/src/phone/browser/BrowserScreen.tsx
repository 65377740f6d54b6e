import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/client.js';
import { Button, useToast } from '../../ui/index.js';
import { accountPath, phoneApi } from '../api.js';
import { BackIcon, CloseIcon, MoreIcon } from '../kit/icons.js';
import { usePhone } from '../PhoneContext.js';
import { LocationSheet } from '../sheets/LocationSheet.js';
import { ScanSheet } from '../sheets/ScanSheet.js';
import { Sheet } from '../sheets/Sheet.js';
import { browseTargetOf, isFullServicePath } from '../../../../src/modules/webauth/rules/browse.js';
import { useScan } from '../sheets/useScan.js';
import { t } from '../../i18n/index.js';
import { useJssdk, type JssdkHost, type ShareData } from './useJssdk.js';
import { useOpenSubscribe } from './useOpenSubscribe.js';
import { SubscribeSheet } from './SubscribeSheet.js';
import './browser.css';

function hostOf(url: string): string {
  try {
    return new URL(url, window.location.href).host;
  } catch {
    return url;
  }
}

/** The "..." menu's items, by WeChat's menuItem names (hideMenuItems / showMenuItems). */
const MENU = [
  { item: 'menuItem:share:appMessage', label: 'phoneBrowser.shareToChat', nonBase: true },
  { item: 'menuItem:share:timeline', label: 'phoneBrowser.shareToMoments', nonBase: true },
  { item: 'menuItem:copyUrl', label: 'phoneBrowser.copyLink', nonBase: true },
  { item: 'menuItem:openWithSafari', label: 'phoneBrowser.openInBrowser', nonBase: true },
  { item: 'menuItem:refresh', label: 'phoneBrowser.refresh', nonBase: false },
] as const;

/**
 * The in-app browser (WeChat's built-in browser): every web page the phone opens (menu `view`
 * buttons, links in messages, news cards, article links, scanned links) shows here, through
 * Herald's proxy (`/h5/...`) so that the page's jweixin calls reach the phone. Title bar with
 * the page's title, back, close and the "..." menu (send to a chat, Moments, copy link, open in
 * the browser, refresh), a progress bar while a page loads.
 */
export function BrowserScreen() {
  const { browser, closeBrowser, viewImage, chats, token } = usePhone();
  const navigate = useNavigate();
  const toast = useToast();
  const scan = useScan();
  const frame = useRef<HTMLIFrameElement>(null);
  const [ready, setReady] = useState(false);
  const [loading, setLoading] = useState(true);
  const [title, setTitle] = useState('');
  const [depth, setDepth] = useState(0);
  const [reloads, setReloads] = useState(0);
  const [sheet, setSheet] = useState<'menu' | 'chat' | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  /** On a snapshot page (快照页): the authorize address behind its "使用完整服务" bar. */
  const [fullService, setFullService] = useState<string | null>(null);

  const host = useMemo<JssdkHost>(
    () => ({
      frame: () => frame.current,
      close: closeBrowser,
      viewImage,
      openScanned: (text) => void scan(text).catch((err: unknown) => toast.show(errorMessage(err), 'error')),
    }),
    [closeBrowser, viewImage, scan, toast],
  );
  const jssdk = useJssdk(host);
  const { onMessage, reset, openTagEnabled, appid: configuredAppid, page } = jssdk;
  const subscribe = useOpenSubscribe(
    useMemo(
      () => ({ frame: () => frame.current, enabled: openTagEnabled, appid: configuredAppid, pageUrl: () => page.current.url }),
      [openTagEnabled, configuredAppid, page],
    ),
  );
  const { onMessage: onOpenSubscribe, reset: resetSubscribe } = subscribe;

  const url = browser?.url ?? '';
  const src = useMemo(() => (url ? browseTargetOf(url, [window.location.origin]) : undefined), [url]);

  // The authorize page learns which follower this is from a cookie the phone sets first.
  useEffect(() => {
    if (!browser) return;
    setReady(false);
    setLoading(true);
    setTitle(browser.title ?? '');
    setDepth(0);
    setFullService(null);
    reset();
    resetSubscribe();
    let live = true;
    // Not through the phone's API client: it omits credentials, and this answer sets cookies.
    void fetch('/phone/api/web/session', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(browser.from ?? {}),
    })
      .catch(() => undefined)
      .finally(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, [browser, reset, resetSubscribe, token]);

  useEffect(() => {
    const listener = (e: MessageEvent) => {
      if (e.source && e.source === frame.current?.contentWindow && e.data?.herald === 'h5' && typeof e.data.title === 'string' && e.data.title) setTitle(e.data.title.slice(0, 200));
      // Each page says whether it is a snapshot page: the bar shows on that page only.
      if (e.source && e.source === frame.current?.contentWindow && e.data?.herald === 'h5' && e.data.type === 'page') setFullService(isFullServicePath(e.data.fullService) ? e.data.fullService : null);
      // wx-open-launch-weapp: the page's open tag opens the mini program (scene 1167).
      if (e.source && e.source === frame.current?.contentWindow && e.data?.herald === 'h5' && e.data.type === 'launch-weapp' && typeof e.data.id === 'string') {
        const path = typeof e.data.path === 'string' ? e.data.path.slice(0, 1024) : '';
        closeBrowser();
        void navigate(`/phone/miniprogram?appid=${encodeURIComponent(e.data.id.slice(0, 64))}&path=${encodeURIComponent(path)}&scene=1167`);
      }
      void onMessage(e);
      void onOpenSubscribe(e);
    };
    window.addEventListener('message', listener);
    return () => window.removeEventListener('message', listener);
  }, [onMessage, onOpenSubscribe, navigate, closeBrowser]);

  const back = useCallback(() => {
    if (depth <= 1) return closeBrowser();
    try {
      frame.current?.contentWindow?.history.back();
      setDepth((d) => d - 2);
      setLoading(true);
    } catch {
      closeBrowser();
    }
  }, [depth, closeBrowser]);

  if (!browser) return null;
  const pageUrl = jssdk.page.current.url || url;
  const hidden = jssdk.hidden;
  const visible = MENU.filter((m) => !hidden.has(m.item) && !(m.nonBase && hidden.has('nonBase')));
  const shareData = (kind: 'appMessage' | 'timeline') => jssdk.share[kind] ?? { title: title || hostOf(pageUrl), desc: pageUrl, link: pageUrl, imgUrl: '' };

  /** Keeps the share (Moments, the console's counts) and logs it as the page's JS-SDK call. */
  const saveShare = (scene: 'appMessage' | 'timeline', data: ShareData) =>
    phoneApi.post('/jssdk/shares', { appid: jssdk.appid(), scene, title: data.title || hostOf(data.link), description: data.desc, link: data.link, img_url: data.imgUrl });

  const choose = async (item: (typeof MENU)[number]['item']) => {
    setSheet(null);
    if (item === 'menuItem:share:appMessage') return setSheet('chat');
    if (item === 'menuItem:share:timeline') {
      const data = shareData('timeline');
      try {
        await saveShare('timeline', data);
        jssdk.notifyShared('onMenuShareTimeline');
        toast.show(t('phoneBrowser.sharedToMoments', { title: data.title }), 'success');
      } catch (err) {
        toast.show(errorMessage(err), 'error');
      }
      return;
    }
    if (item === 'menuItem:copyUrl') {
      await navigator.clipboard?.writeText(pageUrl).catch(() => undefined);
      return toast.show(t('phoneBrowser.copied'), 'success');
    }
    if (item === 'menuItem:openWithSafari') return void window.open(pageUrl, '_blank', 'noopener,noreferrer');
    setLoading(true);
    try {
      // The page on screen, not the first one opened (pages run sandboxed in platform mode: then the first).
      frame.current?.contentWindow?.location.reload();
      setDepth((d) => d - 1);
    } catch {
      setDepth(0);
      setReloads((n) => n + 1);
    }
  };

  const sendTo = async (appid: string) => {
    const data = shareData('appMessage');
    setSheet(null);
    try {
      await phoneApi.post(accountPath(appid, '/messages'), { msgtype: 'link', title: data.title || hostOf(data.link), description: data.desc || data.link, url: data.link });
      await saveShare('appMessage', data);
      jssdk.notifyShared('onMenuShareAppMessage');
      toast.show(t('phoneBrowser.sent'), 'success');
    } catch (err) {
      toast.show(errorMessage(err), 'error');
    }
  };

  /** WeChat's snapshot-page bar: the same authorization again, with the consent sheet. */
  const openFullService = () => {
    if (!fullService) return;
    setFullService(null);
    setLoading(true);
    // A frame's address may be set even when its page runs sandboxed (an opaque origin).
    const win = frame.current?.contentWindow;
    if (win) win.location.href = fullService;
  };

  const pending = jssdk.pending;
  return (
    <div className="ph-overlay ph-browser" role="dialog" aria-label={t('phone.webPage')}>
      <header className="ph-browser-bar">
        <button type="button" className="ph-icon-btn" aria-label={t('phone.closePage')} onClick={closeBrowser}>
          <CloseIcon />
        </button>
        <button type="button" className="ph-icon-btn" aria-label={t('phoneBrowser.back')} onClick={back} disabled={depth <= 1}>
          <BackIcon />
        </button>
        <div className="ph-browser-title">
          <div data-testid="browser-title">{title || hostOf(pageUrl)}</div>
          <div className="ph-browser-url" data-testid="browser-url">
            {pageUrl}
          </div>
        </div>
        {!hidden.has('*') && (
          <button type="button" className="ph-icon-btn" aria-label={t('phoneBrowser.more')} onClick={() => setSheet('menu')}>
            <MoreIcon />
          </button>
        )}
      </header>
      {loading && <div className="ph-browser-progress" role="progressbar" aria-label={t('phoneBrowser.loading')} />}
      {jssdk.progress && (
        <div className="ph-browser-tip" role="status" data-testid="browser-image-progress">
          <span className="ph-browser-tip-spinner" aria-hidden="true" />
          {t(jssdk.progress === 'upload' ? 'phoneBrowser.uploading' : 'phoneBrowser.downloading')}
        </div>
      )}
      {!src ? (
        <p className="ph-browser-refused" role="alert">
          {t('phoneBrowser.cannotOpen')}
        </p>
      ) : (
        ready && (
          <iframe
            key={`${src}#${reloads}`}
            ref={frame}
            className="ph-browser-frame"
            src={src}
            title={title || hostOf(pageUrl)}
            sandbox="allow-scripts allow-forms allow-popups allow-same-origin allow-modals"
            allow="clipboard-write"
            onLoad={() => {
              setLoading(false);
              setDepth((d) => d + 1);
            }}
          />
        )
      )}

      {fullService && (
        <div className="ph-browser-snapshot" role="region" aria-label={t('phoneBrowser.snapshotBar')} data-testid="browser-snapshot-bar">
          <span>{t('phoneBrowser.snapshotNote')}</span>
          <Button variant="primary" onClick={openFullService}>
            {t('phoneBrowser.useFullService')}
          </Button>
        </div>
      )}

      <Sheet open={sheet === 'menu'} title={t('phoneBrowser.providedBy', { host: hostOf(pageUrl) })} onClose={() => setSheet(null)}>
        <ul className="ph-browser-menu">
          {visible.map((m) => (
            <li key={m.item}>
              <button type="button" className="ph-browser-menu-item" onClick={() => void choose(m.item)}>
                {t(m.label)}
              </button>
            </li>
          ))}
        </ul>
      </Sheet>
      <Sheet open={sheet === 'chat'} title={t('phoneBrowser.chooseChat')} onClose={() => setSheet(null)}>
        {chats && chats.chats.length > 0 ? (
          <ul className="ph-browser-menu">
            {chats.chats.map((c) => (
              <li key={c.appid}>
                <button type="button" className="ph-browser-menu-item" onClick={() => void sendTo(c.appid)}>
                  {c.name}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('phoneBrowser.noChats')}</p>
        )}
      </Sheet>

      <ScanSheet
        open={pending?.kind === 'scan'}
        onClose={() => {
          if (pending?.kind === 'scan') pending.finish(null);
        }}
        onResult={async (text) => {
          if (pending?.kind === 'scan') pending.finish(text);
        }}
      />
      <LocationSheet
        open={pending?.kind === 'location'}
        title={t('phoneBrowser.yourLocation')}
        onClose={() => {
          if (pending?.kind === 'location') pending.finish(null);
        }}
        onPick={(loc) => {
          if (pending?.kind === 'location') pending.finish(loc);
        }}
      />
      <Sheet
        open={pending?.kind === 'images'}
        title={t('phoneBrowser.choosePictures')}
        onClose={() => {
          if (pending?.kind === 'images') pending.finish(null);
        }}
      >
        <input
          type="file"
          accept="image/*"
          multiple={pending?.kind === 'images' && pending.count > 1}
          aria-label={t('phoneBrowser.pictures')}
          data-testid="browser-pictures"
          onChange={(e) => setFiles([...(e.target.files ?? [])])}
        />
        <Button
          variant="primary"
          disabled={files.length === 0}
          onClick={() => {
            if (pending?.kind !== 'images') return;
            pending.finish(files);
            setFiles([]);
          }}
        >
          {t('phoneBrowser.done')}
        </Button>
      </Sheet>
      <SubscribeSheet ask={subscribe.ask} />
      <Sheet
        open={pending?.kind === 'openLocation'}
        title={t('phoneBrowser.location')}
        onClose={() => {
          if (pending?.kind === 'openLocation') pending.finish();
        }}
      >
        {pending?.kind === 'openLocation' && (
          <div className="ph-browser-place" data-testid="open-location">
            <strong>{pending.name}</strong>
            <span>{pending.address}</span>
            <span>
              {Number.isFinite(pending.latitude) ? pending.latitude.toFixed(5) : '-'}, {Number.isFinite(pending.longitude) ? pending.longitude.toFixed(5) : '-'}
            </span>
          </div>
        )}
      </Sheet>
    </div>
  );
}
