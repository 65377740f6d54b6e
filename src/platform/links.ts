/**
 * Links followers are shown (a menu's view button, a link in an auto-reply): no rule of any one
 * module, only what makes a URL safe to show.
 */

/**
 * The lower-cased host of an http(s) link, or undefined when the text is not one: no spaces or
 * control characters, a host, and no credentials.
 */
export function linkHost(url: string): string | undefined {
  if (!/^https?:\/\/[^\s/?#]+/i.test(url) || /[\s\u0000-\u001f\u007f]/.test(url)) return undefined;
  try {
    const u = new URL(url);
    // Credentials in a link are refused: the phone would show them to every follower.
    if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !u.hostname || u.username || u.password) return undefined;
    return u.hostname.toLowerCase();
  } catch {
    return undefined;
  }
}
