/**
 * The WeChat API paths an unmodified Node SDK in node_modules calls, read from its source: URL
 * literals and `<prefix> + 'path'` concatenations with the SDK's own prefixes and endpoints, plus
 * the datacube methods both webot SDKs generate from a list. The API table's `sdks` field is
 * checked against this (src/surfaces/wechat/apiTable/apiTable.test.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Sdk } from '../src/surfaces/wechat/apiTable/index.js';

const require = createRequire(import.meta.url);

/** The prefixes co-wechat-api and wechat-api build their URLs from (their api_common.js). */
const PREFIXES: Record<string, string> = {
  prefix: 'https://api.weixin.qq.com/cgi-bin/',
  snsPrefix: 'https://api.weixin.qq.com/sns/',
  mpPrefix: 'https://mp.weixin.qq.com/cgi-bin/',
  fileServerPrefix: 'http://file.api.weixin.qq.com/cgi-bin/',
  payPrefix: 'https://api.weixin.qq.com/pay/',
  merchantPrefix: 'https://api.weixin.qq.com/merchant/',
  customservicePrefix: 'https://api.weixin.qq.com/customservice/',
  wxaPrefix: 'https://api.weixin.qq.com/wxa/',
  endpoint: 'https://api.weixin.qq.com',
  fileEndpoint: 'http://file.api.weixin.qq.com',
  mpEndpoint: 'https://mp.weixin.qq.com',
};

function jsFiles(dir: string, out: string[] = []): string[] {
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) {
      if (d.name !== 'node_modules') jsFiles(p, out);
    } else if (d.name.endsWith('.js')) out.push(p);
  }
  return out;
}

const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

/** The paths (host and query removed) one SDK's source calls. */
export function sdkPaths(sdk: Sdk): Set<string> {
  const dir = packageDir(sdk);
  const out = new Set<string>();
  const add = (url: string) => {
    const p = url.replace(/^https?:\/\/[a-z.]*weixin\.qq\.com/, '').replace(/^(?!\/)/, '/').replace(/\/$/, '');
    // A bare prefix ('https://api.weixin.qq.com/cgi-bin/' + variable) names no API.
    if (p.split('/').length > 2) out.add(p);
  };
  // node-easywechat also holds WeCom, open-platform and mini-program clients: only its official
  // account and core code count.
  const roots = sdk === 'node-easywechat' ? [path.join(dir, 'dist', 'OfficialAccount'), path.join(dir, 'dist', 'Core')] : [path.join(dir, 'lib')];
  for (const file of roots.flatMap((r) => jsFiles(r))) {
    const src = readFileSync(file, 'utf8');
    const vars = { ...PREFIXES };
    for (const m of src.matchAll(/([A-Za-z]*[pP]refix)\s*=\s*'([^']*)'/g)) vars[m[1]] = m[2];
    for (const m of src.matchAll(/(?:this\.)?([A-Za-z]*(?:[pP]refix|[eE]ndpoint))\s*\+\s*'([^'?]*)/g)) {
      const base = vars[m[1]];
      if (base) add(base + m[2]);
    }
    for (const m of src.matchAll(/'(https?:\/\/[a-z.]*weixin\.qq\.com\/[^'?]*)/g)) add(m[1]);
    if (sdk === 'node-easywechat') for (const m of src.matchAll(/['`"](\/?(?:cgi-bin|sns)\/[A-Za-z_/]+)/g)) add(m[1]);
    // wechat-jssdk joins its OAuth paths to its `apiUrl` setting: sendWechatRequest('/sns/userinfo', …).
    if (sdk === 'wechat-jssdk') for (const m of src.matchAll(/sendWechatRequest\('(\/[^'?]*)'/g)) add(m[1]);
    // Both webot SDKs define datacube methods from a list of camel-case names.
    if (/datacube\/' \+ method\.toLowerCase\(\)/.test(src)) {
      const list = src.slice(0, src.indexOf('.forEach(')).match(/'[A-Za-z]+'/g) ?? [];
      for (const name of list) add(`/datacube/${name.slice(1, -1).toLowerCase()}`);
    }
  }
  return out;
}
