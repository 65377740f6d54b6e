import type { AccountRoute } from '../route.js';
import { SettingsPage } from './SettingsPage.js';
import { t } from '../../i18n/index.js';

/** 公众号设置: the account's profile, avatar, verification and QR code. */
export const settingsRoutes: AccountRoute[] = [{ path: 'settings', tab: 'settings', group: 'settings', label: t('settings.accountSettings'), component: SettingsPage }];
