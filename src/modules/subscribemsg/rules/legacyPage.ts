/**
 * The legacy one-time subscribe page (reference §6): `mp/subscribemsg?action=get_confirm&appid&
 * scene (0–10000)&template_id&redirect_url&reserved#wechat_redirect`, answered by a redirect to
 * redirect_url with `openid, template_id, action=confirm|cancel, scene, reserved`. Pure.
 */

export interface LegacyPageQuery {
  appid: string;
  scene: number;
  templateId: string;
  redirectUrl: string;
  reserved: string;
}

/** Why the page cannot be shown (the page names the parameter). */
export type LegacyPageProblem = 'action' | 'appid' | 'scene' | 'template_id' | 'redirect_url' | 'reserved';

/** An http(s) URL without credentials, ≤ 1024 characters. */
export function isRedirectUrl(v: string): boolean {
  if (v.length > 1024) return false;
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** Checks the page's query. */
export function parseLegacyPage(q: Record<string, string>): { ok: true; value: LegacyPageQuery } | { ok: false; problem: LegacyPageProblem } {
  if (q.action !== 'get_confirm') return { ok: false, problem: 'action' };
  if (!/^wx[0-9a-f]{16}$/.test(q.appid ?? '')) return { ok: false, problem: 'appid' };
  const scene = /^\d{1,5}$/.test(q.scene ?? '') ? Number(q.scene) : NaN;
  if (!(scene >= 0 && scene <= 10_000)) return { ok: false, problem: 'scene' };
  const templateId = q.template_id ?? '';
  if (!/^[\w-]{1,128}$/.test(templateId)) return { ok: false, problem: 'template_id' };
  const redirectUrl = q.redirect_url ?? '';
  if (!isRedirectUrl(redirectUrl)) return { ok: false, problem: 'redirect_url' };
  const reserved = q.reserved ?? '';
  if (reserved.length > 128) return { ok: false, problem: 'reserved' };
  return { ok: true, value: { appid: q.appid, scene, templateId, redirectUrl, reserved } };
}

/** Where the page sends the user after their answer: redirect_url with the answer in its query. */
export function legacyRedirect(redirectUrl: string, a: { openid: string; templateId: string; action: 'confirm' | 'cancel'; scene: number; reserved: string }): string | null {
  if (!isRedirectUrl(redirectUrl)) return null;
  const u = new URL(redirectUrl);
  u.searchParams.set('openid', a.openid);
  u.searchParams.set('template_id', a.templateId);
  u.searchParams.set('action', a.action);
  u.searchParams.set('scene', String(a.scene));
  u.searchParams.set('reserved', a.reserved);
  return u.toString();
}
