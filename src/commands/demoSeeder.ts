import { count } from 'drizzle-orm';
import type { Services } from '../services.js';
import { accounts, organizations } from '../db/schema/index.js';
import { registerAccount } from './accountRegistrar.js';

export interface DemoCredentials {
  email: string;
  password: string;
  accounts: { label: string; appid: string; secret?: string }[];
}

/**
 * First start in emulator mode: a platform admin, an organization, a verified service account
 * and a verified subscription account, and a few followers of both. Later starts change nothing
 * and report the existing AppIDs (secrets are only shown once).
 */
export async function seedDemo(services: Services): Promise<DemoCredentials> {
  const { db } = services;
  const [{ n }] = await db.select({ n: count() }).from(organizations);
  const email = 'admin@herald.local';
  const password = 'herald-admin';
  if (n > 0) {
    const rows = await db.select().from(accounts).orderBy(accounts.createdAt).limit(2);
    return { email, password, accounts: rows.map((a) => ({ label: `${a.type} account`, appid: a.appid })) };
  }
  const [org] = await db.insert(organizations).values({ name: 'Demo Organization' }).returning();
  const svc = await registerAccount(db, { orgId: org.id, type: 'service', verified: true, name: 'Herald Coffee', wechatId: 'herald_coffee', description: 'A verified service account: orders, support and payments.' });
  const sub = await registerAccount(db, { orgId: org.id, type: 'subscription', verified: true, name: 'Herald Daily', wechatId: 'herald_daily', description: 'A verified subscription account: one article digest a day.' });
  return {
    email,
    password,
    accounts: [
      { label: 'Service account', appid: svc.account.appid, secret: svc.secret },
      { label: 'Subscription account', appid: sub.account.appid, secret: sub.secret },
    ],
  };
}
