/**
 * The JS-SDK as the phone answers it (reference §11, commerce §2.3): which `wx.*` APIs exist,
 * which need the share capability, and the `errMsg` texts a page receives. Pure: the server
 * (recording, the console) and the phone (answering the page) use the same table.
 *
 * The texts `config:fail,invalid signature`, `invalid url domain`, `the permission value is
 * offline verifying` and `permission denied` are WeChat's (commerce §2.3). How WeChat prefixes
 * the last two with the API's name is taken from the one example the reference quotes
 * (`scanQRCode:fail, the permission value is offline verifying`); the `ok`/`cancel` forms follow
 * every jweixin answer (`<api>:ok`).
 */

/** The APIs Herald's jweixin answers. */
export const JSSDK_APIS = [
  'checkJsApi',
  'updateAppMessageShareData',
  'updateTimelineShareData',
  'onMenuShareAppMessage',
  'onMenuShareTimeline',
  'onMenuShareQQ',
  'onMenuShareWeibo',
  'onMenuShareQZone',
  'chooseImage',
  'previewImage',
  'uploadImage',
  'downloadImage',
  'getLocation',
  'openLocation',
  'scanQRCode',
  'closeWindow',
  'hideMenuItems',
  'showMenuItems',
  'hideOptionMenu',
  'showOptionMenu',
  'hideAllNonBaseMenuItem',
  'showAllNonBaseMenuItem',
  'getNetworkType',
  'chooseWXPay',
] as const;

/** APIs every page may call without listing them in jsApiList (WeChat's base APIs). */
export const BASE_APIS: ReadonlySet<string> = new Set(['checkJsApi', 'closeWindow', 'hideOptionMenu', 'showOptionMenu', 'hideAllNonBaseMenuItem', 'showAllNonBaseMenuItem']);

/** APIs that need the account's share capability (api §13: unverified accounts have none). */
export const SHARE_APIS: ReadonlySet<string> = new Set([
  'updateAppMessageShareData',
  'updateTimelineShareData',
  'onMenuShareAppMessage',
  'onMenuShareTimeline',
  'onMenuShareQQ',
  'onMenuShareWeibo',
  'onMenuShareQZone',
]);

/** The errMsg texts of wx.config and of a refused call. */
export const CONFIG_OK = 'config:ok';
export const CONFIG_ERRORS = {
  signature: 'config:fail,invalid signature',
  domain: 'config:fail,invalid url domain',
} as const;
export type ConfigProblem = keyof typeof CONFIG_ERRORS;

/** What the phone knows about a page's wx.config when a call comes. */
export interface ConfigState {
  /** wx.config succeeded. */
  configured: boolean;
  jsApiList: readonly string[];
  /** The account has the share capability. */
  canShare: boolean;
}

/** Whether a call may run; the errMsg of its refusal otherwise. */
export function callVerdict(api: string, state: ConfigState): { ok: true } | { ok: false; errMsg: string } {
  if (!(JSSDK_APIS as readonly string[]).includes(api)) return { ok: false, errMsg: `${api}:fail, function not exist` };
  if (BASE_APIS.has(api)) return { ok: true };
  if (!state.configured || !state.jsApiList.includes(api)) return { ok: false, errMsg: `${api}:fail, the permission value is offline verifying` };
  if (SHARE_APIS.has(api) && !state.canShare) return { ok: false, errMsg: `${api}:fail, permission denied` };
  return { ok: true };
}

/** The open tags a page may list in wx.config's openTagList that the in-app browser draws. */
export const OPEN_TAGS: ReadonlySet<string> = new Set(['wx-open-subscribe', 'wx-open-launch-weapp']);

/** The open tags of a config's openTagList the browser draws (others are ignored, as WeChat does). */
export const openTagsOf = (list: readonly string[]): string[] => [...new Set(list.filter((t) => OPEN_TAGS.has(t)))];

/** The errMsg of a call that ran: `<api>:ok` or `<api>:cancel`. */
export const okText = (api: string) => `${api}:ok`;
export const cancelText = (api: string) => `${api}:cancel`;
/** The errMsg of a call that failed with no more said (an unknown localId, a serverId the account cannot read). */
export const failText = (api: string) => `${api}:fail`;

/** How a recorded call ended. */
export type CallResult = 'ok' | 'cancel' | 'fail';

/** The result a call's errMsg stands for. */
export function resultOf(errMsg: string): CallResult {
  if (/:ok$/.test(errMsg)) return 'ok';
  if (/:cancel$/.test(errMsg)) return 'cancel';
  return 'fail';
}
