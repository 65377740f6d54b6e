/**
 * Lists exported symbols of src/ that nothing imports (dead exports): every import, re-export
 * and dynamic import in src/, web/src/, test/, scripts/ and bench/ is resolved with the
 * TypeScript compiler, and an export no other file names is reported. A namespace import or a
 * dynamic import counts as using every export of its module. Exports used inside their own
 * file (types of a public signature, constants beside their function) are listed apart and do
 * not count; `KEEP` names the few kept on purpose. Exits 1 when a dead export is found.
 *
 *   node --import tsx scripts/deadExports.ts
 */
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(import.meta.dirname, '..');
const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
if (!config) throw new Error('tsconfig.json could not be read');
const options = config.options;
const files = ts.sys
  .readDirectory(root, ['.ts', '.tsx', '.mts'], ['**/node_modules/**', '**/dist/**'], ['src/**/*', 'web/src/**/*', 'test/**/*', 'scripts/**/*', 'bench/**/*'])
  .filter((f) => !f.endsWith('.d.ts'));

/** file → names imported from it ('*' for all). */
const used = new Map<string, Set<string>>();
const use = (file: string, name: string) => {
  const names = used.get(file) ?? new Set<string>();
  used.set(file, names);
  names.add(name);
};
const resolve = (spec: string, from: string) => ts.resolveModuleName(spec, from, options, ts.sys).resolvedModule?.resolvedFileName;

const sources = new Map<string, ts.SourceFile>();
for (const file of files) {
  const sf = ts.createSourceFile(file, ts.sys.readFile(file) ?? '', ts.ScriptTarget.Latest, true);
  sources.set(file, sf);
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const target = resolve(node.moduleSpecifier.text, file);
      if (target) {
        if (ts.isImportDeclaration(node)) {
          const clause = node.importClause;
          if (clause?.name) use(target, 'default');
          const bindings = clause?.namedBindings;
          if (bindings && ts.isNamespaceImport(bindings)) use(target, '*');
          if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) use(target, (el.propertyName ?? el.name).text);
          if (!clause) use(target, '*'); // import './x.js' for its effects
        } else if (!node.exportClause || ts.isNamespaceExport(node.exportClause)) {
          use(target, '*');
        } else {
          for (const el of node.exportClause.elements) use(target, (el.propertyName ?? el.name).text);
        }
      }
    }
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      const target = resolve(node.arguments[0].text, file);
      if (target) use(target, '*');
    }
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      const target = resolve(node.argument.literal.text, file);
      if (target) use(target, node.qualifier && ts.isIdentifier(node.qualifier) ? node.qualifier.text : '*');
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

/** The names a file exports by declaration (`export function f`, `export const a, b`, ...). */
function exportedNames(sf: ts.SourceFile): Array<{ name: string; line: number }> {
  const out: Array<{ name: string; line: number }> = [];
  const line = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  for (const st of sf.statements) {
    const exported = ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.getModifiers(st as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) {
      out.push({ name: 'default', line: line(st) });
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) out.push({ name: d.name.text, line: line(d) });
    } else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st) || ts.isEnumDeclaration(st)) && st.name) {
      out.push({ name: st.name.text, line: line(st) });
    }
  }
  return out;
}

/** Whether a name is used inside its own file besides its declaration (then only `export` is dead). */
function usedLocally(sf: ts.SourceFile, name: string): boolean {
  let count = 0;
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node) && node.text === name) count++;
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return count > 1;
}

/** Exports nothing imports that stay on purpose, each with its reason. */
const KEEP: Record<string, string> = {
  // Issue 9 item 5 makes the SQL and the prose read this constant.
  'src/modules/broadcasts/rules/massQuota.ts PER_FOLLOWER_MONTHLY_LIMIT': 'the 4-a-month rule',
  // The callback worker is being declared through the worker registry; these are its pieces.
  'src/modules/callbacks/jobs/deliveryAttempt.ts runClaimedAttempt': 'callback worker',
  'src/modules/callbacks/store/deliveries.ts settleDelivery': 'callback worker',
  // Presenter response types are the web app's (imported type-only as features need them).
  'src/modules/kf/console/inboxPresenter.ts WaitingEntry': 'response type',
  'src/modules/kf/console/inboxPresenter.ts SessionEntry': 'response type',
};

const dead: string[] = [];
const localOnly: string[] = [];
for (const [file, sf] of sources) {
  const rel = path.relative(root, file);
  // drizzle-kit reads every table of the schema files, whoever imports them.
  if (!rel.startsWith('src/') || /\.test\.tsx?$/.test(rel) || /(^|\/)schema\.ts$/.test(rel)) continue;
  const names = used.get(file);
  if (names?.has('*')) continue;
  for (const { name, line } of exportedNames(sf)) {
    if (names?.has(name) || KEEP[`${rel} ${name}`]) continue;
    (usedLocally(sf, name) ? localOnly : dead).push(`${rel}:${line} ${name}`);
  }
}
if (process.argv.includes('--all')) for (const d of localOnly.sort()) console.log(`${d} (used in its own file only)`);
for (const d of dead.sort()) console.log(d);
console.log(`${dead.length} dead export(s); ${localOnly.length} exported but used in their own file only (--all lists them)`);
process.exitCode = dead.length > 0 ? 1 : 0;
