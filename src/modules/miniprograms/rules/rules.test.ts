import { describe, expect, it } from 'vitest';
import { miniProgramRefs, normaliseMiniProgramMarkup } from './articleMarkup.js';
import { checkLinkUse } from './integration.js';
import { flag, isReleasedPage, parsePages, splitPagePath } from './miniProgram.js';

const APPID = 'wx0123456789abcdef';
const known = new Map([[APPID, { nickname: 'Tea Shop', avatar: 'https://cdn.example.com/tea.png' }]]);

describe('article markup (commerce §1.5)', () => {
  it('stores both card forms in the form WeChat returns, with the name and icon', () => {
    for (const tag of ['mp-miniprogram', 'mp-common-miniprogram']) {
      const html = `<p><${tag} data-miniprogram-appid="WX0123456789ABCDEF" data-miniprogram-path="pages/index/index" data-miniprogram-title="小程序示例" data-miniprogram-imageurl="http://example.com/demo.jpg" data-miniprogram-type="card"></${tag}></p>`;
      expect(miniProgramRefs(html)).toEqual([{ appid: 'WX0123456789ABCDEF', path: 'pages/index/index', kind: 'card' }]);
      expect(normaliseMiniProgramMarkup(html, known)).toBe(
        '<p><mp-miniprogram data-miniprogram-appid="wx0123456789abcdef" data-miniprogram-path="pages/index/index" data-miniprogram-nickname="Tea Shop" data-miniprogram-avatar="https://cdn.example.com/tea.png" data-miniprogram-title="小程序示例" data-miniprogram-imageurl="http://example.com/demo.jpg" data-miniprogram-type="card" data-miniprogram-servicetype="0"></mp-miniprogram></p>',
      );
    }
  });

  it('types text and image links', () => {
    const html = `<p><a data-miniprogram-appid="${APPID}" data-miniprogram-path="pages/index" href="">点击文字跳转小程序</a></p><p><a data-miniprogram-appid="${APPID}" data-miniprogram-path="pages/index" href=""><img src="https://mmbiz.qpic.cn/x.jpg" alt=""></a></p>`;
    expect(miniProgramRefs(html).map((r) => r.kind)).toEqual(['text', 'image']);
    const out = normaliseMiniProgramMarkup(html, known);
    expect(out).toContain('data-miniprogram-type="text">点击文字跳转小程序</a>');
    expect(out).toMatch(/data-miniprogram-type="image"[^>]*><img/);
    // Ordinary links and HTML without mini programs are left alone.
    expect(normaliseMiniProgramMarkup('<p><a href="https://x.example">x</a></p>', known)).toBe('<p><a href="https://x.example">x</a></p>');
  });

  it('escapes hostile attribute values', () => {
    const html = `<mp-miniprogram data-miniprogram-appid="${APPID}" data-miniprogram-path='"><script>alert(1)</script>' data-miniprogram-title="x"></mp-miniprogram>`;
    expect(normaliseMiniProgramMarkup(html, known)).not.toContain('<script>');
  });
});

describe('page paths, flags and the linking rule', () => {
  it('splits and checks page paths of the released version', () => {
    expect(splitPagePath('/pages/index/index.html?x=1')).toEqual({ path: 'pages/index/index', query: 'x=1' });
    expect(splitPagePath('../etc')).toBeUndefined();
    expect(splitPagePath('a\u0000')).toBeUndefined();
    expect(isReleasedPage(['pages/index/index'], 'pages/index/index?from=menu')).toBe(true);
    expect(isReleasedPage(['pages/index/index'], '')).toBe(true);
    expect(isReleasedPage(['pages/index/index'], 'pages/other')).toBe(false);
    expect(parsePages(['/pages/a', 'pages/a', 'pages/b'])).toEqual(['pages/a', 'pages/b']);
    expect(parsePages([])).toBeUndefined();
    expect(parsePages(['pages/a?x=1'])).toBeUndefined();
    expect([flag('1'), flag(0), flag(true), flag(undefined), flag('yes')]).toEqual([true, false, true, false, undefined]);
  });

  it('service accounts have six integrations, subscription accounts three', () => {
    const linked = { pages: ['pages/index'], releasedVersion: '1.0.0' };
    const sub = { type: 'subscription', verified: true };
    const svc = { type: 'service', verified: false };
    for (const integration of ['menu', 'article', 'reply'] as const) {
      expect(checkLinkUse(sub, integration, { appid: APPID }, linked)).toEqual({ ok: true });
      expect(checkLinkUse(svc, integration, { appid: APPID }, linked)).toEqual({ ok: true });
    }
    for (const integration of ['profile', 'notification', 'payment'] as const) {
      expect(checkLinkUse(sub, integration, { appid: APPID }, linked)).toMatchObject({ ok: false, errcode: 48001, reason: expect.stringContaining('service accounts only') });
      expect(checkLinkUse(svc, integration, { appid: APPID }, linked)).toEqual({ ok: true });
    }
    expect(checkLinkUse(svc, 'menu', { appid: 'gh_123456789012' }, undefined)).toMatchObject({ errcode: 40166 });
    expect(checkLinkUse(svc, 'menu', { appid: APPID }, undefined)).toMatchObject({ errcode: 85005 });
    expect(checkLinkUse(svc, 'notification', { appid: APPID, pagepath: 'pages/x' }, linked, true)).toMatchObject({ errcode: 40165 });
    expect(checkLinkUse(svc, 'notification', { appid: APPID, pagepath: 'pages/index?a=1' }, linked, true)).toEqual({ ok: true });
  });
});
