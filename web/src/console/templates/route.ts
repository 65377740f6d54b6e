import type { AccountRoute } from '../route.js';
import { TemplatesPage } from './TemplatesPage.js';
import { t } from '../../i18n/index.js';

/** 模板消息: industries, templates from the library, sent template messages (verified service accounts). */
export const templateRoutes: AccountRoute[] = [{ path: 'templates', tab: 'templates', group: 'ads', label: t('templates.templateMessages'), component: TemplatesPage, capability: 'template' }];
