import { DomainError } from '../../platform/errors.js';

/** What the console edits that a developer server takes over while it is enabled. */
export type ApiOwnedFeature = 'menu' | 'auto_replies';

const REASONS: Record<ApiOwnedFeature, string> = {
  menu:
    'The developer server is enabled, so the custom menu belongs to the API (as on WeChat): change it with /cgi-bin/menu/create. ' +
    'To edit it here, disable the server under Developer settings.',
  auto_replies:
    'The developer server is enabled, so every message is pushed to it and it answers followers; auto-replies are not used (as on WeChat). ' +
    'To edit them here, disable the server under Developer settings.',
};

/**
 * Why the console may not change a feature right now, or null when it may. As on WeChat, an
 * account whose developer server is enabled is driven by that server: the console shows the menu
 * and the auto-replies read-only.
 */
export function readOnlyReason(account: { serverEnabled: boolean }, feature: ApiOwnedFeature): string | null {
  return account.serverEnabled ? REASONS[feature] : null;
}

/** Refuses a console write (409 api_owned) while the developer server owns the feature. */
export function requireConsoleOwns(account: { serverEnabled: boolean }, feature: ApiOwnedFeature): void {
  const reason = readOnlyReason(account, feature);
  if (reason) throw new DomainError('api_owned', reason, { feature });
}
