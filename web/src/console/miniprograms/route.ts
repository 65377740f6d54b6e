import type { AccountRoute } from '../route.js';
import { MiniProgramsPage } from './MiniProgramsPage.js';
import { t } from '../../i18n/index.js';

/** 小程序管理 (广告与服务): the account's links and the organization's mini programs. */
export const miniProgramRoutes: AccountRoute[] = [
  { path: 'miniprograms', tab: 'miniprograms', group: 'ads', label: t('miniprograms.title'), component: MiniProgramsPage, capability: 'miniprogram_link' },
];
