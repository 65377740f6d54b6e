import { DomainError, type WeChatAnswer } from '../platform/errors.js';

/**
 * WeChat's errcode table: the English errmsg texts SDKs and people see. Texts follow the
 * compatibility reference exactly where it has them; SDKs branch on errcode, some on text
 * (EasyWeChat retries only when a 42001 body contains "access_token expired").
 */
export const ERRMSG: Record<number, string> = {
  [-1]: 'system error',
  0: 'ok',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40004: 'invalid media type',
  40005: 'invalid file type',
  40006: 'invalid meida size',
  40007: 'invalid media_id',
  40008: 'invalid message type',
  40009: 'invalid image size',
  40013: 'invalid appid',
  40014: 'invalid access_token',
  40016: 'invalid button size',
  40017: 'invalid button type',
  40018: 'invalid button name size',
  40019: 'invalid button key size',
  40020: 'invalid button url size',
  40023: 'invalid sub button size',
  40024: 'invalid sub button type',
  40025: 'invalid sub button name size',
  40026: 'invalid sub button key size',
  40027: 'invalid sub button url size',
  40029: 'invalid code',
  40030: 'invalid refresh_token',
  40031: 'invalid openid list',
  40032: 'invalid openid list size',
  40033: 'invalid charset. please check your request, if include \\uxxxx will create fail!',
  40035: 'invalid args',
  40037: 'invalid template_id',
  40066: 'invalid url',
  40125: 'invalid appsecret',
  40163: 'code been used',
  40164: 'invalid ip, not in whitelist',
  40243: 'AppSecret frozen',
  41001: 'access_token missing',
  41002: 'appid missing',
  41004: 'appsecret missing',
  41005: 'media data missing',
  41006: 'media_id missing',
  42001: 'access_token expired',
  // OAuth (reference §2, §11): the reference names 42002 without a text; this is WeChat's global table's.
  42002: 'refresh_token expired',
  43001: 'require GET method',
  43002: 'require POST method',
  43004: 'require subscribe',
  44001: 'empty media data',
  44002: 'empty post data',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit  mustslower  retry next minute',
  45015: 'response out of time limit or subscription is canceled',
  45047: 'out of response count limit',
  47001: 'data format error',
  48001: 'api unauthorized',
  48004: 'api forbidden for irregularities',
  // An account whose user management is restricted after a violation (governance §7.2).
  50002: 'user limited',
  48006: 'forbid to clear quota because of reaching the limit',
  // Custom menu, users and tags, QR codes (reference §2, §5, §7, §8). Where the reference has no
  // English text, the texts are WeChat's English global return-code table.
  40022: 'invalid sub_menu level',
  40052: 'invalid action name',
  40053: 'invalid action info, please check document',
  40054: 'invalid sub button url domain',
  40055: 'invalid button url domain',
  40092: 'invalid remark name',
  41009: 'missing openid',
  41030: 'invalid page',
  45056: 'too many tag now, no need to add new',
  45057: "can't delete the tag that has too many fans",
  45058: "can't modify sys tag",
  45059: 'can not tagging one user too much',
  45157: 'invalid tag name',
  45158: 'tag name too long',
  45159: 'invalid tag id',
  46003: 'menu no exist',
  49003: 'not match openid with appid',
  53600: 'invalid article_id',
  65301: 'this menu is not conditionalmenu',
  65302: 'no such user',
  65303: 'there is no selfmenu, please create selfmenu first',
  65304: 'match rule empty',
  65307: 'conditional menu is empty',
  65316: 'domain count reach limit',
  65320: 'matchrule on sex, region or language is not supported',
  // Customer service, legacy multi-kf codes (the avatar upload answers 61457, the legacy
  // msgrecord/getrecord 61451).
  61450: 'system error',
  61451: 'invalid parameter',
  61452: 'invalid kf_account',
  61453: 'kf_account exsited',
  61454: 'invalid kf_acount length',
  61455: 'illegal character in kf_account',
  61456: 'kf_account count exceeded',
  61457: 'invalid file type',
  // Datacube (reference §12 names the codes, not their texts).
  61500: 'date format error',
  61501: 'date range error',
  // Customer service (new kf). 65400 and 65403–65405 are verbatim; the others follow WeChat's
  // global return-code table, where copies drop the word "wechat" (restored here).
  65400: 'please enable new custom service or wait for a while if you have enabled',
  65401: 'invalid custom service account',
  65402: 'the custom service account need to bind a wechat user',
  65403: 'illegal nickname',
  65404: 'illegal custom service account',
  65405: 'custom service account number reach limit',
  65406: 'custom service account exists',
  65407: 'the wechat user have been one of your workers',
  65408: 'you have already invited the wechat user',
  65409: 'wechat account invalid',
  65410: 'too many custom service accounts bound by the worker',
  65411: 'a effective invitation to bind the custom service account exists',
  65412: 'the custom service account have been bound by a wechat user',
  65413: 'no effective session for the customer',
  65414: 'another worker is serving the customer',
  65415: 'the worker is not online',
  65416: 'param invalid, please check',
  65417: 'it is too long from the starttime to endtime',
  76021: 'cgi_path not found, please check',
  76022: 'could not use this cgi_path,no permission',
};
ERRMSG[45011] = 'api minute-quota reach limit must slower retry next minute';

// Media and customer-service messages (reference §2, §6, §9); texts from WeChat's global return-code table.
Object.assign(ERRMSG, {
  40010: 'invalid voice size',
  40011: 'invalid video size',
  40012: 'invalid thumb size',
  40073: 'invalid card id',
  44003: 'empty news data',
  44004: 'empty content',
  45001: 'media size out of limit',
  45002: 'content size out of limit',
  45003: 'title size out of limit',
  45004: 'description size out of limit',
  45005: 'url size out of limit',
  45006: 'picurl size out of limit',
  45008: 'article size out of limit',
  45110: 'author size out of limit',
  53500: 'publish banned',
  53501: 'publishing too often',
  53502: 'invalid publish_id',
  48005: 'forbid to delete material used by auto-reply or menu',
} satisfies Record<number, string>);

// Mass send (reference §2, §6); 45028 and 45065 are the reference's texts, the others WeChat's global return-code table.
Object.assign(ERRMSG, {
  40050: 'invalid group id',
  40060: 'invalid article_idx',
  40130: 'invalid openid list size, at least two openid',
  45028: 'has no masssend quota',
  45065: 'clientmsgid exist',
  45066: 'same clientmsgid retry too fast',
  45067: 'clientmsgid size out of limit',
  45083: 'invalid speed',
  45084: 'no speed',
  48008: 'no permission for this msgtype',
  87014: 'risky content',
} satisfies Record<number, string>);

// Article comments (reference §9 "Comments"); texts from WeChat's global return-code table.
Object.assign(ERRMSG, {
  88000: 'without comment privilege',
  88001: 'msg_data is not exists',
  88002: 'the article is limit for safety',
  88003: 'elected comment upper limit',
  88004: 'comment was deleted by user',
  88005: 'already reply',
  88007: 'reply content beyond max len or content len is zero',
  88008: 'comment is not exists',
  88009: 'reply is not exists',
  88010: 'count range error. cout <= 0 or count > 50',
  88011: 'the article is limit for safety',
} satisfies Record<number, string>);

// Template messages (reference §2, §6; commerce §1.4, §5). 47003's errmsg names the key
// (`argument invalid! data.<key>.value invalid`, sent as the refusal's own text); 85005, 40165 and
// 40166 are the commerce reference's texts, the others WeChat's global return-code table.
Object.assign(ERRMSG, {
  43100: 'change template too frequently',
  45026: 'template size out of limit',
  45027: 'template conflict with industry',
  47003: 'argument invalid!',
  40165: 'invalid weapp pagepath',
  40166: 'invalid weapp appid',
  85005: 'appid not bind weapp',
} satisfies Record<number, string>);

// Mini program links (commerce §1.3): 89407 was seen in real wxamplink answers (the limit of
// mini programs of other owners); 89013 is the reference's text for a banned mini program.
Object.assign(ERRMSG, {
  89407: 'reach different realname limit',
} satisfies Record<number, string>);

// Subscribe notifications (reference §2, §6; commerce §5.4). 43101 is the global table's text;
// 200014, 200019 and 200020 were seen in real answers (200014 also as `tid does not exist`, sent
// as the refusal's own text); 200012, 200016–200018 and 200021 follow their pattern (unverified).
Object.assign(ERRMSG, {
  43101: 'user refuse to accept the msg',
  200012: 'private template count out of limit',
  200014: 'missing parameter tid',
  200016: 'invalid parameter start',
  200017: 'invalid parameter limit',
  200018: 'missing parameter ids',
  200019: 'invalid parameter ids',
  200020: 'invalid keywords',
  200021: 'invalid parameter sceneDesc',
} satisfies Record<number, string>);

/**
 * A refusal WeChat answers with `errcode`: a DomainError whose message is the errcode's text.
 * `hint` is shown as ` hint: [<hint>]` after it (the API kit's form for the field concerned).
 */
export function refusal(errcode: number, wechat: Omit<WeChatAnswer, 'errcode'> = {}): DomainError {
  return new DomainError('rejected', ERRMSG[errcode] ?? 'system error', undefined, { errcode, ...wechat });
}

/** A refusal pointing at the offending body field: ` hint: [data.<at>]` (no hint when `at` is empty). */
export function refusalAt(errcode: number, at: string | undefined): DomainError {
  return refusal(errcode, at ? { hint: `data.${at}` } : {});
}

/**
 * The errmsg WeChat sends for a refusal (without the request id): the errcode's text, or the
 * refusal's own text where it carries a value, then the hint.
 */
export function errmsgOf(errcode: number, err: Pick<DomainError, 'errmsg' | 'hint'> = {}): string {
  const text = err.errmsg ?? ERRMSG[errcode] ?? 'system error';
  return err.hint ? `${text} hint: [${err.hint}]` : text;
}
