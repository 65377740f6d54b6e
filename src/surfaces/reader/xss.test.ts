import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { parseDocument } from 'htmlparser2';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../test/harness.js';
import { makePublishedArticle } from '../../../test/factories/articles.js';
import { addFollower } from '../../../test/factories/audience.js';
import { accounts } from '../../modules/accounts/schema.js';
import { articleComments } from '../../modules/reader/schema.js';
import { followerUsers } from '../../modules/followers/schema.js';
import { putSetting } from '../../platform/db/settings.js';
import { ADS_CATALOG_KEY } from '../../modules/revenue/rules.js';
import { renderArticleBody } from './html.js';

/** Markup meant to run code, from the usual XSS cheat sheets. */
const PAYLOADS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<img src=x onerror=alert(1)>',
  '<img src="javascript:alert(1)">',
  '<img src=data:image/svg+xml;base64,PHN2Zy8+>',
  '<IMG SRC=JaVaScRiPt:alert(1)>',
  '<img src="jav&#x09;ascript:alert(1)">',
  '<img """><script>alert(1)</script>">',
  '<svg onload=alert(1)><circle r=1 /></svg>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="  JAVASCRIPT:alert(1)">x</a>',
  '<a href="java\tscript:alert(1)">x</a>',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href=x onclick=alert(1) onmouseover="alert(2)">x</a>',
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<div style="width: expression(alert(1))">x</div>',
  '<style>body{background:url("javascript:alert(1)")}</style>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">x</button></form>',
  '<input autofocus onfocus=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<body onload=alert(1)>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<link rel=import href=//evil.example>',
  '<video><source onerror=alert(1)></video>',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<![CDATA[<script>alert(1)</script>]]>',
  '<p title="</p><script>alert(1)</script>">x</p>',
  '<mp-miniprogram data-miniprogram-appid="x&quot; onmouseover=&quot;alert(1)" data-miniprogram-title="<script>alert(1)</script>"></mp-miniprogram>',
  '<a data-miniprogram-appid="\'><script>alert(1)</script>" href="javascript:alert(1)">mp</a>',
  '<p>unclosed <b><i><a href="javascript:alert(1)"',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<template><script>alert(1)</script></template>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '<a href="weixin://dl/chat" onclick="alert(1)">ok link</a>',
];

const HOSTILE_TEXT = '"><script>alert(1)</script><img src=x onerror=alert(1) \' onload=\'alert(2)';

type Node = { type: string; name?: string; attribs?: Record<string, string>; children?: Node[] };
function walk(n: Node, out: Node[] = []): Node[] {
  out.push(n);
  for (const c of n.children ?? []) walk(c, out);
  return out;
}

const URL_ATTRS = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'srcset'];
const FORBIDDEN = ['script', 'iframe', 'object', 'embed', 'form', 'input', 'button', 'svg', 'math', 'base', 'frame', 'frameset', 'applet', 'video', 'audio', 'source', 'details', 'template', 'noscript'];

/** Asserts that nothing in the HTML can run code when a browser loads it. */
function expectInert(html: string): void {
  const nodes = walk(parseDocument(html) as unknown as Node);
  const els = nodes.filter((n) => n.type === 'tag' || n.type === 'script' || n.type === 'style');
  const styles = els.filter((e) => e.name === 'style');
  expect(styles.length, 'only the page\'s own stylesheet').toBeLessThanOrEqual(1);
  for (const el of els) {
    expect(FORBIDDEN, `<${el.name}> must not appear`).not.toContain(el.name);
    if (el.name === 'meta') expect(el.attribs?.['http-equiv']).toBeUndefined();
    if (el.name === 'link') expect(el.attribs?.rel).toBe('canonical');
    for (const [k, v] of Object.entries(el.attribs ?? {})) {
      expect(k.toLowerCase().startsWith('on'), `<${el.name} ${k}>`).toBe(false);
      expect(k.toLowerCase(), `<${el.name}> style attribute`).not.toBe('style');
      if (URL_ATTRS.includes(k.toLowerCase())) {
        const cleaned = v.replace(/[\u0000-\u0020]/g, '').toLowerCase();
        expect(cleaned, `<${el.name} ${k}="${v}">`).not.toMatch(/^(javascript|vbscript|data):/);
      }
    }
  }
}

it('the render-time sanitizer leaves every payload inert on its own', () => {
  for (const p of PAYLOADS) expectInert(`<!doctype html><html><body>${renderArticleBody(p)}</body></html>`);
});

describeEachDb('article pages under hostile content', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('executes nothing whatever the content, titles, names, comments and catalog hold', async () => {
    const { account } = await makeAccount(h.services);
    await h.services.db.update(accounts).set({ name: HOSTILE_TEXT }).where(eq(accounts.id, account.id));
    // The ads catalog is cleaned when read: a hostile entry never reaches a page as a link.
    await putSetting(h.services.db, ADS_CATALOG_KEY, {
      ads: [
        { id: 'evil', advertiser: HOSTILE_TEXT, title: HOSTILE_TEXT, description: HOSTILE_TEXT, targetUrl: 'javascript:alert(1)' },
        { id: 'ok-ad', advertiser: HOSTILE_TEXT, title: HOSTILE_TEXT, description: HOSTILE_TEXT, targetUrl: 'https://example.com/x', imageUrl: 'javascript:alert(1)' },
      ],
    });
    const original = await makePublishedArticle(h.services.db, { accountId: account.id, title: HOSTILE_TEXT });
    const f = await addFollower(h.database, account.id);
    await h.services.db.update(followerUsers).set({ nickname: HOSTILE_TEXT }).where(eq(followerUsers.id, f.userId));
    for (const payload of PAYLOADS) {
      const { article } = await makePublishedArticle(h.services.db, {
        accountId: account.id,
        // Stored as given: pages must not rely on content having been cleaned when saved.
        content: `<p>before</p>${payload}<p>after</p>`,
        title: HOSTILE_TEXT,
        author: HOSTILE_TEXT,
        digest: payload,
        thumbMediaId: '"><script>alert(1)</script>',
        showCoverPic: 1,
        contentSourceUrl: 'javascript:alert(1)',
        reprintOf: original.article.id,
        original: true,
        donationsEnabled: true,
        adsEnabled: true,
      });
      await h.services.db.insert(articleComments).values({ articleId: article.id, userId: f.userId, content: payload, elected: true, replyContent: payload, replyAt: new Date(), createdAt: new Date() });
      const res = await h.app.inject({ method: 'GET', url: `/s/${article.id}`, headers: { 'user-agent': 'Mozilla/5.0' } });
      expect(res.statusCode, payload).toBe(200);
      expectInert(res.body);
      expect(res.body).toContain('<p>before</p>');
      // Broken markup may swallow the rest of the body, never the page around it.
      expect(res.body).toContain('<div class="stats">');
      // Only the well-formed ad is shown, its text escaped.
      expect(res.body).toContain('/ad/ok-ad"');
      expect(res.body).not.toContain('/ad/evil');
    }
  });
});
