import { lazy, Suspense } from 'react';
import { Loading } from '../../ui/index.js';
import type { AccountPageProps, AccountRoute } from '../route.js';
import { DATA_PAGE_SPECS } from './pages.js';

/** The pages and ECharts load when a Data page is first opened, not with the console. */
const DataPageView = lazy(() => import('./DataPage.js').then((m) => ({ default: m.DataPageView })));

/** 数据: user, content, menu, message and API analysis, one page each. */
export const dataRoutes: AccountRoute[] = DATA_PAGE_SPECS.map((spec) => ({
  path: spec.path,
  tab: `data-${spec.page}`,
  group: 'data',
  label: spec.label(),
  component: (props: AccountPageProps) => (
    <Suspense fallback={<Loading />}>
      <DataPageView key={spec.page} {...props} spec={spec} />
    </Suspense>
  ),
}));
