import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * WeChat's XML: building the messages Herald pushes and parsing what developer servers answer.
 *
 * Building is done by hand rather than with a generic builder because the format is tiny and
 * exact: strings in CDATA, numbers bare, one element per line as WeChat sends them.
 *
 * Parsing treats the input as hostile: a size cap, no DOCTYPE (so no custom or external
 * entities, no billion laughs), a nesting cap, and well-formedness checked before any tree is
 * built. Only the predefined XML entities and character references are decoded.
 */

/** A value the builder accepts: strings become CDATA, numbers and bigints are bare. */
export type XmlValue = string | number | bigint | XmlFields | XmlValue[];
/** Named fields of an element to build. */
export interface XmlFields {
  [name: string]: XmlValue | null | undefined;
}

/** A parsed value: text for leaves, an element for nested fields, an array for repeats. */
export type XmlNode = string | XmlElement | XmlNode[];
/** Named fields of a parsed element. */
export interface XmlElement {
  [name: string]: XmlNode;
}

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function cdata(s: string): string {
  // "]]>" cannot appear inside CDATA: split it across two sections.
  return `<![CDATA[${s.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

function element(name: string, value: XmlValue): string {
  if (!NAME_RE.test(name)) throw new Error(`invalid XML element name ${name}`);
  if (Array.isArray(value)) return value.map((v) => element(name, v)).join('');
  if (typeof value === 'string') return `<${name}>${cdata(value)}</${name}>`;
  if (typeof value === 'number' || typeof value === 'bigint') return `<${name}>${String(value)}</${name}>`;
  return `<${name}>${children(value, '')}</${name}>`;
}

function children(fields: XmlFields, sep: string): string {
  return Object.entries(fields)
    .filter((e): e is [string, XmlValue] => e[1] !== undefined && e[1] !== null)
    .map(([k, v]) => element(k, v))
    .join(sep);
}

/** Builds `<xml>…</xml>` as WeChat does. Null and undefined fields are left out. */
export function buildXml(fields: XmlFields, root = 'xml'): string {
  return `<${root}>${children(fields, '\n')}\n</${root}>`;
}

/** Why a document was rejected. */
export class XmlError extends Error {
  constructor(
    readonly reason: 'empty' | 'too_large' | 'too_deep' | 'doctype' | 'malformed',
    message: string,
  ) {
    super(message);
    this.name = 'XmlError';
  }
}

/** Limits for parsing untrusted XML. */
export interface ParseXmlOptions {
  /** Bytes (UTF-8) accepted at most; default 256 KiB. */
  maxBytes?: number;
  /** Element nesting accepted at most, the root included; default 16. */
  maxDepth?: number;
}

/** The largest XML document accepted from a developer server. */
export const DEFAULT_MAX_XML_BYTES = 256 * 1024;
const DEFAULT_MAX_DEPTH = 16;

/**
 * A linear scan before parsing: rejects declarations (DOCTYPE, ENTITY ...) outside CDATA and
 * measures nesting, so nothing recursive ever sees a hostile document.
 */
function prescan(text: string, maxDepth: number): void {
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) break;
    if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      if (end < 0) throw new XmlError('malformed', 'Unterminated CDATA section.');
      i = end + 3;
    } else if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end < 0) throw new XmlError('malformed', 'Unterminated comment.');
      i = end + 3;
    } else if (text.startsWith('<!', lt)) {
      throw new XmlError('doctype', 'DOCTYPE and entity declarations are not allowed.');
    } else if (text.startsWith('<?', lt)) {
      const end = text.indexOf('?>', lt + 2);
      if (end < 0) throw new XmlError('malformed', 'Unterminated processing instruction.');
      i = end + 2;
    } else if (text.startsWith('</', lt)) {
      depth--;
      i = lt + 2;
    } else {
      const end = text.indexOf('>', lt + 1);
      if (end < 0) throw new XmlError('malformed', 'Unterminated tag.');
      if (text[end - 1] !== '/') {
        depth++;
        if (depth > maxDepth) throw new XmlError('too_deep', `Elements are nested more than ${maxDepth} deep.`);
      }
      i = end + 1;
    }
  }
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  // Decodes character references (&#20320;) besides the five XML entities; never DOCTYPE ones.
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: 64,
});

function normalise(v: unknown): XmlNode {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return v.map(normalise);
  if (v && typeof v === 'object') {
    const out: XmlElement = {};
    for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
      // Whitespace (and stray text) between child elements is not a field.
      if (k === '#text') continue;
      out[k] = normalise(child);
    }
    return out;
  }
  return '';
}

/**
 * Parses an untrusted XML document. Returns the root element's name and its fields. Throws
 * XmlError (never anything else) for input that is empty, too large, too deep, declares a
 * DOCTYPE or is not well-formed.
 */
export function parseXml(input: string | Buffer, opts: ParseXmlOptions = {}): { root: string; fields: XmlElement } {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_XML_BYTES;
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.length;
  if (size > maxBytes) throw new XmlError('too_large', `The document is ${size} bytes; at most ${maxBytes} are accepted.`);
  const text = (typeof input === 'string' ? input : input.toString('utf8')).replace(/^\uFEFF/, '').trim();
  if (text.length === 0) throw new XmlError('empty', 'The document is empty.');
  if (!text.startsWith('<')) throw new XmlError('malformed', 'The answer is not XML.');
  prescan(text, opts.maxDepth ?? DEFAULT_MAX_DEPTH);
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new XmlError('malformed', `The XML is not well-formed: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col}).`);
  }
  let tree: unknown;
  try {
    tree = parser.parse(text);
  } catch (err) {
    throw new XmlError('malformed', `The XML could not be parsed: ${(err as Error).message}`);
  }
  const roots = Object.entries((tree ?? {}) as Record<string, unknown>).filter(([k]) => k !== '#text');
  if (roots.length !== 1) throw new XmlError('malformed', 'The XML must have exactly one root element.');
  const [root, value] = roots[0];
  if (Array.isArray(value)) throw new XmlError('malformed', 'The XML must have exactly one root element.');
  const node = normalise(value);
  return { root, fields: typeof node === 'string' ? {} : (node as XmlElement) };
}

/** A leaf field as text (undefined when absent or not a leaf). */
export function textOf(fields: XmlElement, name: string): string | undefined {
  const v = Object.hasOwn(fields, name) ? fields[name] : undefined;
  return typeof v === 'string' ? v : undefined;
}

/** A nested field as an element (undefined when absent or not an element). */
export function elementOf(fields: XmlElement, name: string): XmlElement | undefined {
  const v = Object.hasOwn(fields, name) ? fields[name] : undefined;
  return v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
}
