import { adminRoutes } from './admin/route.js';
import { articleRoutes } from './articles/route.js';
import { autoReplyRoutes } from './autoreply/route.js';
import { broadcastRoutes } from './broadcasts/route.js';
import { commentRoutes } from './comments/route.js';
import { dataRoutes } from './data/route.js';
import { developerRoutes } from './developer/route.js';
import { followerRoutes } from './followers/route.js';
import { homeRoutes } from './home/route.js';
import { inboxRoutes } from './inbox/route.js';
import { inspectorRoutes } from './inspector/route.js';
import { materialRoutes } from './materials/route.js';
import { menuRoutes } from './menu/route.js';
import { miniProgramRoutes } from './miniprograms/route.js';
import { messageRoutes } from './messages/route.js';
import { revenueRoutes } from './revenue/route.js';
import { settingsRoutes } from './settings/route.js';
import { verificationRoutes } from './verification/route.js';
import { costsRoutes } from './costs/route.js';
import { enforcementRoutes } from './enforcement/route.js';
import { webauthRoutes } from './webauth/route.js';
import { templateRoutes } from './templates/route.js';
import { payRoutes } from './pay/route.js';
import { subscribeRoutes } from './subscribe/route.js';
import type { AccountRoute, AdminRoute, NavGroup } from './route.js';
import { t } from '../i18n/index.js';

/**
 * Every page of an account. Each feature folder declares its own pages (route.ts); the router,
 * the account's tab bar and the navigation read this list.
 */
export const ACCOUNT_ROUTES: readonly AccountRoute[] = [
  ...homeRoutes,
  ...articleRoutes,
  ...materialRoutes,
  ...broadcastRoutes,
  ...messageRoutes,
  ...commentRoutes,
  ...autoReplyRoutes,
  ...menuRoutes,
  ...inboxRoutes,
  ...followerRoutes,
  ...templateRoutes,
  ...subscribeRoutes,
  ...payRoutes,
  ...miniProgramRoutes,
  ...dataRoutes,
  ...revenueRoutes,
  ...settingsRoutes,
  ...verificationRoutes,
  ...enforcementRoutes,
  ...costsRoutes,
  ...developerRoutes,
  ...webauthRoutes,
  ...inspectorRoutes,
];

/** The navigation's groups in the MP backend's order and words (the home page stands alone). */
export const NAV_GROUPS: ReadonlyArray<{ id: NavGroup; label: string }> = [
  { id: 'home', label: '' },
  { id: 'content', label: t('frame.groupContent') },
  { id: 'interaction', label: t('frame.groupInteraction') },
  { id: 'users', label: t('frame.groupUsers') },
  { id: 'data', label: t('frame.groupData') },
  { id: 'ads', label: t('frame.groupAds') },
  { id: 'settings', label: t('frame.groupSettings') },
];

/** The tabs of an account (the pages that carry a label), group by group. */
export const ACCOUNT_TABS: readonly AccountRoute[] = NAV_GROUPS.flatMap((g) => ACCOUNT_ROUTES.filter((r) => r.label && r.group === g.id));

/** The account's tabs under their groups, in navigation order (groups without a tab left out). */
export const ACCOUNT_TAB_GROUPS = NAV_GROUPS.map((g) => ({ ...g, tabs: ACCOUNT_TABS.filter((r) => r.group === g.id) })).filter((g) => g.tabs.length > 0);

/** The platform settings' pages, in tab order. */
export const ADMIN_ROUTES: readonly AdminRoute[] = adminRoutes;
