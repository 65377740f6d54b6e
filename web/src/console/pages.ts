import { adminRoutes } from './admin/route.js';
import { articleRoutes } from './articles/route.js';
import { autoReplyRoutes } from './autoreply/route.js';
import { broadcastRoutes } from './broadcasts/route.js';
import { commentRoutes } from './comments/route.js';
import { developerRoutes } from './developer/route.js';
import { followerRoutes } from './followers/route.js';
import { homeRoutes } from './home/route.js';
import { inboxRoutes } from './inbox/route.js';
import { inspectorRoutes } from './inspector/route.js';
import { materialRoutes } from './materials/route.js';
import { menuRoutes } from './menu/route.js';
import { messageRoutes } from './messages/route.js';
import { revenueRoutes } from './revenue/route.js';
import { settingsRoutes } from './settings/route.js';
import { webauthRoutes } from './webauth/route.js';
import { templateRoutes } from './templates/route.js';
import type { AccountRoute, AdminRoute } from './route.js';

/**
 * Every page of an account, in tab order. Each feature folder declares its own pages
 * (route.ts); the router, the account's tab bar and the navigation read this list.
 */
export const ACCOUNT_ROUTES: readonly AccountRoute[] = [
  ...homeRoutes,
  ...settingsRoutes,
  ...developerRoutes,
  ...webauthRoutes,
  ...inspectorRoutes,
  ...menuRoutes,
  ...autoReplyRoutes,
  ...followerRoutes,
  ...messageRoutes,
  ...inboxRoutes,
  ...commentRoutes,
  ...articleRoutes,
  ...materialRoutes,
  ...broadcastRoutes,
  ...templateRoutes,
  ...revenueRoutes,
];

/** The tabs of an account: the pages that carry a label. */
export const ACCOUNT_TABS: readonly AccountRoute[] = ACCOUNT_ROUTES.filter((r) => r.label);

/** The platform settings' pages, in tab order. */
export const ADMIN_ROUTES: readonly AdminRoute[] = adminRoutes;
