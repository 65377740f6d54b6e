import type { ComponentType } from 'react';
import type { Capability } from '../../../src/modules/accounts/rules/capabilities.js';
import type { AccountDetail } from './types.js';

/** What every page of an account receives: the account, loaded once by the account frame. */
export interface AccountPageProps {
  account: AccountDetail;
}

/**
 * The navigation's groups, as the MP backend groups its pages: 首页; 内容管理; 互动管理; 用户管理;
 * 数据; 广告与服务; 设置与开发.
 */
export type NavGroup = 'home' | 'content' | 'interaction' | 'users' | 'data' | 'ads' | 'settings';

/**
 * A page of an account, declared once by its feature folder: the account frame routes to it,
 * its tab bar and the navigation list it.
 */
export interface AccountRoute {
  /** Below /console/accounts/:appid ('' is the account's first page); `:name?` is optional. */
  path: string;
  /** The tab the page belongs to (the drafts tab holds the draft box and the editor). */
  tab: string;
  /** The navigation group the tab is listed in. */
  group: NavGroup;
  /** The tab's label: set on the one page the tab opens. */
  label?: string;
  component: ComponentType<AccountPageProps>;
  /** The capability the page's features need: the tab is marked when the account lacks it. */
  capability?: Capability;
}

/** A page of the platform settings (platform administrators only). */
export interface AdminRoute {
  /** Below /console/admin. */
  path: string;
  label: string;
  /** The navigation's icon. */
  icon: string;
  component: ComponentType;
}

/** Where a route's tab links: its path without optional segments. */
export const linkPath = (path: string) => path.replace(/\/:[^/]+\?$/, '');

/** The console address of an account page (`''` for the account's first page). */
export const accountHref = (appid: string, path = '') => `/console/accounts/${appid}${path ? `/${linkPath(path)}` : ''}`;
