import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The web app shares the server's response types, never its code: an import from the server
 * tree is type-only, except the pure rules modules (limits and validators the forms check
 * before the server does), which import nothing but other rules.
 */
const WEB = path.resolve('web/src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [full] : [];
  });
}

/** Every import or re-export of a module outside web/, with whether it is type-only. */
function serverImports(file: string): Array<{ spec: string; typeOnly: boolean }> {
  const text = readFileSync(file, 'utf8');
  const found: Array<{ spec: string; typeOnly: boolean }> = [];
  for (const m of text.matchAll(/^(import|export)\s+(type\s+)?[^;]*?from\s+'([^']+)'/gms)) {
    const spec = m[3];
    const target = path.resolve(path.dirname(file), spec);
    if (spec.startsWith('.') && !target.startsWith(path.resolve('web'))) found.push({ spec, typeOnly: Boolean(m[2]) });
  }
  return found;
}

const PURE_RULES = /\/src\/modules\/[a-z]+\/rules(\/[A-Za-z]+)?\.js$/;

describe('web and server', () => {
  it('imports server types only, and code only from pure rules modules', () => {
    const offending: string[] = [];
    let typeImports = 0;
    for (const file of sources(WEB)) {
      for (const imp of serverImports(file)) {
        if (imp.typeOnly) typeImports++;
        else if (!PURE_RULES.test(imp.spec)) offending.push(`${path.relative(WEB, file)}: ${imp.spec}`);
      }
    }
    expect(offending).toEqual([]);
    // The response types do come from the server (the check above is not vacuous).
    expect(typeImports).toBeGreaterThan(10);
  });

  it('keeps the rules modules the web app runs free of I/O and server imports', () => {
    const rules = new Set<string>();
    for (const file of sources(WEB)) {
      for (const imp of serverImports(file)) if (!imp.typeOnly) rules.add(path.resolve(path.dirname(file), imp.spec).replace(/\.js$/, '.ts'));
    }
    expect(rules.size).toBeGreaterThan(0);
    for (const file of rules) {
      const text = readFileSync(file, 'utf8');
      const specs = [...text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]);
      for (const spec of specs) {
        const target = path.relative('.', path.resolve(path.dirname(file), spec));
        expect(`${path.relative('.', file)} imports ${target}`).toMatch(/imports (src\/modules\/[a-z]+\/rules(\/[A-Za-z]+)?|src\/platform\/(text|links|clock))\.js$/);
      }
    }
  });

  it('files messages in Chats or the Subscriptions folder by one rule, the server\'s placementOf', () => {
    const files = [...sources(WEB), ...sources(path.resolve('src'))];
    const defined = files.filter((f) => /\bplacementOf\s*=|function placementOf\b/.test(readFileSync(f, 'utf8')));
    expect(defined.map((f) => path.relative('.', f))).toEqual(['src/modules/messaging/rules/conversation.ts']);
    // The phone's way back from a chat goes where the account's messages are filed.
    const chat = readFileSync(path.join(WEB, 'phone/chat/ChatScreen.tsx'), 'utf8');
    expect(chat).toMatch(/placementOf\(profile\.type\) === 'subscriptions' \? '\/phone\/subscriptions'/);
    // Nothing in the web app decides a placement from the account type by itself.
    const adHoc = sources(WEB).filter((f) => /type === 'subscription' \? '\/phone\/subscriptions'|=== 'service' \? 'chats'/.test(readFileSync(f, 'utf8')));
    expect(adHoc).toEqual([]);
  });
});
