import { count } from 'drizzle-orm';
import type { Services } from '../services.js';
import { accounts } from '../../modules/accounts/schema.js';
import { organizations } from '../../modules/operators/schema.js';
import { registerAccount } from '../../modules/accounts/index.js';
import { createOperator } from '../../modules/operators/index.js';
import { createFollowerUser } from '../../modules/followers/index.js';
import { followAccount } from '../../modules/followers/index.js';
import { seedDemoArticles } from './demoArticles.js';

export interface DemoCredentials {
  email: string;
  password: string;
  accounts: { label: string; appid: string; secret?: string }[];
}

export const DEMO_LOGIN = { email: 'admin@herald.local', password: 'herald-admin' } as const;

const DEMO_FOLLOWERS = [
  { nickname: 'Li Wei', country: 'China', province: 'Shanghai', city: 'Shanghai', language: 'zh_CN', sex: 1 },
  { nickname: 'Wang Fang', country: 'China', province: 'Guangdong', city: 'Shenzhen', language: 'zh_CN', sex: 2 },
  { nickname: 'Chen Jie', country: 'China', province: 'Beijing', city: 'Beijing', language: 'zh_CN', sex: 1 },
  { nickname: 'Emma Brown', country: 'United Kingdom', province: 'England', city: 'London', language: 'en', sex: 2 },
];

/**
 * First start in emulator mode: a platform admin, an organization, a verified service account and
 * a verified subscription account, a few followers of both, a published welcome article and
 * drafts ready to push (src/commands/demoArticles.ts). Later starts change nothing and
 * report the existing AppIDs (AppSecrets are shown only once).
 */
export async function seedDemo(services: Services): Promise<DemoCredentials> {
  const { db } = services;
  const [{ n }] = await db.select({ n: count() }).from(organizations);
  if (n > 0) {
    const rows = await db.select().from(accounts).orderBy(accounts.createdAt).limit(2);
    return { ...DEMO_LOGIN, accounts: rows.map((a) => ({ label: `${a.type === 'service' ? 'Service' : 'Subscription'} account`, appid: a.appid })) };
  }
  const [org] = await db.insert(organizations).values({ name: 'Demo Organization' }).returning();
  await createOperator(db, { orgId: org.id, email: DEMO_LOGIN.email, name: 'Platform Admin', password: DEMO_LOGIN.password, role: 'owner', platformAdmin: true });
  const svc = await registerAccount(db, {
    orgId: org.id, type: 'service', verified: true, name: 'Herald Coffee', wechatId: 'herald_coffee',
    description: 'A verified service account: orders, support and payments.',
  });
  const sub = await registerAccount(db, {
    orgId: org.id, type: 'subscription', verified: true, name: 'Herald Daily', wechatId: 'herald_daily',
    description: 'A verified subscription account: one article digest a day.',
  });
  for (const profile of DEMO_FOLLOWERS) {
    const user = await createFollowerUser(services, profile);
    await followAccount(services, user.id, svc.account.appid);
    await followAccount(services, user.id, sub.account.appid);
  }
  await seedDemoArticles(services, { subscription: sub.account, service: svc.account });
  return {
    ...DEMO_LOGIN,
    accounts: [
      { label: 'Service account', appid: svc.account.appid, secret: svc.secret },
      { label: 'Subscription account', appid: sub.account.appid, secret: sub.secret },
    ],
  };
}
