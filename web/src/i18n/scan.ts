/**
 * Finds words for people written into components instead of the catalogs: JSX text and the
 * string values of props that people read (title, placeholder, aria-label, alt, label …).
 * Used by the catalogs check; brand names and symbols are allowed.
 */
import ts from 'typescript';

/** Props whose string value a person reads or hears. */
export const TEXT_PROPS = new Set([
  'title', 'placeholder', 'aria-label', 'alt', 'label', 'hint', 'description', 'message', 'heading',
  'subtitle', 'what', 'confirmLabel', 'cancelLabel', 'emptyText', 'empty', 'caption', 'text', 'action', 'tooltip', 'summary',
]);

/** Words that stay as they are in both languages (names of things, not sentences). */
export const ALLOWED = new Set(['Herald', 'WeChat', 'AppID', 'AppSecret', 'OpenID', 'openid', 'unionid', 'media_id', 'URL', 'Token', 'EncodingAESKey', 'XML', 'JSON', 'ICP', 'QR', 'rid', 'OK', 'Weixin']);

const WORDY = /[A-Za-z\u3400-\u9fff]/;

/** Whether a piece of text would reach a person untranslated. */
export function isUserText(text: string): boolean {
  const s = text.replace(/\s+/g, ' ').trim();
  if (!s || !WORDY.test(s)) return false;
  return !ALLOWED.has(s);
}

type ShownLiteral = ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression;

/** A literal's own words (a template's words without its substitutions). */
export const literalText = (n: ShownLiteral): string =>
  ts.isTemplateExpression(n) ? [n.head.text, ...n.templateSpans.map((s) => s.literal.text)].join(' ') : n.text;

/** The string literals an expression can evaluate to and show: `'a'`, `c ? 'a' : 'b'`, `x && 'a'`, `x ?? 'a'`. */
export function shownLiterals(e: ts.Expression): ShownLiteral[] {
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isTemplateExpression(e)) return [e];
  if (ts.isParenthesizedExpression(e)) return shownLiterals(e.expression);
  if (ts.isConditionalExpression(e)) return [...shownLiterals(e.whenTrue), ...shownLiterals(e.whenFalse)];
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) return shownLiterals(e.right);
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) return [...shownLiterals(e.left), ...shownLiterals(e.right)];
  }
  return [];
}

export interface Literal {
  line: number;
  text: string;
}

/** The untranslated pieces of one .tsx source. */
export function scanTsx(fileName: string, source: string): Literal[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: Literal[] = [];
  const add = (node: ts.Node, text: string) => {
    if (isUserText(text)) found.push({ line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, text: text.trim() });
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) add(node, node.text);
    else if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      for (const lit of shownLiterals(node.expression)) add(lit, literalText(lit));
    } else if (ts.isJsxAttribute(node) && TEXT_PROPS.has(node.name.getText(sf))) {
      const init = node.initializer;
      if (init && ts.isStringLiteral(init)) add(node, init.text);
      else if (init && ts.isJsxExpression(init) && init.expression) for (const lit of shownLiterals(init.expression)) add(lit, literalText(lit));
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}
