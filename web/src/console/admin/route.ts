import type { AdminRoute } from '../route.js';
import { IcpDomainsPage } from './IcpDomainsPage.js';
import { ModerationTermsPage } from './ModerationTermsPage.js';

/** The platform settings' pages. */
export const adminRoutes: AdminRoute[] = [
  { path: 'moderation', label: 'Content moderation', icon: '⚑', component: ModerationTermsPage },
  { path: 'icp-domains', label: 'ICP-filed domains', icon: '◎', component: IcpDomainsPage },
];
