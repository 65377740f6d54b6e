/** Content-Disposition for files whose names may be any Unicode (material names such as 春季菜单.png). */

import { LONE_SURROGATE } from '../text.js';

/** Every half pair, for replacing. */
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/**
 * A Content-Disposition header for a stored file name: an ASCII `filename` for old clients and
 * the UTF-8 `filename*` (RFC 6266, RFC 5987) that browsers use, so 春季菜单.png downloads as itself.
 */
export function contentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  // A lone surrogate cannot be percent-encoded as UTF-8: it becomes U+FFFD first.
  const encoded = encodeURIComponent(filename.replace(LONE_SURROGATES, '\uFFFD')).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return ascii === filename ? `${kind}; filename="${ascii}"` : `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
