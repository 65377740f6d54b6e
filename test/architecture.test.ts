import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The layering of src/ (docs/ARCHITECTURE.md), checked on every import and re-export of every
 * source file (tests are free to reach into what they test):
 *
 * - platform imports only platform (and packages);
 * - protocol imports only protocol and a few named platform leaves;
 * - a module's rules (`rules.ts`, `rules/`) do no I/O: no store, no database, no services, no
 *   node I/O; type-only imports are erased and allowed;
 * - a module is reached from outside only through its `index.ts`, its rules or its tables (`schema.ts`);
 * - a module's tables (`schema.ts`) import only tables, platform and packages;
 * - surfaces (kits) import no module;
 * - modules do not import each other in a cycle (docs/ARCHITECTURE.md, "Module order"): the test
 *   names the imports that would close one.
 */

const ROOT = path.resolve(import.meta.dirname, '..');

interface ImportEdge {
  /** Importing file, relative to the project root, with forward slashes. */
  from: string;
  /** Imported file (relative imports, resolved) or package name. */
  to: string;
  /** `import type` / `export type` (or every named binding type-only): erased at run time. */
  typeOnly: boolean;
}

/** Every import, re-export and dynamic import of one source text. */
function importsOf(file: string, text: string): ImportEdge[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const edges: ImportEdge[] = [];
  const add = (spec: string, typeOnly: boolean) => {
    const to = spec.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).replace(/\.js$/, '.ts') : spec;
    edges.push({ from: file, to, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const c = node.importClause;
      const named = c?.namedBindings && ts.isNamedImports(c.namedBindings) ? c.namedBindings.elements : undefined;
      const allTypes = !!c && !c.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly);
      add(node.moduleSpecifier.text, !!c && (c.isTypeOnly || allTypes));
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      add(node.arguments[0].text, false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node.argument.literal.text, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return edges;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return rel.endsWith('/migrations') ? [] : sourceFiles(rel);
    return /\.(ts|mts|mjs)$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [rel] : [];
  });
}

/** Where a file sits: its layer and, inside src/modules, its module and path in the module. */
function placeOf(file: string): { layer: string; module?: string; inner?: string } {
  const m = /^src\/modules\/([^/]+)\/(.+)$/.exec(file);
  if (m) return { layer: 'modules', module: m[1], inner: m[2] };
  const l = /^src\/([^/]+)\//.exec(file);
  return { layer: l ? l[1] : 'outside' };
}

const isRules = (inner: string) => inner === 'rules.ts' || inner.startsWith('rules/');
/**
 * A module's faces: `index.ts` (manifest and public API), its pure rules, and `schema.ts` (its
 * tables, which other tables and joins name). Tables stay a face of their own because drizzle
 * evaluates them when their file loads: reached through `index.ts`, which loads the module's
 * routes, they would be read before the module graph finished loading.
 */
const isPublicFace = (inner: string) => inner === 'index.ts' || inner === 'schema.ts' || isRules(inner);

/** Platform files protocol may use: pure leaves with no I/O. */
const PROTOCOL_PLATFORM_LEAVES = new Set(['src/platform/clock.ts', 'src/platform/errors.ts', 'src/platform/text.ts']);

/** Node built-ins that do I/O: rules may not use them. */
const NODE_IO = /^(node:)?(fs|fs\/promises|net|http|https|http2|child_process|dgram|dns|tls|worker_threads)$/;

/**
 * The kit imports of a module that stay, each with its reason: pure rules every surface applies
 * the same way (capabilities, the operator policy, sanitised article HTML) and one table's
 * foreign key. What a kit needs to look up (access_token → account, session cookie → operator,
 * AppID → account, phone token → follower, missed messages on reconnect) it declares in its
 * lookups.ts and the owning module provides at boot (Services.kits, Services.tokens). The list may
 * only shrink; no new kit import of a module is accepted.
 */
const KIT_EXCEPTIONS: Record<string, string> = {
  'src/surfaces/wechat/served.ts -> src/modules/accounts/rules/capabilities.ts': 'pure rules: the capability names the permission card reports on',
  'src/surfaces/console/kit.ts -> src/modules/operators/rules/policy.ts': 'pure rules: the console checks the operators\' role × action table on every route',
  'src/surfaces/wechat/apiTable/index.ts -> src/modules/accounts/rules/capabilities.ts': 'pure rules: the capability names the API table keys on',
  'src/surfaces/wechat/apiTable/types.ts -> src/modules/accounts/rules/capabilities.ts': 'pure rules: the capability names the API table keys on',
  'src/surfaces/wechat/kit.ts -> src/modules/accounts/rules/capabilities.ts': 'pure rules: the capability table (48001)',
  'src/surfaces/wechat/schema.ts -> src/modules/accounts/schema.ts': 'foreign key of api_calls to accounts',
};

/** Every breach of the layering in a set of import edges. */
function layeringViolations(edges: readonly ImportEdge[], kitExceptions: Record<string, string> = {}): string[] {
  const out: string[] = [];
  for (const e of edges) {
    if (!e.to.startsWith('src/')) {
      const from = placeOf(e.from);
      if (from.layer === 'modules' && isRules(from.inner!) && !e.typeOnly && NODE_IO.test(e.to)) out.push(`${e.from}: rules do no I/O, but import ${e.to}`);
      continue;
    }
    const from = placeOf(e.from);
    const to = placeOf(e.to);
    const line = `${e.from} -> ${e.to}`;
    if (from.layer === 'platform' && to.layer !== 'platform') out.push(`${line}: platform imports only platform`);
    if (from.layer === 'protocol' && to.layer !== 'protocol' && !PROTOCOL_PLATFORM_LEAVES.has(e.to)) out.push(`${line}: protocol imports only protocol and platform leaves`);
    if (from.layer === 'surfaces' && to.layer === 'modules' && !(line in kitExceptions)) out.push(`${line}: kits import no module`);
    if (from.layer === 'modules' && isRules(from.inner!) && !e.typeOnly) {
      const io = to.layer === 'main' || e.to.startsWith('src/platform/db/') || e.to.startsWith('src/platform/realtime/') || e.to.startsWith('src/platform/media/') || e.to.startsWith('src/surfaces/') || (to.layer === 'modules' && !isRules(to.inner!));
      if (io) out.push(`${line}: rules do no I/O (no store, database, services or surface)`);
    }
    if (from.layer === 'modules' && from.inner === 'schema.ts' && !e.typeOnly && !(to.layer === 'platform' || (to.layer === 'modules' && to.inner === 'schema.ts'))) {
      out.push(`${line}: tables import only tables and platform`);
    }
    if (to.layer === 'modules' && from.layer !== 'surfaces' && from.module !== to.module && !isPublicFace(to.inner!)) {
      out.push(`${line}: another module is reached only through its index.ts or rules`);
    }
  }
  return out;
}

/** The module graph: which module imports which (run-time imports only: types are erased). */
function moduleGraph(edges: readonly ImportEdge[]): Map<string, Set<string>> {
  const g = new Map<string, Set<string>>();
  for (const e of edges) {
    const a = placeOf(e.from).module;
    const b = placeOf(e.to).module;
    if (!a || !b || a === b || e.typeOnly) continue;
    if (!g.has(a)) g.set(a, new Set());
    g.get(a)!.add(b);
  }
  return g;
}

/** The strongly connected groups of more than one module (Tarjan): each is a cycle. */
function moduleCycles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const nodes = new Set([...graph.keys(), ...[...graph.values()].flatMap((s) => [...s])]);
  const strong = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) out.push(group.sort());
    }
  };
  for (const v of [...nodes].sort()) if (!idx.has(v)) strong(v);
  return out;
}

/**
 * Every module edge inside a cycle, each with the imports that make it ("a -> b: file -> file"),
 * so a failure names the imports to remove or to turn into a signal, a port or a handler.
 */
function moduleEdgesInCycles(edges: readonly ImportEdge[]): string[] {
  const graph = moduleGraph(edges);
  const out: string[] = [];
  for (const group of moduleCycles(graph)) {
    for (const e of edges) {
      const a = placeOf(e.from).module;
      const b = placeOf(e.to).module;
      if (a && b && a !== b && !e.typeOnly && group.includes(a) && group.includes(b)) out.push(`${a} -> ${b}: ${e.from} -> ${e.to}`);
    }
  }
  return out.sort();
}

function allEdges(): ImportEdge[] {
  return sourceFiles('src').flatMap((f) => importsOf(f, readFileSync(path.join(ROOT, f), 'utf8')));
}

describe('the import checker itself', () => {
  it('reads imports, type-only imports, re-exports and dynamic imports', () => {
    const edges = importsOf(
      'src/modules/a/x.ts',
      `import { q } from './store.js';\nimport type { T } from '../b/store/t.js';\nimport { type U } from '../b/index.js';\nexport { z } from '../c/rules/z.js';\nconst m = () => import('node:fs');`,
    );
    expect(edges).toEqual([
      { from: 'src/modules/a/x.ts', to: 'src/modules/a/store.ts', typeOnly: false },
      { from: 'src/modules/a/x.ts', to: 'src/modules/b/store/t.ts', typeOnly: true },
      { from: 'src/modules/a/x.ts', to: 'src/modules/b/index.ts', typeOnly: true },
      { from: 'src/modules/a/x.ts', to: 'src/modules/c/rules/z.ts', typeOnly: false },
      { from: 'src/modules/a/x.ts', to: 'node:fs', typeOnly: false },
    ]);
  });

  it('names every kind of breach', () => {
    const e = (from: string, to: string, typeOnly = false): ImportEdge => ({ from, to, typeOnly });
    const found = layeringViolations([
      e('src/platform/jobs/x.ts', 'src/main/services.ts', true),
      e('src/protocol/xml.ts', 'src/platform/db/connect.ts'),
      e('src/modules/a/rules.ts', 'src/modules/a/store.ts'),
      e('src/modules/a/rules/r.ts', 'node:fs'),
      e('src/modules/a/rules/r.ts', 'src/main/services.ts'),
      e('src/modules/a/commands/c.ts', 'src/modules/b/store/s.ts'),
      e('src/surfaces/wechat/kit.ts', 'src/modules/b/index.ts'),
      // allowed:
      e('src/protocol/xml.ts', 'src/platform/clock.ts'),
      e('src/modules/a/rules.ts', 'src/modules/b/index.ts', true),
      e('src/modules/a/commands/c.ts', 'src/modules/b/index.ts'),
      e('src/modules/a/commands/c.ts', 'src/modules/b/rules/x.ts'),
      e('src/main/server.ts', 'src/modules/b/index.ts'),
    ]);
    expect(found.map((f) => f.split(': ')[0])).toEqual([
      'src/platform/jobs/x.ts -> src/main/services.ts',
      'src/protocol/xml.ts -> src/platform/db/connect.ts',
      'src/modules/a/rules.ts -> src/modules/a/store.ts',
      'src/modules/a/rules/r.ts',
      'src/modules/a/rules/r.ts -> src/main/services.ts',
      'src/modules/a/commands/c.ts -> src/modules/b/store/s.ts',
      'src/surfaces/wechat/kit.ts -> src/modules/b/index.ts',
    ]);
  });

  it('finds module cycles and ignores type-only edges', () => {
    const e = (from: string, to: string, typeOnly = false): ImportEdge => ({ from: `src/modules/${from}/index.ts`, to: `src/modules/${to}/index.ts`, typeOnly });
    const edges = [e('a', 'b'), e('b', 'c'), e('c', 'a'), e('c', 'd'), e('d', 'e', false), e('e', 'd', true)];
    expect(moduleCycles(moduleGraph(edges))).toEqual([['a', 'b', 'c']]);
    expect(moduleEdgesInCycles(edges)).toEqual([
      'a -> b: src/modules/a/index.ts -> src/modules/b/index.ts',
      'b -> c: src/modules/b/index.ts -> src/modules/c/index.ts',
      'c -> a: src/modules/c/index.ts -> src/modules/a/index.ts',
    ]);
  });
});

describe('the layering of src/', () => {
  const edges = allEdges();

  it('has no import against the layers', () => {
    expect(layeringViolations(edges, KIT_EXCEPTIONS)).toEqual([]);
  });

  it('lets kits import only pure rules and tables of a module', () => {
    const kitImports = edges.filter((e) => placeOf(e.from).layer === 'surfaces' && placeOf(e.to).layer === 'modules');
    expect(kitImports.filter((e) => !/\/rules\/|\/schema\.ts$/.test(e.to)).map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
    expect(Object.keys(KIT_EXCEPTIONS).length).toBeLessThanOrEqual(6);
  });

  it('keeps every kit exception real (a fixed one is taken off the list)', () => {
    const lines = new Set(edges.map((e) => `${e.from} -> ${e.to}`));
    expect(Object.keys(KIT_EXCEPTIONS).filter((k) => !lines.has(k))).toEqual([]);
  });

  it('gives every module a manifest (index.ts) and a README', () => {
    const modules = readdirSync(path.join(ROOT, 'src/modules'));
    const files = new Set(sourceFiles('src/modules'));
    for (const m of modules) {
      expect(files.has(`src/modules/${m}/index.ts`), m).toBe(true);
      expect(readdirSync(path.join(ROOT, 'src/modules', m)), m).toContain('README.md');
    }
  });

  it('has no module cycle: a module imports only modules below it', () => {
    expect(moduleEdgesInCycles(edges)).toEqual([]);
  });
});
