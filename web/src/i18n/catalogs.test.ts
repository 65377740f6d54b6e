/**
 * The catalogs stay whole: every key in both languages with the same ICU arguments, every
 * message valid ICU, every key used and every used key present, and no words for people left
 * as string literals in the components' JSX.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { CATALOGS, LANGUAGES } from './catalogs.js';
import { scanTsx } from './scan.js';

const WEB = path.resolve(import.meta.dirname, '..');

/** Every source file of the web app except tests and the catalogs themselves. */
function sources(dir = WEB): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

type Ast = ReturnType<IntlMessageFormat['getAst']>;

/** The argument names a message uses, with their kind (plural, select, plain). */
function argumentsOf(ast: Ast, into = new Set<string>()): Set<string> {
  for (const el of ast as Array<{ type: number; value?: string; options?: Record<string, { value: Ast }>; children?: Ast }>) {
    if (el.type >= 1 && el.type <= 6) into.add(`${el.value}:${el.type === 6 ? 'plural' : el.type === 5 ? 'select' : 'plain'}`);
    if (el.options) for (const o of Object.values(el.options)) argumentsOf(o.value, into);
    if (el.children) argumentsOf(el.children, into);
  }
  return into;
}

const flat = (lang: (typeof LANGUAGES)[number]) =>
  Object.entries(CATALOGS[lang]).flatMap(([feature, messages]) => Object.entries(messages).map(([k, v]) => [`${feature}.${k}`, v] as const));

describe('message catalogs', () => {
  const en = new Map<string, string>(flat('en'));
  const zh = new Map<string, string>(flat('zh-CN'));

  it('have the same features and keys in Chinese and English', () => {
    expect(Object.keys(CATALOGS['zh-CN']).sort()).toEqual(Object.keys(CATALOGS.en).sort());
    expect([...zh.keys()].filter((k) => !en.has(k))).toEqual([]);
    expect([...en.keys()].filter((k) => !zh.has(k))).toEqual([]);
    expect(en.size).toBeGreaterThan(500);
  });

  it('are valid ICU messages with the same arguments in both languages', () => {
    const problems: string[] = [];
    for (const [key, message] of en) {
      const other = zh.get(key) ?? '';
      try {
        const a = [...argumentsOf(new IntlMessageFormat(message, 'en').getAst())].sort();
        const b = [...argumentsOf(new IntlMessageFormat(other, 'zh-CN').getAst())].sort();
        if (a.join() !== b.join()) problems.push(`${key}: en {${a}} zh {${b}}`);
      } catch (err) {
        problems.push(`${key}: ${(err as Error).message}`);
      }
      if (!other.trim() || (other === message && /[a-z]{3,} [a-z]{3,}/i.test(message))) problems.push(`${key}: not translated`);
    }
    expect(problems).toEqual([]);
  });

  const code = sources()
    .filter((f) => !f.includes(`${path.sep}i18n${path.sep}catalogs.ts`))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');

  it('has no unused keys: each is written out in the code', () => {
    expect([...en.keys()].filter((k) => !code.includes(`'${k}'`))).toEqual([]);
  });

  it('has every key the code asks for', () => {
    const asked = [...code.matchAll(/\bt\(\s*'([A-Za-z]+\.[A-Za-z0-9_.]+)'/g)].map((m) => m[1]);
    expect(asked.length).toBeGreaterThan(500);
    expect([...new Set(asked)].filter((k) => !en.has(k))).toEqual([]);
  });

  it('leaves no words for people as literals in JSX', () => {
    const left = sources()
      .filter((f) => f.endsWith('.tsx'))
      .flatMap((f) => scanTsx(f, readFileSync(f, 'utf8')).map((l) => `${path.relative(WEB, f)}:${l.line} ${l.text}`));
    expect(left).toEqual([]);
  });

  it('the scan finds JSX text, text props and shown literals, and allows names and symbols', () => {
    const found = scanTsx(
      'x.tsx',
      `const a = <p title="Hello there" className="big">Hi {n} <b>{'Yes'}</b> {ok ? 'On' : '—'} Herald {\`\${n} left\`} 你好</p>;
       const b = <input placeholder="Search" aria-label={t('x.y')} alt="·" type="text" />;`,
    ).map((l) => l.text);
    expect(found).toEqual(['Hello there', 'Hi', 'Yes', 'On', 'left', '你好', 'Search']);
  });
});
