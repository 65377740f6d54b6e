/**
 * The words of the authorize pages (server-rendered, like WeChat's own open.weixin.qq.com pages),
 * in Chinese (WeChat's words) and English. Error texts follow the reference (commerce §2.2).
 */
export type PageLang = 'zh-CN' | 'en';

export const ERROR_TEXT: Record<number, Record<PageLang, string>> = {
  10003: { 'zh-CN': 'redirect_uri 域名与后台配置不一致', en: 'The redirect_uri domain does not match the configured domain' },
  10004: { 'zh-CN': '此公众号被封禁', en: 'This official account has been banned' },
  10005: { 'zh-CN': '此公众号并没有这些scope的权限', en: 'This official account has no permission for this scope' },
  10009: { 'zh-CN': '操作太频繁了，请稍后重试', en: 'Too many requests, try again later' },
  10010: { 'zh-CN': 'scope 参数为空', en: 'The scope parameter is empty' },
  10011: { 'zh-CN': 'redirect_uri 参数为空', en: 'The redirect_uri parameter is empty' },
  10012: { 'zh-CN': 'appid 参数为空', en: 'The appid parameter is empty' },
  10013: { 'zh-CN': 'state 参数为空或格式错误（a-zA-Z0-9，最多 128 字节）', en: 'The state parameter is empty or invalid (a-zA-Z0-9, at most 128 bytes)' },
  10016: { 'zh-CN': '不支持微信开放平台的 appid，请使用公众号的 appid', en: 'Open-platform AppIDs are not supported: use the official account\'s AppID' },
};

export const TEXT = {
  oops: { 'zh-CN': 'Oops! Something went wrong:(', en: 'Oops! Something went wrong:(' },
  errorCode: { 'zh-CN': '错误码', en: 'Error code' },
  title: { 'zh-CN': '微信网页授权', en: 'WeChat web authorization' },
  asks: { 'zh-CN': '申请获得以下权限', en: 'requests the following permission' },
  publicInfo: { 'zh-CN': '获得你的公开信息（昵称、头像等）', en: 'Your public info (nickname, profile photo, etc.)' },
  allow: { 'zh-CN': '允许', en: 'Allow' },
  deny: { 'zh-CN': '拒绝', en: 'Reject' },
  as: { 'zh-CN': '当前微信用户', en: 'Signed in as' },
  signinTitle: { 'zh-CN': '请在微信中打开', en: 'Open this page in WeChat' },
  signin: {
    'zh-CN': '这个网页需要微信授权。请在 Herald 手机中选择一位用户，再打开这个链接。',
    en: 'This page asks for WeChat authorization. Choose a user in the Herald phone, then open this link again.',
  },
  openPhone: { 'zh-CN': '打开 Herald 手机', en: 'Open the Herald phone' },
  expired: { 'zh-CN': '授权已失效，请重新打开网页', en: 'This authorization has expired. Open the page again.' },
} as const satisfies Record<string, Record<PageLang, string>>;

/** The page language: the follower's WeChat language, else the browser's (zh* → Chinese). */
export function pageLang(userLanguage: string | undefined, acceptLanguage: string | undefined): PageLang {
  if (userLanguage) return userLanguage.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
  return /^\s*zh/i.test(acceptLanguage ?? '') ? 'zh-CN' : 'en';
}
