import { count } from 'drizzle-orm';
import type { Services } from '../services.js';
import { accounts } from '../../modules/accounts/schema.js';
import { organizations } from '../../modules/operators/schema.js';
import { registerAccount } from '../../modules/accounts/index.js';
import { createOperator } from '../../modules/operators/index.js';
import { createFollowerUser } from '../../modules/followers/index.js';
import { followAccount } from '../../modules/followers/index.js';
import { seedDemoArticles, seedEnglishDemoArticles } from './demoArticles.js';
import { seedDemoHistory } from './demoHistory.js';

export interface DemoCredentials {
  email: string;
  password: string;
  accounts: { label: string; appid: string; secret?: string }[];
  /** The English demo organization's operator (same password). */
  englishEmail: string;
}

export const DEMO_LOGIN = { email: 'admin@herald.local', password: 'herald-admin' } as const;
/** The English demo organization's operator. */
export const DEMO_ENGLISH_EMAIL = 'demo-en@herald.local';

const DAY_MS = 86_400_000;

/** The Chinese organization's followers (WeChat gives a zh_CN user's places in Chinese). */
const DEMO_FOLLOWERS = [
  { nickname: '李伟', country: '中国', province: '上海', city: '上海', language: 'zh_CN', sex: 1 },
  { nickname: '王芳', country: '中国', province: '广东', city: '深圳', language: 'zh_CN', sex: 2 },
  { nickname: '陈杰', country: '中国', province: '北京', city: '北京', language: 'zh_CN', sex: 1 },
];

/** The English organization's followers. */
const DEMO_ENGLISH_FOLLOWERS = [
  { nickname: 'Emma Brown', country: 'United Kingdom', province: 'England', city: 'London', language: 'en', sex: 2 },
  { nickname: 'James Wilson', country: 'Australia', province: 'New South Wales', city: 'Sydney', language: 'en', sex: 1 },
];

/**
 * First start in emulator mode, Chinese first: a platform admin and a Chinese organization with a
 * verified service account (莲花咖啡) and a verified subscription account (莲花日报, whose yearly
 * verification runs out in 20 days, so 首页 shows the notice), followers of both, a published
 * welcome article and drafts ready to push (demoArticles.ts). Beside it an English organization
 * with its own subscription account, followers and English articles. Later starts change
 * nothing and report the existing AppIDs (AppSecrets are shown only once). Both subscription
 * accounts get a few weeks of recorded activity for the Data pages (demoHistory.ts), unless
 * `history` is false (tests that count the demo's followers exactly).
 */
export async function seedDemo(services: Services, opts: { history?: boolean } = {}): Promise<DemoCredentials> {
  const { db } = services;
  const [{ n }] = await db.select({ n: count() }).from(organizations);
  if (n > 0) {
    const rows = await db.select().from(accounts).orderBy(accounts.createdAt).limit(3);
    return { ...DEMO_LOGIN, englishEmail: DEMO_ENGLISH_EMAIL, accounts: rows.map((a) => ({ label: `${a.name} (${a.type})`, appid: a.appid })) };
  }
  const now = services.clock.nowMs();
  const [org] = await db.insert(organizations).values({ name: '莲花传媒（示例）' }).returning();
  await createOperator(db, { orgId: org.id, email: DEMO_LOGIN.email, name: '平台管理员', password: DEMO_LOGIN.password, role: 'owner', platformAdmin: true });
  const svc = await registerAccount(db, {
    orgId: org.id, type: 'service', verified: true, verifiedUntil: new Date(now + 300 * DAY_MS), name: '莲花咖啡', wechatId: 'herald_coffee',
    description: '已认证的服务号：点单、客服与支付。',
  });
  const sub = await registerAccount(db, {
    orgId: org.id, type: 'subscription', verified: true, verifiedUntil: new Date(now + 20 * DAY_MS), name: '莲花日报', wechatId: 'herald_daily',
    description: '已认证的订阅号：每天一份文章摘要。',
  });
  for (const profile of DEMO_FOLLOWERS) {
    const user = await createFollowerUser(services, profile);
    await followAccount(services, user.id, svc.account.appid);
    await followAccount(services, user.id, sub.account.appid);
  }
  await seedDemoArticles(services, { subscription: sub.account, service: svc.account });

  const [englishOrg] = await db.insert(organizations).values({ name: 'Herald Demo (English)' }).returning();
  await createOperator(db, { orgId: englishOrg.id, email: DEMO_ENGLISH_EMAIL, name: 'Demo Operator', password: DEMO_LOGIN.password, role: 'owner', platformAdmin: false });
  const english = await registerAccount(db, {
    orgId: englishOrg.id, type: 'subscription', verified: true, verifiedUntil: new Date(now + 200 * DAY_MS), name: 'Herald Daily', wechatId: 'herald_daily_en',
    description: 'A verified subscription account: one article digest a day.',
  });
  for (const profile of DEMO_ENGLISH_FOLLOWERS) {
    const user = await createFollowerUser(services, profile);
    await followAccount(services, user.id, english.account.appid);
  }
  await seedEnglishDemoArticles(services, english.account);
  // A few weeks of follows, reads, shares, messages and menu taps for the Data pages (数据).
  if (opts.history !== false) await seedDemoHistory(services, [
    {
      id: sub.account.id,
      appid: sub.account.appid,
      names: ['张敏', '刘洋', '赵磊', '孙丽', '周强', '吴静', '郑浩', '冯雪'],
      words: ['今天的摘要很有用', '请问明天几点更新？', '谢谢推荐', '想看更多科技新闻'],
      menu: [
        { type: 'click', name: '今日摘要', key: 'TODAY' },
        { type: 'click', name: '往期回顾', key: 'ARCHIVE' },
        { type: 'view', name: '关于我们', url: 'https://example.com/about' },
      ],
    },
    {
      id: english.account.id,
      appid: english.account.appid,
      names: ['Olivia', 'Noah', 'Ava', 'Liam', 'Mia', 'Lucas', 'Zoe', 'Ethan'],
      words: ['Loved today’s digest', 'When is the next issue?', 'Thanks for the tip', 'More tech news please'],
      menu: [
        { type: 'click', name: 'Today', key: 'TODAY' },
        { type: 'click', name: 'Archive', key: 'ARCHIVE' },
        { type: 'view', name: 'About', url: 'https://example.com/about' },
      ],
    },
  ]);
  return {
    ...DEMO_LOGIN,
    englishEmail: DEMO_ENGLISH_EMAIL,
    accounts: [
      { label: '服务号 莲花咖啡', appid: svc.account.appid, secret: svc.secret },
      { label: '订阅号 莲花日报', appid: sub.account.appid, secret: sub.secret },
      { label: 'English: Herald Daily', appid: english.account.appid, secret: english.secret },
    ],
  };
}
