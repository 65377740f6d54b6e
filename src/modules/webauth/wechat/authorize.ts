import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../main/services.js';
import { acceptedClaims } from '../../../surfaces/phone/token.js';
import { findFollowerUser, type FollowerUserRow } from '../../followers/index.js';
import { answerConsent, startAuthorization, type AuthorizeOutcome } from '../commands/authorizer.js';
import { consentPage, errorPage, expiredPage, signinPage } from './pages.js';
import { pageLang, type PageLang } from './pageText.js';
import { BROWSE_PREFIX, browsePathOf, SNAPSHOT_COOKIE, SNAPSHOT_COOKIE_MAX_AGE_SEC } from '../rules/browse.js';
import type { Origin } from '../rules/authorize.js';

/**
 * The cookie that tells the authorize page which follower this browser is: a phone token, set by
 * the phone (POST /phone/api/web/session) for the in-app browser, or by hand in a normal tab.
 * HttpOnly, SameSite=Lax (a cross-site form cannot answer the consent sheet), path-scoped.
 */
export const FOLLOWER_COOKIE = 'herald_follower';
export const AUTHORIZE_PATH = '/connect/oauth2/authorize';
/** Where the in-app browser's tab was opened from (set with the follower cookie by the phone). */
export const FROM_COOKIE = 'herald_from';
const CONSENT_PATH = '/connect/oauth2/authorize/consent';
/** The consent form is one ticket and one word. */
const CONSENT_BODY_LIMIT = 16 * 1024;

/** The follower signed in on this browser, if any: their row, read once for the whole page. */
async function followerOf(services: Services, request: FastifyRequest): Promise<FollowerUserRow | undefined> {
  const token = request.cookies?.[FOLLOWER_COOKIE];
  if (!token || token.length > 512) return undefined;
  const claims = await acceptedClaims(services, token);
  return claims ? findFollowerUser(services.db, claims.userId) : undefined;
}

/**
 * Where this tab was opened from, for the account asking: the account's own chat or menu, Moments,
 * or elsewhere. Another account's chat or menu counts as elsewhere; anything malformed too.
 */
export function originOf(cookie: string | undefined, appid: string | undefined): Origin {
  if (cookie === 'moments') return 'moments';
  const m = /^(chat|menu)\.(wx[0-9a-f]{16})$/.exec(cookie ?? '');
  return m && m[2] === appid ? (m[1] as Origin) : 'other';
}

function queryOf(request: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v) && typeof v[0] === 'string') out[k] = v[0];
  }
  return out;
}

function langOf(request: FastifyRequest, user: FollowerUserRow | undefined): PageLang {
  const accept = request.headers['accept-language'];
  return pageLang(user?.language, typeof accept === 'string' ? accept : undefined);
}

/**
 * Whether the page asking is shown in the phone's in-app browser: the proxy marks the authorize
 * URLs it maps (`h5=1`), and the consent sheet it shows keeps the mark on its form.
 */
function inAppBrowser(request: FastifyRequest): boolean {
  return (request.query as Record<string, unknown> | undefined)?.h5 === '1';
}

/** Cookies are Secure when Herald is served over https. */
const secureCookies = (services: Services) => services.config.publicUrl.startsWith('https:');

function answer(reply: FastifyReply, lang: PageLang, outcome: AuthorizeOutcome, h5: boolean, secure: boolean): FastifyReply {
  switch (outcome.kind) {
    case 'error':
      return errorPage(reply, lang, outcome.errcode);
    case 'signin':
      return signinPage(reply, lang);
    case 'consent':
      return consentPage(reply, lang, {
        accountName: outcome.account.name,
        avatarUrl: outcome.account.avatarMediaId ? `/media/${encodeURIComponent(outcome.account.avatarMediaId)}` : null,
        nickname: outcome.user.nickname,
        ticket: outcome.ticket,
        action: h5 ? `${CONSENT_PATH}?h5=1` : CONSENT_PATH,
      });
    case 'redirect':
      // A snapshot page in the in-app browser: the proxy shows it with the "使用完整服务" bar,
      // which reopens this authorization with the consent sheet (same cookie attributes as the
      // proxy's own: its pages may run sandboxed).
      if (h5 && outcome.snapshot && outcome.fullService) {
        reply.setCookie(SNAPSHOT_COOKIE, `${AUTHORIZE_PATH}?${outcome.fullService}&h5=1`, {
          path: BROWSE_PREFIX,
          httpOnly: true,
          sameSite: secure ? 'none' : 'lax',
          secure,
          maxAge: SNAPSHOT_COOKIE_MAX_AGE_SEC,
        });
      }
      // In the in-app browser the page comes back through Herald's proxy, as the page it left.
      return reply.code(302).header('location', (h5 && browsePathOf(outcome.location)) || outcome.location).header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').send();
  }
}

/**
 * connect/oauth2/authorize as open.weixin.qq.com serves it (reference §11): GET with the query,
 * answered by a redirect to redirect_uri with the code, the consent sheet, or an error page. The
 * `#wechat_redirect` fragment never reaches a server; browsers keep it off the request.
 */
export function registerAuthorizeRoutes(app: FastifyInstance, services: Services): void {
  app.get(AUTHORIZE_PATH, async (request, reply) => {
    const user = await followerOf(services, request);
    const lang = langOf(request, user);
    const query = queryOf(request);
    const outcome = await startAuthorization(services, query, user, user ? originOf(request.cookies?.[FROM_COOKIE], query.appid) : 'other');
    return answer(reply, lang, outcome, inAppBrowser(request), secureCookies(services));
  });

  app.post(CONSENT_PATH, { bodyLimit: CONSENT_BODY_LIMIT }, async (request, reply) => {
    const user = await followerOf(services, request);
    const lang = langOf(request, user);
    const raw = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : typeof request.body === 'string' ? request.body : '';
    const form = new URLSearchParams(raw);
    const choice = form.get('answer');
    if (choice !== 'allow' && choice !== 'deny') return expiredPage(reply, lang);
    const outcome = await answerConsent(services, form.get('consent'), user?.id, choice === 'allow');
    if (!outcome) return expiredPage(reply, lang);
    return answer(reply, lang, outcome, inAppBrowser(request), secureCookies(services));
  });
}
