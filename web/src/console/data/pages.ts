import { t } from '../../i18n/index.js';
import type { DataPage } from './types.js';

/** A section of a Data page: one table of the server's answer, drawn as a chart above it. */
export interface DataSection {
  table: string;
  title: () => string;
  /** The chart's series (columns) and its categories' column (the table's first by default). */
  chart?: { kind: 'line' | 'bar'; series: string[]; x?: string };
  /** A second chart of the same table (the running total beside the daily changes). */
  chart2?: { kind: 'line' | 'bar'; series: string[]; x?: string };
}

export interface DataPageSpec {
  page: DataPage;
  path: string;
  label: () => string;
  intro: () => string;
  sections: DataSection[];
}

/** The five Data pages in the MP backend's order and words. */
export const DATA_PAGE_SPECS: DataPageSpec[] = [
  {
    page: 'users',
    path: 'data/users',
    label: () => t('data.users'),
    intro: () => t('data.usersIntro'),
    sections: [
      { table: 'daily', title: () => t('data.usersDaily'), chart: { kind: 'line', series: ['new_user', 'cancel_user', 'net_user'] }, chart2: { kind: 'line', series: ['cumulate_user'] } },
      { table: 'sources', title: () => t('data.usersSources'), chart: { kind: 'bar', series: ['new_user', 'cancel_user'] } },
    ],
  },
  {
    page: 'content',
    path: 'data/content',
    label: () => t('data.content'),
    intro: () => t('data.contentIntro'),
    sections: [
      { table: 'daily', title: () => t('data.contentDaily'), chart: { kind: 'line', series: ['int_page_read_count', 'share_count'] } },
      { table: 'scenes', title: () => t('data.contentScenes'), chart: { kind: 'bar', series: ['share_count', 'share_user'] } },
      { table: 'articles', title: () => t('data.contentArticles') },
    ],
  },
  {
    page: 'menus',
    path: 'data/menus',
    label: () => t('data.menus'),
    intro: () => t('data.menusIntro'),
    sections: [
      { table: 'daily', title: () => t('data.menusDaily'), chart: { kind: 'line', series: ['click_count', 'click_user'] } },
      { table: 'buttons', title: () => t('data.menusButtons'), chart: { kind: 'bar', series: ['click_count', 'click_user'], x: 'name' } },
    ],
  },
  {
    page: 'messages',
    path: 'data/messages',
    label: () => t('data.messages'),
    intro: () => t('data.messagesIntro'),
    sections: [
      { table: 'daily', title: () => t('data.messagesDaily'), chart: { kind: 'bar', series: ['msg_type_1', 'msg_type_2', 'msg_type_3', 'msg_type_4', 'msg_type_6'] } },
      { table: 'types', title: () => t('data.messagesTypes') },
      { table: 'distribution', title: () => t('data.messagesDistribution'), chart: { kind: 'bar', series: ['msg_user'] } },
    ],
  },
  {
    page: 'api',
    path: 'data/api',
    label: () => t('data.api'),
    intro: () => t('data.apiIntro'),
    sections: [
      { table: 'daily', title: () => t('data.apiDaily'), chart: { kind: 'line', series: ['callback_count', 'fail_count'] }, chart2: { kind: 'line', series: ['avg_time_cost', 'max_time_cost'] } },
      { table: 'wechat', title: () => t('data.apiWechat') },
    ],
  },
];
