/**
 * Sentences a person can act on for the menu problems domain/menu.ts reports as WeChat errcodes,
 * e.g. "Button 2 › Sub-button 3: name is longer than 60 bytes (40025)".
 *
 * Shared by the console API and the web console's editor, so this file stays browser-safe: it
 * counts bytes with TextEncoder and imports only constants and pure helpers from menu.ts.
 */
import {
  KEY_MAX_BYTES, MAX_OUTBOUND_DOMAINS, SEND_TEXT_MAX_CHARS, MAX_SUB_BUTTONS, MAX_TOP_BUTTONS, SUB_NAME_MAX_BYTES, TOP_NAME_MAX_BYTES, URL_MAX_BYTES,
} from './menu.js';

/** A problem as validateMenuButtons reports it: the errcode and where, e.g. button.1.sub_button.2.name. */
export interface MenuProblem {
  errcode: number;
  at: string;
}

const encoder = new TextEncoder();
/** UTF-8 byte length (what WeChat counts), without Node's Buffer. */
export const byteLength = (s: string): number => encoder.encode(s).length;

/** The parts of a problem's path: button index, sub-button index, field. */
function parsePath(at: string): { top?: number; sub?: number; field?: string } {
  const parts = at.split('.');
  const out: { top?: number; sub?: number; field?: string } = {};
  let i = 1; // parts[0] is 'button'
  if (/^\d+$/.test(parts[i] ?? '')) out.top = Number(parts[i++]);
  if (parts[i] === 'sub_button' && /^\d+$/.test(parts[i + 1] ?? '')) {
    out.sub = Number(parts[i + 1]);
    i += 2;
  }
  if (parts[i] !== undefined) out.field = parts.slice(i).join('.');
  return out;
}

/** "Button 2 › Sub-button 3", "Button 1", or "Menu" for problems with the whole menu. */
export function menuLocation(at: string): string {
  const { top, sub } = parsePath(at);
  if (top === undefined) return 'Menu';
  return sub === undefined ? `Button ${top + 1}` : `Button ${top + 1} › Sub-button ${sub + 1}`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The raw button a path points at, when the input has one there. */
function rawButton(buttons: unknown, top?: number, sub?: number): Record<string, unknown> | undefined {
  if (!Array.isArray(buttons) || top === undefined) return undefined;
  const t = buttons[top];
  if (sub === undefined) return isRecord(t) ? t : undefined;
  const subs = isRecord(t) ? t.sub_button : undefined;
  const s = Array.isArray(subs) ? subs[sub] : undefined;
  return isRecord(s) ? s : undefined;
}

/** Whether a field was left out (absent, null or the empty string). */
function missing(button: Record<string, unknown> | undefined, field: string): boolean {
  const v = button?.[field];
  return v === undefined || v === null || v === '';
}

const tooLong = (what: string, max: number) => `${what} is longer than ${max} bytes`;

/** The sentence (without location and errcode) for one problem. */
function sentence(p: MenuProblem, buttons: unknown): string {
  const { top, sub, field } = parsePath(p.at);
  const button = rawButton(buttons, top, sub);
  const level = sub === undefined ? 'top' : 'sub';
  const nameMax = level === 'top' ? TOP_NAME_MAX_BYTES : SUB_NAME_MAX_BYTES;
  switch (p.errcode) {
    case 40016:
      return `a menu has 1 to ${MAX_TOP_BUTTONS} buttons`;
    case 40023:
      return `a sub-menu holds 1 to ${MAX_SUB_BUTTONS} buttons`;
    case 40022:
      return 'a sub-button cannot open a sub-menu of its own';
    case 40018:
    case 40025:
      return missing(button, 'name') ? 'name is required' : tooLong('name', nameMax);
    case 40017:
    case 40024: {
      const subs = button?.sub_button;
      if (Array.isArray(subs) && subs.length > 0) return 'a button that opens a sub-menu has no type of its own';
      if (missing(button, 'type')) return 'choose what the button does (type)';
      return `“${String(button?.type).slice(0, 40)}” is not a menu button type`;
    }
    case 40019:
    case 40026:
      return missing(button, 'key') ? 'key is required' : tooLong('key', KEY_MAX_BYTES);
    case 40020:
    case 40027:
      return missing(button, 'url') ? 'URL is required' : tooLong('URL', URL_MAX_BYTES);
    case 40054:
    case 40055:
      return 'URL must be a full http:// or https:// link without spaces or credentials';
    case 40166:
      return 'Mini Program AppID must be “wx” followed by 16 hexadecimal digits';
    case 85005:
      return 'the mini program is not linked to this account (link it under Mini Programs first)';
    case 48001:
      return 'this account type cannot use mini programs this way';
    case 41030:
      return missing(button, 'pagepath') ? 'Mini Program page path is required' : 'Mini Program page path is too long';
    case 40007:
      return missing(button, 'media_id') ? 'media_id is required' : 'media_id is too long';
    case 53600:
      return missing(button, 'article_id') ? 'article_id is required' : 'article_id is too long';
    case 65316:
      return `the menu's links lead to more than ${MAX_OUTBOUND_DOMAINS} different domains`;
    case 40033:
      return `${field ?? 'the menu'} must be plain text without control characters`;
    case 47001:
      if (field === 'value' && (button?.value == null || typeof button.value === 'string')) return missing(button, 'value') || (typeof button?.value === 'string' && button.value.trim() === '') ? 'the message text is required' : `the message text is at most ${SEND_TEXT_MAX_CHARS} characters`;
      return `${field ?? 'the menu'} is not in the expected format`;
    default:
      return 'the menu was refused';
  }
}

/**
 * The message for a menu problem: where it is, what is wrong, and WeChat's errcode in brackets,
 * e.g. "Button 2 › Sub-button 3: name is longer than 60 bytes (40025)". `buttons` is the
 * submitted button array; it lets the sentence tell a missing field from a too long one.
 */
export function describeMenuProblem(problem: MenuProblem, buttons: unknown): string {
  return `${menuLocation(problem.at)}: ${sentence(problem, buttons)} (${problem.errcode})`;
}
