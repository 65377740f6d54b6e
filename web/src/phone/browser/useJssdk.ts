import { useCallback, useRef, useState } from 'react';
import { phoneApi } from '../api.js';
import { JSSDK_APIS, callVerdict, cancelText, failText, okText, type ConfigState } from '../../../../src/modules/jssdk/rules/apis.js';
import { pageUrlOfBrowsePath } from '../../../../src/modules/webauth/rules/browse.js';
import type { PickedLocation } from '../sheets/LocationSheet.js';
import { requestPayment } from '../pay/payBus.js';

/** What the page set with updateAppMessageShareData / updateTimelineShareData (or the onMenuShare* forms). */
export interface ShareData {
  title: string;
  desc: string;
  link: string;
  imgUrl: string;
}

/** A call waiting for the follower (the scanner, the location picker, the image picker). */
export type PendingCall =
  | { kind: 'scan'; needResult: boolean; finish(text: string | null): void }
  | { kind: 'location'; finish(loc: PickedLocation | null): void }
  | { kind: 'images'; count: number; finish(files: File[] | null): void }
  | { kind: 'openLocation'; name: string; address: string; latitude: number; longitude: number; finish(): void };

type Res = Record<string, unknown> & { errMsg: string };

interface Page {
  /** The page's own URL (what WeChat would show as location.href). */
  url: string;
  /** Where the phone shows it (the proxy address). */
  shownAt: string;
}

/** A picture the page is moving to or from the account (the tip shown unless isShowProgressTips is 0). */
export type ImageProgress = 'upload' | 'download' | null;

/** What the hook needs from the browser around it. */
export interface JssdkHost {
  frame(): HTMLIFrameElement | null;
  close(): void;
  viewImage(url: string): void;
  /** needResult 0: the phone handles what was scanned itself (a link opens in the browser). */
  openScanned(text: string): void;
}

const str = (v: unknown, max = 2000) => (typeof v === 'string' ? v.slice(0, max) : typeof v === 'number' ? String(v) : '');

/** A page's own URL from an address the phone shows it at (the proxy's), or the address itself. */
export const pageOfHref = (href: string) => pageUrlOfBrowsePath(href) ?? href;

/**
 * A page's payment (jweixin's chooseWXPay, the bridge's getBrandWCPayRequest): the payment sheet
 * opens; the server checks paySign and the order. chooseWXPay answers `errMsg`, the bridge
 * `err_msg` (`get_brand_wcpay_request:ok|cancel|fail`).
 */
async function payFromPage(api: 'chooseWXPay' | 'getBrandWCPayRequest', params: Record<string, string>, pageUrl: string): Promise<Res> {
  // The page's own URL goes along: the server checks it against the merchant's 支付授权目录.
  const out = await requestPayment({ api, params, page_url: pageUrl });
  const errMsg = out.errMsg ?? (api === 'chooseWXPay' ? `chooseWXPay:${out.result}` : `get_brand_wcpay_request:${out.result}`);
  return api === 'chooseWXPay' ? { errMsg } : { err_msg: errMsg, errMsg };
}

/** WeixinJSBridge.invoke from the page (its own function: the bridge's calls are not wx.* calls). */
async function bridgeCall(payload: Record<string, unknown>, pageUrl: string): Promise<Res> {
  const api = str(payload.api, 64);
  const args = (payload.args && typeof payload.args === 'object' ? payload.args : {}) as Record<string, unknown>;
  if (api === 'getBrandWCPayRequest') {
    return payFromPage('getBrandWCPayRequest', {
      appId: str(args.appId, 64),
      timeStamp: str(args.timeStamp, 32),
      nonceStr: str(args.nonceStr, 64),
      package: str(args.package, 128),
      signType: str(args.signType, 16),
      paySign: str(args.paySign, 1024),
    }, pageUrl);
  }
  return { errMsg: `${api}:fail`, err_msg: `${api}:fail` };
}

/**
 * The phone's half of Herald's jweixin: answers the page's postMessage calls. wx.config goes to
 * the server (`/phone/api/jssdk/config`); every other call is judged by the shared rule
 * (`callVerdict`: jsApiList, the share capability), run here (scanner, location, images,
 * share data, menu items) and recorded (`/phone/api/jssdk/calls`).
 */
export function useJssdk(host: JssdkHost) {
  const config = useRef<(ConfigState & { appid: string; openTagList: string[] }) | null>(null);
  // The pictures behind the localIds this page received (chooseImage, downloadImage).
  const images = useRef(new Map<string, Blob>());
  const [progress, setProgress] = useState<ImageProgress>(null);
  const [share, setShare] = useState<{ appMessage: ShareData | null; timeline: ShareData | null }>({ appMessage: null, timeline: null });
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [pending, setPending] = useState<PendingCall | null>(null);
  const page = useRef<Page>({ url: '', shownAt: '' });

  const record = useCallback((api: string, errMsg: string) => {
    const appid = config.current?.appid;
    if (!appid) return;
    void phoneApi.post('/jssdk/calls', { appid, api, err_msg: errMsg, url: page.current.url }).catch(() => undefined);
  }, []);

  const answer = useCallback(
    (source: MessageEventSource, id: number, res: Res) => {
      (source as Window).postMessage({ herald: 'jssdk-answer', id, res }, '*');
    },
    [],
  );

  /** Tells the page a legacy onMenuShare* share happened. */
  const notifyShared = useCallback((api: string) => {
    host.frame()?.contentWindow?.postMessage({ herald: 'jssdk-event', type: 'shared', api }, '*');
  }, [host]);

  const reset = useCallback(() => {
    config.current = null;
    for (const id of images.current.keys()) URL.revokeObjectURL(id);
    images.current.clear();
    setProgress(null);
    setShare({ appMessage: null, timeline: null });
    setHidden(new Set());
    setPending(null);
  }, []);

  /** A localId for a picture: a blob: URL the page can show, kept for uploadImage. */
  const keepImage = useCallback((blob: Blob) => {
    const id = URL.createObjectURL(blob);
    images.current.set(id, blob);
    return id;
  }, []);

  /**
   * wx.uploadImage (localId → serverId, a temporary image of the page's account) and
   * wx.downloadImage (serverId → localId). `<api>:fail` for a localId this page was not given, or
   * a serverId the account cannot read; the progress tip shows unless isShowProgressTips is 0.
   */
  const movePicture = useCallback(async (api: 'uploadImage' | 'downloadImage', args: Record<string, unknown>): Promise<Res> => {
    const appid = config.current?.appid ?? '';
    const tips = Number(args.isShowProgressTips ?? 1) !== 0;
    if (tips) setProgress(api === 'uploadImage' ? 'upload' : 'download');
    try {
      if (api === 'uploadImage') {
        const blob = images.current.get(str(args.localId, 4096));
        if (!blob) return { errMsg: failText(api) };
        const form = new FormData();
        form.append('appid', appid);
        form.append('media', blob, blob instanceof File ? blob.name : 'image');
        const out = await phoneApi.upload<{ server_id: string }>('/jssdk/images', form);
        return { errMsg: okText(api), serverId: out.server_id };
      }
      const serverId = str(args.serverId, 128);
      if (!serverId) return { errMsg: failText(api) };
      const out = await phoneApi.post<{ url: string }>('/jssdk/images/download', { appid, server_id: serverId });
      const res = await fetch(out.url, { credentials: 'omit' });
      if (!res.ok) return { errMsg: failText(api) };
      return { errMsg: okText(api), localId: keepImage(await res.blob()) };
    } catch {
      return { errMsg: failText(api) };
    } finally {
      if (tips) setProgress(null);
    }
  }, [keepImage]);

  const run = useCallback(
    async (api: string, args: Record<string, unknown>): Promise<Res> => {
      const ok = (extra: Record<string, unknown> = {}): Res => ({ errMsg: okText(api), ...extra });
      const shareOf = (): ShareData => ({ title: str(args.title, 200), desc: str(args.desc, 500), link: pageOfHref(str(args.link, 4096)) || page.current.url, imgUrl: str(args.imgUrl, 4096) });
      switch (api) {
        case 'checkJsApi': {
          const list = Array.isArray(args.jsApiList) ? args.jsApiList.filter((a): a is string => typeof a === 'string').slice(0, 100) : [];
          return ok({ checkResult: Object.fromEntries(list.map((a) => [a, (JSSDK_APIS as readonly string[]).includes(a)])) });
        }
        case 'updateAppMessageShareData':
        case 'onMenuShareAppMessage':
          setShare((s) => ({ ...s, appMessage: shareOf() }));
          return ok();
        case 'updateTimelineShareData':
        case 'onMenuShareTimeline':
          setShare((s) => ({ ...s, timeline: shareOf() }));
          return ok();
        case 'onMenuShareQQ':
        case 'onMenuShareWeibo':
        case 'onMenuShareQZone':
          return ok();
        case 'getNetworkType':
          return ok({ networkType: 'wifi' });
        case 'closeWindow':
          host.close();
          return ok();
        case 'hideMenuItems':
        case 'showMenuItems': {
          const items = Array.isArray(args.menuList) ? args.menuList.filter((a): a is string => typeof a === 'string').slice(0, 50) : [];
          setHidden((h) => {
            const next = new Set(h);
            for (const i of items) (api === 'hideMenuItems' ? next.add(i) : next.delete(i));
            return next;
          });
          return ok();
        }
        case 'hideOptionMenu':
        case 'showOptionMenu':
          setHidden((h) => {
            const next = new Set(h);
            if (api === 'hideOptionMenu') next.add('*');
            else next.delete('*');
            return next;
          });
          return ok();
        case 'hideAllNonBaseMenuItem':
        case 'showAllNonBaseMenuItem':
          setHidden((h) => {
            const next = new Set(h);
            if (api === 'hideAllNonBaseMenuItem') next.add('nonBase');
            else next.delete('nonBase');
            return next;
          });
          return ok();
        case 'previewImage': {
          const current = str(args.current, 4096) || (Array.isArray(args.urls) ? str(args.urls[0], 4096) : '');
          if (current) host.viewImage(current);
          return ok();
        }
        case 'openLocation':
          return new Promise((resolve) =>
            setPending({
              kind: 'openLocation',
              name: str(args.name, 100),
              address: str(args.address, 200),
              latitude: Number(args.latitude),
              longitude: Number(args.longitude),
              finish: () => (setPending(null), resolve(ok())),
            }),
          );
        case 'scanQRCode':
          return new Promise((resolve) =>
            setPending({
              kind: 'scan',
              needResult: Number(args.needResult) === 1,
              finish: (text) => {
                setPending(null);
                if (text === null) return resolve({ errMsg: cancelText(api) });
                if (Number(args.needResult) === 1) return resolve(ok({ resultStr: text }));
                host.openScanned(text);
                resolve(ok());
              },
            }),
          );
        case 'getLocation':
          return new Promise((resolve) =>
            setPending({
              kind: 'location',
              finish: (loc) => {
                setPending(null);
                if (!loc) return resolve({ errMsg: cancelText(api) });
                resolve(ok({ latitude: loc.latitude, longitude: loc.longitude, speed: 0, accuracy: 65 }));
              },
            }),
          );
        case 'chooseImage': {
          const count = Math.min(9, Math.max(1, Number(args.count) || 9));
          return new Promise((resolve) =>
            setPending({
              kind: 'images',
              count,
              finish: (files) => {
                setPending(null);
                if (!files || files.length === 0) return resolve({ errMsg: cancelText(api) });
                resolve(ok({ localIds: files.slice(0, count).map((f) => keepImage(f)), sourceType: 'album' }));
              },
            }),
          );
        }
        case 'uploadImage':
        case 'downloadImage':
          return movePicture(api, args);
        case 'chooseWXPay':
          return payFromPage('chooseWXPay', {
            appId: config.current?.appid ?? '',
            timeStamp: str(args.timestamp, 32),
            nonceStr: str(args.nonceStr, 64),
            package: str(args.package, 128),
            signType: str(args.signType, 16),
            paySign: str(args.paySign, 1024),
          }, page.current.url);
        default:
          return { errMsg: `${api}:fail, function not exist` };
      }
    },
    [host, keepImage, movePicture],
  );

  /** Handles one message from the page in the frame; false when it is not the frame's. */
  const onMessage = useCallback(
    async (e: MessageEvent) => {
      const frame = host.frame();
      if (!frame || e.source !== frame.contentWindow || !e.data || typeof e.data !== 'object') return;
      const d = e.data as { herald?: unknown; type?: unknown; id?: unknown; payload?: unknown; href?: unknown; url?: unknown; shownAt?: unknown };
      if (d.herald === 'h5' && d.type === 'page') {
        page.current = { url: str(d.url, 4096), shownAt: str(d.shownAt, 4096) };
        return;
      }
      if (d.herald !== 'jssdk' || typeof d.id !== 'number' || !e.source) return;
      const source = e.source;
      const href = str(d.href, 4096);
      if (href) page.current = { url: pageOfHref(href), shownAt: href };
      const payload = (d.payload && typeof d.payload === 'object' ? d.payload : {}) as Record<string, unknown>;
      if (d.type === 'config') {
        try {
          const out = await phoneApi.post<{ ok: boolean; err_msg: string; js_api_list: string[]; open_tag_list: string[]; can_share: boolean }>('/jssdk/config', {
            config: {
              appId: str(payload.appId, 64),
              timestamp: str(payload.timestamp, 32),
              nonceStr: str(payload.nonceStr, 64),
              signature: str(payload.signature, 64),
              jsApiList: Array.isArray(payload.jsApiList) ? payload.jsApiList.filter((a): a is string => typeof a === 'string' && a.length <= 64).slice(0, 100) : [],
              openTagList: Array.isArray(payload.openTagList) ? payload.openTagList.filter((a): a is string => typeof a === 'string' && a.length <= 64).slice(0, 20) : [],
            },
            url: page.current.url || href,
            shown_at: page.current.shownAt || undefined,
          });
          config.current = { appid: str(payload.appId, 64), configured: out.ok, jsApiList: out.js_api_list, openTagList: out.open_tag_list ?? [], canShare: out.can_share };
          answer(source, d.id, { errMsg: out.err_msg });
          // The bridge draws the open tags the config listed (none after a failed config).
          if (out.ok && config.current.openTagList.length > 0) (source as Window).postMessage({ herald: 'jssdk-event', type: 'openTags', tags: config.current.openTagList }, '*');
        } catch {
          answer(source, d.id, { errMsg: 'config:fail,invalid signature' });
        }
        return;
      }
      if (d.type === 'bridge') {
        answer(source, d.id, await bridgeCall(payload, page.current.url));
        return;
      }
      if (d.type === 'call') {
        const api = str(payload.api, 64);
        const args = (payload.args && typeof payload.args === 'object' ? payload.args : {}) as Record<string, unknown>;
        const verdict = callVerdict(api, config.current ?? { configured: false, jsApiList: [], canShare: false });
        const res = verdict.ok ? await run(api, args) : { errMsg: verdict.errMsg };
        answer(source, d.id, res);
        if (/^[A-Za-z]{1,64}$/.test(api)) record(api, res.errMsg);
      }
    },
    [host, answer, run, record],
  );

  /** The appId of the page's wx.config ('' before one succeeded or failed). */
  const appid = useCallback(() => config.current?.appid ?? '', []);

  /** Whether the page's successful wx.config listed this open tag (openTagList). */
  const openTagEnabled = useCallback((tag: string) => config.current?.configured === true && config.current.openTagList.includes(tag), []);

  return { onMessage, share, hidden, pending, reset, notifyShared, record, page, appid, progress, openTagEnabled };
}
