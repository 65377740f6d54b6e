/** What a call record keeps of a page URL: origin and path, never the query or fragment (they may carry a code). Pure. */
export function pageOf(raw: string): string {
  try {
    const u = new URL(raw);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return '';
    return `${u.origin}${u.pathname}`.slice(0, 512);
  } catch {
    return '';
  }
}
