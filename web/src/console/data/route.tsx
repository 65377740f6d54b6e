import type { AccountPageProps, AccountRoute } from '../route.js';
import { DataPageView } from './DataPage.js';
import { DATA_PAGE_SPECS } from './pages.js';

/** 数据: user, content, menu, message and API analysis, one page each. */
export const dataRoutes: AccountRoute[] = DATA_PAGE_SPECS.map((spec) => ({
  path: spec.path,
  tab: `data-${spec.page}`,
  group: 'data',
  label: spec.label(),
  component: (props: AccountPageProps) => <DataPageView key={spec.page} {...props} spec={spec} />,
}));
